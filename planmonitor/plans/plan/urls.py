"""The plan's own pages: its data, decisions and calendar; editing and publishing them."""

from django.urls import path

from . import views

PLAN = "plans/<slug:short_name>/"
DECISION = PLAN + "beslissingen/<id:decision_id>/"

urlpatterns = [
    path(PLAN, views.plan_detail, name="plan_detail"),
    path(PLAN + "bewerken/", views.plan_edit, name="plan_edit"),
    path(PLAN + "beslissingen/nieuw/", views.decision_add, name="decision_add"),
    path(DECISION + "bewerken/", views.decision_edit, name="decision_edit"),
    path(DECISION + "verwijderen/", views.decision_remove, name="decision_remove"),
    path(PLAN + "publiceren/", views.plan_publish, name="plan_publish"),
    path(PLAN + "depubliceren/", views.plan_unpublish, name="plan_unpublish"),
]
