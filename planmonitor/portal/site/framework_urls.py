"""The public site's framework pages: index, plan, goals, actions and search."""

from django.urls import path

from . import framework_views as views

framework_patterns: list = [
    path("", views.index, name="index"),
    path("<slug:short_name>/", views.plan, name="plan"),
    path("<slug:short_name>/sd/<str:code>/", views.strategic_goal, name="strategic_goal"),
    path("<slug:short_name>/od/<str:code>/", views.operational_goal, name="operational_goal"),
    path("<slug:short_name>/acties/", views.actions, name="actions"),
    path("<slug:short_name>/acties/<str:code>/", views.action, name="action"),
]
