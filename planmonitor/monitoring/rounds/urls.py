"""URLs of the monitoring cycle: rounds. Included by monitoring/urls.py (namespace "monitoring")."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("plans/<slug:short_name>/rondes/", views.round_list, name="round_list"),
    path("plans/<slug:short_name>/rondes/nieuw/", views.round_create, name="round_create"),
    path("plans/<slug:short_name>/rondes/<id:pk>/", views.round_detail, name="round_detail"),
    path(
        "plans/<slug:short_name>/rondes/<id:pk>/afsluiten/",
        views.round_close,
        name="round_close",
    ),
    path(
        "plans/<slug:short_name>/rondes/<id:pk>/heropenen/",
        views.round_reopen,
        name="round_reopen",
    ),
]
