"""URLs of the monitoring cycle: sheets. Included by monitoring/urls.py (namespace "monitoring")."""

from django.urls import path

from . import views

ACTION = "plans/<slug:short_name>/acties/<str:code>/"
SHEET = f"{ACTION}fiche/"

urlpatterns = [
    path(SHEET, views.sheet_detail, name="sheet_detail"),
    path(f"{ACTION}fiche.pdf", views.sheet_pdf, name="sheet_pdf"),
    path(f"{SHEET}bewerken/", views.sheet_edit, name="sheet_edit"),
    path(f"{SHEET}partners/", views.sheet_partners, name="sheet_partners"),
    path(f"{SHEET}versies/", views.sheet_versions, name="sheet_versions"),
    path(f"{SHEET}versies/<id:number>/", views.sheet_version, name="sheet_version"),
    path(f"{SHEET}mijlpalen/nieuw/", views.milestone_add, name="milestone_add"),
    path(f"{SHEET}mijlpalen/<id:pk>/", views.milestone_edit, name="milestone_edit"),
    path(
        f"{SHEET}mijlpalen/<id:pk>/verwijderen/",
        views.milestone_delete,
        name="milestone_delete",
    ),
    path(f"{SHEET}indicatoren/nieuw/", views.indicator_add, name="indicator_add"),
    path(f"{SHEET}indicatoren/<id:pk>/", views.indicator_edit, name="indicator_edit"),
    path(f"{SHEET}begroting/nieuw/", views.budgetline_add, name="budgetline_add"),
    path(f"{SHEET}begroting/<id:pk>/", views.budgetline_edit, name="budgetline_edit"),
    # Last: the steps of the workflow (indienen, goedkeuren, terugsturen, herzien).
    path(f"{SHEET}<slug:transition>/", views.sheet_transition, name="sheet_transition"),
]
