"""The report workflow through its URL: every transition allowed and refused, per role."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from planmonitor.monitoring.models import ProgressReport, RoundStatus
from planmonitor.monitoring.reports import services
from planmonitor.monitoring.rounds import services as round_services
from planmonitor.tests.html import parse_html as soup

from .reports_helpers import (
    accepted,
    fresh,
    submitted,
    url,
)

READ_ONLY = ["contributor", "network_member", "evaluator"]
OTHERS = ["other_owner", "outsider"]


def _post(client, report, transition: str, **data):
    return client.post(url("report_transition", report, transition=transition), data)


def _state(report) -> str:
    return fresh(report).state


def _message(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def _in_state(report, state: str, owner, coordinator) -> None:
    if state == "submitted":
        submitted(report, owner)
    elif state == "accepted":
        accepted(report, owner, coordinator)


# --- submit ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "coordinator"])
def test_the_owner_and_the_coordinator_submit(client, report, who, request):
    client.force_login(request.getfixturevalue(who))
    response = _post(client, report, "submit")
    assert response.status_code == 302
    assert response["Location"] == url("report_detail", report)
    saved = fresh(report)
    assert saved.state == "submitted" and saved.submitted_at is not None


@pytest.mark.parametrize("who", READ_ONLY)
def test_readers_cannot_submit(client, report, who, request):
    client.force_login(request.getfixturevalue(who))
    assert _post(client, report, "submit").status_code == 403
    assert _state(report) == "draft"


@pytest.mark.parametrize("who", OTHERS)
def test_others_do_not_even_learn_the_report_exists(client, report, who, request):
    client.force_login(request.getfixturevalue(who))
    for transition in ("submit", "accept", "return", "reopen"):
        assert _post(client, report, transition).status_code == 404
    assert _state(report) == "draft"


def test_anonymous_is_sent_to_login(client, report):
    response = _post(client, report, "submit")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert _state(report) == "draft"


def test_a_returned_report_is_submitted_again(client, report, owner, coordinator):
    submitted(report, owner)
    services.report_transition(
        report_id=report.pk, transition="return", user=coordinator, remarks="Bron?"
    )
    client.force_login(owner)
    _post(client, report, "submit")
    assert _state(report) == "submitted"


@pytest.mark.parametrize("status", ["delayed", "stopped"])
def test_a_delay_or_stop_without_reason_is_not_submitted(client, report, owner, status):
    # A draft may be incomplete; submitting it may not.
    services.report_update(
        report_id=report.pk, values={"implementation_status": status}, expected_version=1
    )
    client.force_login(owner)
    response = _post(client, report, "submit")
    assert response.status_code == 302
    assert _message(response)
    assert _state(report) == "draft"


def test_a_closed_round_refuses_submissions(client, report, owner):
    round_services.round_set_status(round_id=report.round_id, status=RoundStatus.CLOSED)
    client.force_login(owner)
    response = _post(client, report, "submit")
    assert response.status_code == 302 and _message(response)
    assert _state(report) == "draft"


def test_a_submitted_report_is_not_submitted_twice(client, report, owner):
    submitted(report, owner)
    version = fresh(report).version
    client.force_login(owner)
    assert _message(_post(client, report, "submit"))
    assert fresh(report).version == version


# --- accept and return: the coordinator ---------------------------------------------------


def test_the_coordinator_accepts_and_the_report_is_locked(client, report, owner, coordinator):
    submitted(report, owner)
    client.force_login(coordinator)
    assert _post(client, report, "accept").status_code == 302
    assert _state(report) == "accepted"
    for who in (owner, coordinator):
        client.force_login(who)
        assert client.get(url("report_edit", report)).status_code == 403
        assert (
            soup(client.get(url("report_detail", report))).select_one("#report-edit-link") is None
        )


@pytest.mark.parametrize("who", ["owner", *READ_ONLY])
def test_nobody_else_accepts_or_returns(client, report, owner, who, request):
    submitted(report, owner)
    client.force_login(request.getfixturevalue(who))
    assert _post(client, report, "accept").status_code == 403
    assert _post(client, report, "return", remarks="Nee").status_code == 403
    assert _state(report) == "submitted"


def test_the_coordinator_returns_with_remarks(client, report, owner, coordinator):
    submitted(report, owner)
    client.force_login(coordinator)
    assert _post(client, report, "return", remarks="Vul de bron van I1 aan.").status_code == 302
    saved = fresh(report)
    assert (saved.state, saved.remarks) == ("returned", "Vul de bron van I1 aan.")
    client.force_login(owner)
    assert client.get(url("report_edit", report)).status_code == 200


def test_a_return_without_remarks_is_refused(client, report, owner, coordinator):
    submitted(report, owner)
    client.force_login(coordinator)
    response = _post(client, report, "return", remarks="   ")
    assert response.status_code == 302 and _message(response)
    assert _state(report) == "submitted"


def test_a_draft_cannot_be_accepted_or_returned(client, report, coordinator):
    client.force_login(coordinator)
    assert _message(_post(client, report, "accept"))
    assert _message(_post(client, report, "return", remarks="Nog niet ingediend"))
    assert _state(report) == "draft"


def test_a_closed_round_refuses_acceptance(client, report, owner, coordinator):
    submitted(report, owner)
    round_services.round_set_status(round_id=report.round_id, status=RoundStatus.CLOSED)
    client.force_login(coordinator)
    assert _message(_post(client, report, "accept"))
    assert _state(report) == "submitted"


# --- reopen: a correction after acceptance ----------------------------------------------


def test_the_coordinator_reopens_with_a_reason_recorded_in_the_audit_trail(
    client, report, owner, coordinator
):
    accepted(report, owner, coordinator)
    client.force_login(coordinator)
    assert _post(client, report, "reopen", reason="Cijfer I1 was fout.").status_code == 302
    saved = fresh(report)
    assert (saved.state, saved.reopen_reason) == ("draft", "Cijfer I1 was fout.")
    latest = ProgressReport.history.filter(id=report.pk).order_by("-history_date").first()
    assert (latest.state, latest.reopen_reason) == ("draft", "Cijfer I1 was fout.")
    client.force_login(owner)
    assert client.get(url("report_edit", report)).status_code == 200


def test_a_reopen_without_reason_is_refused(client, report, owner, coordinator):
    accepted(report, owner, coordinator)
    client.force_login(coordinator)
    response = _post(client, report, "reopen", reason="")
    assert response.status_code == 302 and _message(response)
    assert _state(report) == "accepted"


@pytest.mark.parametrize("who", ["owner", *READ_ONLY])
def test_nobody_else_reopens(client, report, owner, coordinator, who, request):
    accepted(report, owner, coordinator)
    client.force_login(request.getfixturevalue(who))
    assert _post(client, report, "reopen", reason="Ik wil wijzigen").status_code == 403
    assert _state(report) == "accepted"


@pytest.mark.parametrize("state", ["draft", "submitted"])
def test_only_an_accepted_report_is_reopened(client, report, owner, coordinator, state):
    _in_state(report, state, owner, coordinator)
    client.force_login(coordinator)
    assert _message(_post(client, report, "reopen", reason="Waarom niet"))
    assert _state(report) == state


# --- the URL itself ----------------------------------------------------------------------


def test_an_unknown_transition_is_not_found(client, report, coordinator):
    client.force_login(coordinator)
    assert _post(client, report, "approve").status_code == 404


def test_a_transition_is_post_only(client, report, owner):
    client.force_login(owner)
    assert client.get(url("report_transition", report, transition="submit")).status_code == 405
    assert _state(report) == "draft"
