"""The coordinator's publication pages (internal, signed in), namespace ``publication``."""

from django.urls import path

from . import views

app_name = "publication"

PLAN = "plans/<slug:short_name>/publicatie/"

urlpatterns = [
    path(PLAN, views.plan, name="plan"),
    path(PLAN + "rondes/<id:round_id>/publiceren/", views.round_publish, name="round_publish"),
    path(
        PLAN + "rondes/<id:round_id>/depubliceren/",
        views.round_unpublish,
        name="round_unpublish",
    ),
    path(PLAN + "achterhouden/", views.report_withhold, name="report_withhold"),
    path(PLAN + "achterhouden/<id:pk>/vrijgeven/", views.report_release, name="report_release"),
    path(
        PLAN + "evaluaties/<id:job_id>/publiceren/",
        views.evaluation_publish,
        name="evaluation_publish",
    ),
    path(
        PLAN + "evaluaties/<id:job_id>/depubliceren/",
        views.evaluation_unpublish,
        name="evaluation_unpublish",
    ),
    path(PLAN + "voorbeeld/", views.preview_start, name="preview_start"),
    path(PLAN + "voorbeeld/stoppen/", views.preview_stop, name="preview_stop"),
]
