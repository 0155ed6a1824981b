"""The error pages: 400, 403, 404 and 500 in the site's layout (``handler*`` in urls.py).

Each page says what happened and what the person can do, in the active language.
The 429 page is django-axes' lockout page (``AXES_LOCKOUT_TEMPLATE``), the only rate
limit of the project. The 500 page renders without the database: no context
processors, no session, no query; if even that fails, a fixed bilingual text.
"""

from __future__ import annotations

import logging
import sys

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from planmonitor.core import errors, faults

logger = logging.getLogger(__name__)

# The last resort when the 500 template itself cannot render.
BARE_500 = (
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>planmonitor</title>'
    "</head><body><main><h1>Er ging iets mis</h1><p>Probeer het over enkele minuten opnieuw."
    '</p><p lang="en">Something went wrong. Please try again in a few minutes.</p>'
    '<p><a href="/">planmonitor</a></p></main></body></html>'
)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # The exception's text (a suspicious header, a malformed upload) is not for the page.
    return render(request, "core/errors/400.html", status=HttpResponseBadRequest.status_code)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/errors/403.html",
        {"reason": errors.reason_for(exception)},
        status=HttpResponseForbidden.status_code,
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token (an expired page, a blocked cookie): 403."""
    return render(request, "core/errors/403_csrf.html", status=HttpResponseForbidden.status_code)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Http404's message names models and lookups: not for the page.
    return render(request, "core/errors/404.html", status=HttpResponseNotFound.status_code)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page from the template alone: the database may be what failed.

    A write the database refused outside a view (a session saved after the response)
    gets the 503 page the middleware gives inside one (core/faults.py).
    """
    exception = sys.exc_info()[1]
    refused = faults.response_for(request, exception) if exception is not None else None
    if refused is not None:
        return refused
    try:
        context = {"request": request, "csrf_token": get_token(request)}
        body: str = render_to_string("core/errors/500.html", context)
    except Exception:  # the page of last resort must not fail itself
        logger.exception("The 500 page could not be rendered")
        body = BARE_500
    return HttpResponseServerError(body)


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """A load balancer's probe and the benchmark's baseline: no database, no session."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
