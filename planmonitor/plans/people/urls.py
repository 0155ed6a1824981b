from django.urls import path

from . import views

urlpatterns = [
    path(
        "plans/<slug:short_name>/zonder-eigenaar/",
        views.actions_without_owner,
        name="actions_without_owner",
    ),
    path(
        "beheer/<slug:short_name>/herverdelen/ministers/",
        views.minister_reassign,
        name="minister_reassign",
    ),
    path(
        "beheer/<slug:short_name>/herverdelen/organisaties/",
        views.organisation_reassign,
        name="organisation_reassign",
    ),
]
