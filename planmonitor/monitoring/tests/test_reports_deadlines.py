"""Due dates: the coordinator extends one report's, and lateness follows one rule
(monitoring/deadlines.py): only the first submission counts, a resubmission after a
return is never late."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from planmonitor.monitoring import deadlines
from planmonitor.monitoring.models import ProgressReport, Reminder, RoundStatus
from planmonitor.monitoring.reminders import reminders_send
from planmonitor.monitoring.reports import services
from planmonitor.monitoring.workflow import TransitionRefused
from planmonitor.tests.html import parse_html

from .reports_helpers import fresh, submitted, url
from .rounds_helpers import detail_url, give_back, list_url, open_round, report_of

TODAY = timezone.localdate()
YESTERDAY = TODAY - dt.timedelta(days=1)
NEXT_WEEK = TODAY + dt.timedelta(days=7)


@pytest.fixture
def past_due(plan, action, other_action):
    """A round whose due date was yesterday, over both actions."""
    return open_round(
        plan,
        actions=[action, other_action],
        period_start=YESTERDAY - dt.timedelta(days=180),
        period_end=YESTERDAY,
        due_date=YESTERDAY,
    )


def _extend(report, due_date=NEXT_WEEK, reason="Ziekte van de dossierbeheerder."):
    return services.report_due_date_extend(report_id=report.pk, due_date=due_date, reason=reason)


def _first_submitted(report, day: dt.date) -> None:
    """Move the report's first submission to ``day`` (noon, local time)."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    ProgressReport.objects.filter(pk=report.pk).update(
        first_submitted_at=moment, submitted_at=moment
    )


# --- the service ------------------------------------------------------------------------


def test_it_extends_one_report_with_a_reason_and_keeps_its_version(past_due, action):
    report = report_of(past_due, action)

    extended = _extend(report)

    assert (extended.extended_due_date, extended.extension_reason) == (
        NEXT_WEEK,
        "Ziekte van de dossierbeheerder.",
    )
    assert fresh(report).version == report.version  # an owner's open form is no conflict
    assert deadlines.due_date_of(fresh(report)) == NEXT_WEEK
    latest = report.history.order_by("-history_id").first()
    assert latest.extended_due_date == NEXT_WEEK  # in the report's history


def test_it_wants_a_later_date_and_a_reason(past_due, action):
    report = report_of(past_due, action)

    with pytest.raises(ValidationError) as refused:
        _extend(report, due_date=YESTERDAY, reason="  ")

    assert set(refused.value.message_dict) == {"due_date", "reason"}
    assert fresh(report).extended_due_date is None


def test_a_submitted_report_keeps_its_due_date(past_due, action, owner):
    report = submitted(report_of(past_due, action), owner)

    with pytest.raises(TransitionRefused):
        _extend(report)


def test_a_closed_round_refuses_an_extension(past_due, action):
    past_due.status = RoundStatus.CLOSED
    past_due.save()

    with pytest.raises(TransitionRefused):
        _extend(report_of(past_due, action))


# --- the rule ---------------------------------------------------------------------------


def test_an_extended_report_is_not_late_before_its_new_date(
    client, past_due, action, other_action, coordinator
):
    _extend(report_of(past_due, action))
    client.force_login(coordinator)

    rows = parse_html(client.get(detail_url(past_due))).select("tr.report")
    late = {row["data-code"]: row.has_attr("data-late") for row in rows}
    listed = parse_html(client.get(list_url(past_due.plan)))
    late_on_list = listed.select_one(".round__count[data-state=late]").get_text(strip=True)

    assert late == {action.code: False, other_action.code: True}
    assert late_on_list == "1"


def test_the_first_submission_counts_not_the_resubmission_after_a_return(
    past_due, action, owner, coordinator
):
    report = submitted(report_of(past_due, action), owner)
    _first_submitted(report, YESTERDAY)  # on the due date: on time
    give_back(fresh(report), coordinator)

    returned = fresh(report)
    assert not deadlines.is_late(returned, today=TODAY)  # returned: never late

    resubmitted = services.report_transition(report_id=report.pk, transition="submit", user=owner)
    resubmitted = fresh(resubmitted)

    assert resubmitted.submitted_at.date() == TODAY  # after the due date
    assert not deadlines.submitted_late(resubmitted)


def test_a_first_submission_after_the_due_date_was_late(
    client, past_due, action, owner, coordinator
):
    report = submitted(report_of(past_due, action), owner)
    client.force_login(coordinator)

    row = parse_html(client.get(detail_url(past_due))).select_one(f"tr[data-code={action.code}]")

    assert deadlines.submitted_late(fresh(report))
    assert row.select_one(".late-marker--done") is not None


def test_a_first_submission_by_the_extended_date_was_on_time(past_due, action, owner):
    report = report_of(past_due, action)
    _extend(report)

    assert not deadlines.submitted_late(fresh(submitted(report, owner)))


def test_the_reminders_follow_the_extended_date(
    past_due, action, other_action, coordinator, mailoutbox
):
    coordinator.email = "coordinator@example.org"  # no owner: the coordinators are mailed
    coordinator.save()
    _extend(report_of(past_due, action))

    sent = reminders_send(today=TODAY)

    assert [reminder.report.action.code for reminder in sent] == [other_action.code]
    assert not Reminder.objects.filter(report__action=action).exists()


# --- the page ---------------------------------------------------------------------------


def test_the_coordinator_gets_the_form_and_the_owner_does_not(
    client, past_due, action, owner, coordinator
):
    report = report_of(past_due, action)
    client.force_login(coordinator)
    assert parse_html(client.get(url("report_detail", report))).select_one("#extension form")

    client.force_login(owner)
    assert parse_html(client.get(url("report_detail", report))).select_one("#extension") is None


def test_the_coordinator_extends_and_the_report_shows_date_and_reason(
    client, past_due, action, owner, coordinator
):
    report = report_of(past_due, action)
    client.force_login(coordinator)

    response = client.post(
        url("report_due_date_extend", report),
        {"due_date": NEXT_WEEK.strftime("%d/%m/%Y"), "reason": "Ziekte van de dossierbeheerder."},
    )

    assert response.status_code == 302
    client.force_login(owner)
    shown = parse_html(client.get(url("report_detail", report))).select_one("#report-extension")
    assert shown.get_text(" ", strip=True) == (
        f"{NEXT_WEEK.strftime('%d/%m/%Y')} : Ziekte van de dossierbeheerder."
    )


def test_a_date_before_the_rounds_comes_back_with_the_error(client, past_due, action, coordinator):
    report = report_of(past_due, action)
    client.force_login(coordinator)

    response = client.post(
        url("report_due_date_extend", report),
        {"due_date": YESTERDAY.strftime("%d/%m/%Y"), "reason": "Te laat gevraagd."},
    )

    assert response.status_code == 400
    assert parse_html(response).select_one("#extension .field--error #id_due_date") is not None
    assert fresh(report).extended_due_date is None


def test_the_owner_may_not_extend_and_is_told_who_may(client, past_due, action, owner):
    report = report_of(past_due, action)
    client.force_login(owner)

    response = client.post(
        url("report_due_date_extend", report),
        {"due_date": NEXT_WEEK.strftime("%d/%m/%Y"), "reason": "Graag meer tijd."},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 403
    reason = parse_html(response).select_one("#error-reason").get_text(strip=True)
    assert reason == "Only the plan's coordinator can give a report more time."
    assert fresh(report).extended_due_date is None
