"""Pages of evaluation/revisions (joined in evaluation/urls.py)."""

from django.urls import path

from . import views

P = "plans/<slug:short_name>/"
urlpatterns = [
    path(P + "versies/", views.version_list, name="version_list"),
    path(P + "versies/eerste/", views.version_record_first, name="version_record_first"),
    path(P + "versies/vergelijk/", views.version_compare, name="version_compare"),
    path(P + "versies/vergelijk.xlsx", views.version_compare_xlsx, name="version_compare_xlsx"),
    path(P + "versies/<id:number>/", views.version_detail, name="version_detail"),
    path(P + "herzieningen/", views.revision_list, name="revision_list"),
    path(P + "herzieningen/nieuw/", views.revision_open, name="revision_open"),
    path(P + "herzieningen/<id:pk>/", views.revision_detail, name="revision_detail"),
    path(
        P + "herzieningen/<id:pk>/wijzigingen/nieuw/",
        views.revision_change_add,
        name="revision_change_add",
    ),
    path(
        P + "herzieningen/<id:pk>/wijzigingen/<id:change_pk>/",
        views.revision_change_edit,
        name="revision_change_edit",
    ),
    path(
        P + "herzieningen/<id:pk>/wijzigingen/<id:change_pk>/verwijderen/",
        views.revision_change_remove,
        name="revision_change_remove",
    ),
    path(P + "herzieningen/<id:pk>/goedkeuren/", views.revision_approve, name="revision_approve"),
    path(P + "herzieningen/<id:pk>/intrekken/", views.revision_withdraw, name="revision_withdraw"),
]
