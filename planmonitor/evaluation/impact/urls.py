"""Pages of evaluation/impact (joined in evaluation/urls.py)."""

from django.urls import path

from . import views

CONTEXT = "plans/<slug:short_name>/evaluatie/context/"

urlpatterns = [
    path(CONTEXT, views.context_list, name="context_list"),
    path(f"{CONTEXT}nieuw/", views.context_series_create, name="context_series_create"),
    path(f"{CONTEXT}importeren/", views.context_import, name="context_import"),
    path(f"{CONTEXT}<id:pk>/", views.context_series, name="context_series"),
    path(f"{CONTEXT}<id:pk>/waarde/nieuw/", views.context_value_add, name="context_value_add"),
    path(
        f"{CONTEXT}<id:pk>/waarde/<id:value>/",
        views.context_value_edit,
        name="context_value_edit",
    ),
    path(
        f"{CONTEXT}<id:pk>/waarde/<id:value>/verwijderen/",
        views.context_value_delete,
        name="context_value_delete",
    ),
]
