"""The NinjaAPI: ``/api/openapi.json``, ``/api/docs`` (our own static files, no CDN) and
``/api/v1/…``. Every refusal answers ``ErrorOut`` with its status; nothing answers 500."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from planmonitor.core.errors import Conflict, TransitionRefused

from .v1 import writing
from .v1.errors import ApiRefusal, form_errors

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="planmonitor API",
    version="1",
    description=(
        "The published plans, actions, indicators, reports and values without a token; "
        "with a personal or organisation token (Authorization: Bearer pm_…) also what "
        "its person or organisation reads in planmonitor, and the writes of progress "
        "reports (If-Match with the report's ETag)."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    # No request leaves for another site: Swagger UI would ask validator.swagger.io.
    docs=Swagger(settings={"persistAuthorization": False, "validatorUrl": None}),
    docs_url="/docs",
    docs_decorator=require_safe,  # the schema and the docs are read, never posted to
)
api.add_router("/v1", writing.router)  # the read and write routes (one router)


def _error(request: HttpRequest, status: int, detail: str, errors=None) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors or {}}, status=status)


@api.exception_handler(ApiRefusal)
def refused(request: HttpRequest, error: ApiRefusal) -> HttpResponse:
    response = _error(request, error.status, error.detail, error.errors)
    if error.etag is not None:
        response["ETag"] = f'"{error.etag}"'
    return response


@api.exception_handler(NinjaValidationError)
def invalid(request: HttpRequest, error: NinjaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for item in error.errors:
        location = [
            str(part)
            for part in item.get("loc", ())
            if part not in ("body", "query", "path", "data")
        ]
        errors.setdefault(".".join(location) or "__all__", []).append(str(item.get("msg", "")))
    return _error(request, 422, _("The request is not valid."), errors)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    response = _error(request, 401, _("Give a valid API token: Authorization: Bearer pm_…"))
    response["WWW-Authenticate"] = 'Bearer realm="planmonitor"'
    return response


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return _error(request, 404, str(error) or _("Not found."))


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return _error(request, 403, str(error) or _("Not allowed."))


@api.exception_handler(ValidationError)
def refused_by_service(request: HttpRequest, error: ValidationError) -> HttpResponse:
    return _error(request, 422, _("The request is not valid."), form_errors(error))


@api.exception_handler(TransitionRefused)
def locked(request: HttpRequest, error: TransitionRefused) -> HttpResponse:
    return _error(request, 409, str(error))


@api.exception_handler(Conflict)
def conflict(request: HttpRequest, error: Conflict) -> HttpResponse:
    return _error(request, 412, _("The report changed since you read it: read it again."))


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    return _error(request, error.status_code, str(error))
