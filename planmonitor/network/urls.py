"""The learning network's pages (coordinators, network members, evaluators)."""

from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    path("netwerk/", views.network_default, name="network_default"),
    path("plans/<slug:short_name>/netwerk/smart/", views.smart_list, name="smart_list"),
    path("plans/<slug:short_name>/netwerk/smart.xlsx", views.smart_xlsx, name="smart_xlsx"),
]
