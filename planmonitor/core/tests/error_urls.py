"""The project's URLs plus views that fail on purpose, for the error page tests."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.db import connection
from django.urls import path

from planmonitor.core import errors
from planmonitor.urls import handler400, handler403, handler404, handler500  # noqa: F401
from planmonitor.urls import urlpatterns as project_urlpatterns

SECRET = "internal detail: table accounts_user, token 1234"


def crash(request):
    raise RuntimeError(SECRET)


def bad(request):
    raise BadRequest(SECRET)


def refuse(request):
    raise PermissionDenied(SECRET)


def refuse_with_reason(request):
    raise errors.Forbidden("Deze ronde is gesloten.")


def bad_sql(request):
    # An OperationalError that is no refused write: a bug, the 500 page.
    with connection.cursor() as cursor:
        cursor.execute("SELEC 1")


def broken_context_processor(request):
    raise RuntimeError("a context processor that fails")


urlpatterns = [
    path("fout/500/", crash),
    path("fout/400/", bad),
    path("fout/403/", refuse),
    path("fout/403-reden/", refuse_with_reason),
    path("fout/sql/", bad_sql),
    *project_urlpatterns,
]
