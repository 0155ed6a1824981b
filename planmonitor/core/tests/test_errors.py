"""The domain's refusals are one family, mapped to HTTP in one place."""

import pytest
from django.test import RequestFactory

from planmonitor.core import errors
from planmonitor.core.locking import EditConflict
from planmonitor.monitoring import workflow
from planmonitor.monitoring.reports import uploads
from planmonitor.monitoring.sheets.services import SheetLocked
from planmonitor.plans.models import Plan
from planmonitor.plans.transfer.reading import FileRejected


@pytest.mark.parametrize(
    ("error", "kind", "status"),
    [
        (EditConflict(current=Plan()), errors.Conflict, 409),
        (
            workflow.TransitionRefused("submit is not possible from approved"),
            errors.TransitionRefused,
            409,
        ),
        (SheetLocked("locked"), errors.TransitionRefused, 409),
        (FileRejected("too large"), errors.FileRefused, 400),
        (uploads.Damaged(), errors.FileRefused, 400),
        (uploads.UnpacksTooLarge(), errors.FileRefused, 400),
    ],
)
def test_it_places_each_refusal_in_its_family(error, kind, status):
    assert isinstance(error, kind)
    assert isinstance(error, errors.ApplicationError)
    assert errors.status_for(error) == status


def test_it_keeps_the_message_callers_show():
    assert str(workflow.TransitionRefused("Deze ronde is gesloten.")) == "Deze ronde is gesloten."
    assert FileRejected("Te groot.").message == "Te groot."


def test_it_gives_a_general_message_where_the_error_has_none():
    assert errors.message_for(EditConflict(current=None)) == str(errors.Conflict.default_message)
    assert errors.message_for(FileRejected("Te groot.")) == "Te groot."


@pytest.mark.django_db
def test_it_answers_an_unhandled_refusal_with_its_status_and_message():
    request = RequestFactory().get("/")
    request.user = None
    middleware = errors.ApplicationErrorMiddleware(lambda request: None)
    response = middleware.process_exception(request, workflow.TransitionRefused("Vergrendeld."))
    assert response.status_code == 409
    assert "Vergrendeld." in response.content.decode()
    assert middleware.process_exception(request, ValueError("a bug")) is None
