"""The plan-wide change log (coordinators, evaluators)."""

from django.urls import path

from . import views

urlpatterns = [
    path("wijzigingen/", views.change_log_default, name="change_log_default"),
    path("plans/<slug:short_name>/wijzigingen/", views.change_log, name="change_log"),
    path("plans/<slug:short_name>/wijzigingen.csv", views.change_log_csv, name="change_log_csv"),
    path("plans/<slug:short_name>/wijzigingen.xlsx", views.change_log_xlsx, name="change_log_xlsx"),
]
