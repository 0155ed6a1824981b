"""Pages of evaluation/snapshots (joined in evaluation/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("evaluatie/", views.snapshot_default, name="snapshot_default"),
    path("plans/<slug:short_name>/evaluatie/", views.snapshot_list, name="snapshot_list"),
    path(
        "plans/<slug:short_name>/evaluatie/momentopnames/<id:pk>/",
        views.snapshot_detail,
        name="snapshot_detail",
    ),
    path(
        "plans/<slug:short_name>/evaluatie/momentopnames/<id:pk>/secties/<slug:key>/",
        views.snapshot_section_edit,
        name="snapshot_section_edit",
    ),
    path(
        "plans/<slug:short_name>/evaluatie/momentopnames/<id:pk>/rapport/",
        views.report_create,
        name="report_create",
    ),
    path(
        "plans/<slug:short_name>/evaluatie/rapporten/<id:pk>/", views.report_job, name="report_job"
    ),
    path(
        "plans/<slug:short_name>/evaluatie/rapporten/<id:pk>/download/",
        views.report_download,
        name="report_download",
    ),
]
