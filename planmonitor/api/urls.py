"""The REST API under /api/ (django-ninja): see planmonitor/api/api.py."""

from django.http import HttpRequest, JsonResponse
from django.urls import path, reverse
from django.views.decorators.http import require_safe

from .api import api


@require_safe
def root(request: HttpRequest) -> JsonResponse:
    """Where to go from /api/: the docs, the schema and the version's routes.

    ninja's own root view answers 404 (only there to name the API's base path), and a
    404 here is sent on by LocaleMiddleware to /nl/api/, a page of the public site."""
    return JsonResponse(
        {
            "docs": reverse("api:openapi-view"),
            "openapi": reverse("api:openapi-json"),
            "plans": reverse("api:plans"),
        }
    )


# ninja's patterns, its root ("api-root", which ninja reverses) answered by ``root``.
urlpatterns: list = [
    path("", root, name="api-root") if getattr(p, "name", None) == "api-root" else p
    for p in api.urls[0]
]
app_name = "api"
