"""URLs of the monitoring cycle: rounds. Included by monitoring/urls.py (namespace "monitoring")."""

from django.urls import path

from . import views_rounds

urlpatterns: list = [
    path("plans/<slug:short_name>/rondes/", views_rounds.round_list, name="round_list"),
    path("plans/<slug:short_name>/rondes/nieuw/", views_rounds.round_create, name="round_create"),
    path("plans/<slug:short_name>/rondes/<id:pk>/", views_rounds.round_detail, name="round_detail"),
    path(
        "plans/<slug:short_name>/rondes/<id:pk>/afsluiten/",
        views_rounds.round_close,
        name="round_close",
    ),
    path(
        "plans/<slug:short_name>/rondes/<id:pk>/heropenen/",
        views_rounds.round_reopen,
        name="round_reopen",
    ),
]
