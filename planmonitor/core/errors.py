"""Expected failures of the domain, and the one place that turns them into HTTP responses.

Services raise these when they refuse a request for a reason the user can act
on; they are not bugs. Each kind says which HTTP status it means:

=====================  ======  ==================================================
class                  status  raised when
=====================  ======  ==================================================
``ApplicationError``   400     (base) a request the domain refuses
``Conflict``           409     the object changed since the user loaded it
                               (``core.locking.EditConflict``)
``TransitionRefused``  409     the object's state does not allow this step or
                               edit (``monitoring.workflow.TransitionRefused``,
                               ``monitoring.sheets.services.SheetLocked``)
``FileRefused``        400     an uploaded file cannot be used
                               (``plans.transfer.reading.FileRejected``,
                               ``monitoring.reports.uploads.Damaged`` and
                               ``UnpacksTooLarge``)
``Forbidden``          403     the person may not do this, for a reason the page
                               may tell them (a ``PermissionDenied``)
=====================  ======  ==================================================

The web UI maps them in one place: a view that handles a refusal on its own page
(a conflict page listing what changed, a form error) catches it; whatever it does
not catch reaches ``ApplicationErrorMiddleware``, which answers with
``response_for(request, error)``: the error page with the class's status and the
error's message. The API maps the same classes with ``status_for`` and
``message_for``, so both speak alike. Catching a subclass by its old name
(``except workflow.TransitionRefused``) keeps working: the old names are these
classes' subclasses.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy


class ApplicationError(Exception):
    """A request the domain refuses, with a message for the user (or the kind's general one)."""

    status = 400
    default_message = gettext_lazy("This request was refused.")

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


class Conflict(ApplicationError):
    """Someone else changed the object after the user loaded it."""

    status = 409
    default_message = gettext_lazy(
        "Someone else changed this in the meantime: reload the page and try again."
    )


class TransitionRefused(ApplicationError):
    """The object's state does not allow what was asked (a workflow step, an edit)."""

    status = 409
    default_message = gettext_lazy("This step is not possible in the current state.")


class FileRefused(ApplicationError):
    """An uploaded file as a whole cannot be used."""

    status = 400
    default_message = gettext_lazy("This file cannot be used.")


class Forbidden(PermissionDenied):
    """A 403 whose message is written for the person: the error page shows it.

    A plain ``PermissionDenied`` (ours without a reason, Django's, a library's) gets the
    page's general text only: its message was never meant for the person and may say
    more than they should learn. Give a reason only where the person may already see
    the object (they are refused a step on it, not its existence).
    """

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


def reason_for(exception: BaseException | None) -> str:
    """What the 403 page may tell the person about why: only a ``Forbidden``'s message."""
    if isinstance(exception, Forbidden):
        return str(exception.message)
    return ""


def status_for(error: ApplicationError) -> int:
    return error.status


def message_for(error: ApplicationError) -> str:
    return str(error.message or error.default_message)


def response_for(request: HttpRequest, error: ApplicationError) -> HttpResponse:
    """The web UI's answer to a refusal no view handled itself."""
    return render(
        request,
        "core/application_error.html",
        {"message": message_for(error)},
        status=status_for(error),
    )


class ApplicationErrorMiddleware:
    """Turns an ``ApplicationError`` that leaves a view into ``response_for``'s page."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, ApplicationError):
            return response_for(request, exception)
        return None
