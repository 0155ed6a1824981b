"""Each kind of the monitoring cycle tells the right people, once, after the commit."""

import pytest
from django.core import mail
from django.db import transaction

from planmonitor.monitoring.reports import services as report_services
from planmonitor.monitoring.sheets import services as sheet_services
from planmonitor.monitoring.tests.rounds_helpers import open_round
from planmonitor.notifications import services
from planmonitor.notifications.models import Delivery, MailSettings, Notification, Preference


def _told(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


@pytest.fixture
def people(coordinator, owner, other_owner, contributor, network_member, evaluator):
    """Everyone with a role; each has an address (without one, nothing is mailed)."""
    for user in (coordinator, owner, other_owner, contributor, network_member, evaluator):
        user.email = f"{user.username}@example.org"
        user.save()
    return {
        "coordinator": coordinator,
        "owner": owner,
        "contributor": contributor,
    }


def _submit(report, owner):
    return report_services.report_transition(report_id=report.pk, transition="submit", user=owner)


def test_a_round_opened_tells_the_owners_and_contributors_of_its_actions(
    people, action, other_action, other_owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        open_round(action.plan, actions=[action])
    # other_owner's action is not in the round; coordinators opened it.
    assert _told("round_opened") == {"owner", "contributor"}


def test_a_submitted_report_tells_the_coordinators(people, report, owner):
    _submit(report, owner)
    assert _told("report_submitted") == {"coordinator"}


@pytest.mark.parametrize(
    ("transition", "kind"), [("return", "report_returned"), ("accept", "report_accepted")]
)
def test_a_returned_or_accepted_report_tells_its_owners_and_contributors(
    people, report, owner, coordinator, transition, kind
):
    _submit(report, owner)
    report_services.report_transition(
        report_id=report.pk, transition=transition, user=coordinator, remarks="Cijfers?"
    )
    assert _told(kind) == {"owner", "contributor"}


def test_a_contribution_tells_the_owners(people, report, contributor):
    report_services.contribution_add(report=report, author=contributor, text="Drie sessies.")
    assert _told("contribution_added") == {"owner"}
    notification = Notification.objects.get(kind="contribution_added")
    assert "Crevits" in notification.title  # the co-minister it speaks for


def test_the_sheet_steps_tell_coordinators_then_owners(people, action, owner, coordinator):
    sheet = sheet_services.sheet_for(action)
    sheet_services.sheet_transition(sheet_id=sheet.pk, transition="submit", user=owner)
    assert _told("sheet_submitted") == {"coordinator"}
    sheet_services.sheet_transition(
        sheet_id=sheet.pk, transition="return", user=coordinator, remarks="Meer detail."
    )
    assert _told("sheet_returned") == {"owner"}
    sheet_services.sheet_transition(sheet_id=sheet.pk, transition="submit", user=owner)
    sheet_services.sheet_transition(sheet_id=sheet.pk, transition="approve", user=coordinator)
    assert _told("sheet_approved") == {"owner"}


def test_the_person_who_acts_is_not_told(people, report, owner):
    _submit(report, owner)
    assert "owner" not in _told("report_submitted")


def test_an_immediate_mail_leaves_after_the_commit_with_an_absolute_link(
    people, report, owner, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://planmonitor.example.org"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _submit(report, owner)
        assert mail.outbox == []  # not before the commit
    assert len(callbacks) == 1
    (message,) = mail.outbox
    assert message.to == ["coordinator@example.org"]
    notification = Notification.objects.get(kind="report_submitted")
    assert f"https://planmonitor.example.org{notification.url}" in message.body
    assert notification.delivery is not None


def test_no_mail_and_no_notification_when_the_transaction_rolls_back(
    people, report, owner, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _submit(report, owner)
        raise RuntimeError("the change fails after the notification was written")
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.filter(kind="report_submitted").exists()


def test_a_mail_is_never_sent_twice(people, report, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _submit(report, owner)
    notification = Notification.objects.get(kind="report_submitted")
    assert services.notification_mail(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


def test_the_mail_is_in_the_recipients_language(
    people, report, owner, coordinator, django_capture_on_commit_callbacks
):
    MailSettings.objects.create(user=coordinator, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        _submit(report, owner)
    (message,) = mail.outbox
    assert "Report T001 submitted" in message.subject
    assert "Open it:" in message.body


def test_the_mail_is_dutch_by_default(people, report, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _submit(report, owner)
    (message,) = mail.outbox
    assert "Rapport T001 ingediend" in message.subject


def test_preference_none_sends_no_mail_but_keeps_the_inbox(
    people, report, owner, coordinator, django_capture_on_commit_callbacks
):
    Preference.objects.create(user=coordinator, kind="report_submitted", delivery=Delivery.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        _submit(report, owner)
    assert mail.outbox == []
    assert _told("report_submitted") == {"coordinator"}


def test_an_unknown_kind_is_refused(coordinator):
    with pytest.raises(ValueError, match="Unknown notification kind"):
        services.notify(kind="nope", recipients=[coordinator], url="/", message=lambda: ("", ""))
