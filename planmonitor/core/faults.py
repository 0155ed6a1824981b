"""A save the database refuses because its disk is full or it is read-only: one answer.

Every write runs in its service's transaction (``transaction.atomic``), so when the
database refuses a write that transaction is rolled back before the error leaves the
view: nothing of the save is stored. What is left is to tell the person so, instead of
the general 500 page ("check whether it was saved"): HTTP 503, a page that says what
happened, that nothing was saved and what to do; for ``/api/`` the API's error body
(``{"detail": …, "errors": {}}``). The fault is logged with its cause for the operator.

Recognised, by the driver's error code where it gives one (never by Django's class:
a syntax error is an ``OperationalError`` too, and stays a 500):

- SQLite: ``SQLITE_FULL`` ("database or disk is full", also at ``max_page_count``) and
  ``SQLITE_READONLY`` ("attempt to write a readonly database": a file opened with
  ``mode=ro``, read-only permissions, ``PRAGMA query_only``);
- PostgreSQL: SQLSTATE 53100 ``disk_full`` ("could not extend file") and 25006
  ``read_only_sql_transaction`` (``default_transaction_read_only``, a hot standby).

``WriteRefusedMiddleware`` answers what leaves a view; the 500 handler
(``core/views.py:server_error``) asks ``response_for`` too, for a refusal raised
outside a view (a session saved after the response).
"""

from __future__ import annotations

import enum
import logging
import sqlite3

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

SQLITE_FULL = 13
SQLITE_READONLY = 8
PG_DISK_FULL = "53100"
PG_READ_ONLY_TRANSACTION = "25006"
RETRY_AFTER_SECONDS = 300


class Refusal(enum.Enum):
    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"


def _driver_errors(exception: BaseException):
    """The exception and what it was raised from (Django wraps the driver's error)."""
    seen: set[int] = set()
    current: BaseException | None = exception
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__


def refusal_of(exception: BaseException) -> Refusal | None:
    """Whether ``exception`` is the database refusing a write for lack of space or rights."""
    if not isinstance(exception, DatabaseError | sqlite3.DatabaseError):
        return None
    for error in _driver_errors(exception):
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None:
            primary = code & 0xFF  # extended codes keep the primary one in the low byte
            if primary == SQLITE_FULL:
                return Refusal.DISK_FULL
            if primary == SQLITE_READONLY:
                return Refusal.READ_ONLY
        state = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
        if state == PG_DISK_FULL:
            return Refusal.DISK_FULL
        if state == PG_READ_ONLY_TRANSACTION:
            return Refusal.READ_ONLY
    return None


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def _api_response(refusal: Refusal) -> HttpResponse:
    return JsonResponse(
        {"detail": _what(refusal) + " " + gettext("Nothing was saved."), "errors": {}},
        status=503,
    )


def _what(refusal: Refusal) -> str:
    if refusal is Refusal.DISK_FULL:
        return gettext("planmonitor cannot store anything right now: the database's disk is full.")
    return gettext(
        "planmonitor cannot store anything right now: the database is read-only "
        "(for maintenance or after a fault)."
    )


def _page(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    # Like the 500 page: the template alone, no context processor (the database is in
    # trouble; what the nav would read is not worth a second failure).
    context = {"request": request, "csrf_token": get_token(request), "what": _what(refusal)}
    return HttpResponse(render_to_string("core/errors/503.html", context), status=503)


def response_for(request: HttpRequest, exception: BaseException) -> HttpResponse | None:
    """The 503 answer to a refused write, logged; None for any other exception."""
    refusal = refusal_of(exception)
    if refusal is None:
        return None
    logger.error(
        "The database refused a write (%s) on %s %s: nothing was saved",
        refusal.value,
        request.method,
        request.path,
        exc_info=exception,
    )
    response = _api_response(refusal) if _is_api(request) else _page(request, refusal)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class WriteRefusedMiddleware(MiddlewareMixin):
    """Turns a write the database refused (disk full, read-only) into ``response_for``'s 503."""

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return response_for(request, exception)
