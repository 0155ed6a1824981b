"""The token pages (internal, signed in), namespace ``api_tokens``; mounted at the root."""

from django.urls import path

from . import views

app_name = "api_tokens"

PLAN = "plans/<slug:short_name>/api-tokens/"

urlpatterns = [
    path("api-tokens/", views.own_tokens, name="own_tokens"),
    path("api-tokens/nieuw/", views.own_token_create, name="own_token_create"),
    path("api-tokens/<id:pk>/intrekken/", views.own_token_revoke, name="own_token_revoke"),
    path(PLAN, views.plan_tokens, name="plan_tokens"),
    path(PLAN + "nieuw/", views.plan_token_create, name="plan_token_create"),
    path(PLAN + "<id:pk>/intrekken/", views.plan_token_revoke, name="plan_token_revoke"),
]
