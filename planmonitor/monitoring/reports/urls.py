"""URLs of the progress reports. Included by monitoring/urls.py (namespace "monitoring")."""

from django.urls import path

from . import views

REPORT = "plans/<slug:short_name>/rondes/<id:round_pk>/acties/<str:code>/"

urlpatterns: list = [
    path(REPORT, views.report_detail, name="report_detail"),
    path(f"{REPORT}bewerken/", views.report_edit, name="report_edit"),
    path(f"{REPORT}waarden/<id:indicator_pk>/", views.report_value, name="report_value"),
    path(f"{REPORT}bijdragen/", views.contribution_add, name="contribution_add"),
    path(f"{REPORT}bewijs/", views.evidence_add, name="evidence_add"),
    path(f"{REPORT}bewijs/<id:pk>/", views.evidence_download, name="evidence_download"),
    path(f"{REPORT}bewijs/<id:pk>/verwijderen/", views.evidence_delete, name="evidence_delete"),
    path(f"{REPORT}termijn/", views.report_due_date_extend, name="report_due_date_extend"),
    # Last: the fixed words above are not transitions (submit, accept, return, reopen).
    path(f"{REPORT}<slug:transition>/", views.report_transition, name="report_transition"),
]
