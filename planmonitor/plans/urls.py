from django.urls import include, path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("mijn-acties/", views.my_actions, name="my_actions"),
    path("plans/<slug:short_name>/nieuwe-actie/", views.action_create, name="action_create"),
    path("plans/<slug:short_name>/acties/", views.plan_overview, name="plan_overview"),
    path("plans/<slug:short_name>/acties/<str:code>/", views.action_detail, name="action_detail"),
    path(
        "plans/<slug:short_name>/acties/<str:code>/bewerken/",
        views.action_edit,
        name="action_edit",
    ),
    path(
        "plans/<slug:short_name>/acties/<str:code>/opmerkingen/",
        views.comment_add,
        name="comment_add",
    ),
    # The plan page, its decisions and publication: see planmonitor/plans/plan/urls.py
    path("", include("planmonitor.plans.plan.urls")),
    # Import/export pages (coordinator): see planmonitor/plans/transfer/urls.py
    path("", include("planmonitor.plans.transfer.urls")),
    # People change (coordinator): see planmonitor/plans/people/urls.py
    path("", include("planmonitor.plans.people.urls")),
    # The plan-wide change log: see planmonitor/plans/changes/urls.py
    path("", include("planmonitor.plans.changes.urls")),
]
