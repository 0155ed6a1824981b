"""The outbox: the mail server down while notifications go out loses nothing, and each
mail leaves once when it is back (see notifications/outbox.py)."""

import datetime as dt
import io
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from planmonitor.notifications import outbox, services
from planmonitor.notifications.models import MailState, Notification, OutgoingMail

TODAY = timezone.localdate()
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
DOWN = "planmonitor.notifications.tests.test_outbox.DownBackend"


class DownBackend(BaseEmailBackend):
    """A mail server that is down: every send raises ``error``; ``calls`` counts them."""

    error: Exception = ConnectionRefusedError(111, "Connection refused")
    calls = 0

    def send_messages(self, email_messages):
        DownBackend.calls += 1
        raise DownBackend.error


@pytest.fixture
def server(settings):
    """Switch the mail server down and back up: ``server.down()``, ``server.up()``."""

    class Server:
        def down(self, error: Exception | None = None) -> None:
            DownBackend.error = error or ConnectionRefusedError(111, "Connection refused")
            DownBackend.calls = 0
            settings.EMAIL_BACKEND = DOWN

        def up(self) -> None:
            settings.EMAIL_BACKEND = LOCMEM

    return Server()


@pytest.fixture
def clock():
    """Let time pass for the outbox: ``clock.later(minutes=…)``."""

    class Clock:
        offset = dt.timedelta()

        def later(self, **delta) -> None:
            self.offset += dt.timedelta(**delta)

    real_now = timezone.now
    clock = Clock()
    with mock.patch("django.utils.timezone.now", lambda: real_now() + clock.offset):
        yield clock


@pytest.fixture
def superuser(db):
    from planmonitor.accounts.models import User

    return User.objects.create_superuser(username="root", password="x-test-password-123")


@pytest.fixture
def people(coordinator, owner, contributor):
    for user in (coordinator, owner, contributor):
        user.email = f"{user.username}@example.org"
        user.save()
    return [coordinator, owner, contributor]


def _tell(users, *, kind="report_submitted", title="Rapport T001 ingediend"):
    # report_submitted is an immediate kind by default, report_accepted a digest kind.
    return services.notify(kind=kind, recipients=users, url="/x/", message=lambda: (title, ""))


def _send_outbox():
    call_command("send_outbox", "--once", stdout=io.StringIO())


def _states() -> list[str]:
    return list(OutgoingMail.objects.order_by("pk").values_list("state", flat=True))


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connection refused"),
        smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
        smtplib.SMTPDataError(451, b"4.3.0 Try again later"),
        TimeoutError("timed out"),
    ],
    ids=["refused", "disconnected", "temporary-error", "timeout"],
)
def test_the_server_down_loses_nothing_and_each_mail_leaves_once_when_it_is_back(
    people, server, clock, error, django_capture_on_commit_callbacks
):
    coordinator, owner, contributor = people
    server.down(error)
    with django_capture_on_commit_callbacks(execute=True):
        _tell([coordinator, owner])
    _tell([contributor], kind="report_accepted", title="Rapport T001 aanvaard")
    assert services.digest_send(today=TODAY) == 0

    # Nothing lost: the notifications are in the inboxes, their mails in the outbox.
    assert Notification.objects.count() == 3
    assert _states() == [MailState.RETRYING] * 3
    assert not Notification.objects.filter(delivery__isnull=True).exists()
    first = OutgoingMail.objects.first()
    assert first.attempts == 1
    assert first.last_error.startswith(type(error).__name__)
    assert first.sent_at is None
    assert mail.outbox == []

    server.up()
    _send_outbox()
    assert mail.outbox == []  # not due yet: the first retry waits a minute

    clock.later(minutes=2)
    _send_outbox()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "contributor@example.org",
        "coordinator@example.org",
        "owner@example.org",
    ]
    assert _states() == [MailState.SENT] * 3

    clock.later(days=2)
    _send_outbox()
    services.digest_send(today=TODAY)
    assert len(mail.outbox) == 3  # never twice


def test_a_mail_is_sent_as_it_was_rendered_when_it_was_queued(
    people, server, clock, django_capture_on_commit_callbacks
):
    coordinator = people[0]
    server.down()
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = _tell([coordinator], title="Rapport T001 ingediend")
    Notification.objects.filter(pk=notification.pk).update(title="Changed later")
    server.up()
    clock.later(minutes=2)
    _send_outbox()
    (message,) = mail.outbox
    assert "Rapport T001 ingediend" in message.subject
    assert message.to == ["coordinator@example.org"]


def test_a_change_rolled_back_queues_no_mail(people):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        _tell([people[0]])
        assert OutgoingMail.objects.count() == 1
        raise RuntimeError("the change fails")
    assert not OutgoingMail.objects.exists()


def test_the_same_mail_is_never_queued_twice(people):
    args = {"key": "digest:2027-01-01:1", "to": ["a@example.org"], "subject": "S", "body": "B"}
    assert outbox.mail_queue(**args, send_after_commit=False) is not None
    assert outbox.mail_queue(**args, send_after_commit=False) is None
    assert OutgoingMail.objects.count() == 1


def _queued(n: int = 1) -> list[OutgoingMail]:
    return [
        outbox.mail_queue(
            key=f"test:{i}",
            to=[f"p{i}@example.org"],
            subject=f"Mail {i}",
            body="Body",
            send_after_commit=False,
        )
        for i in range(n)
    ]


def test_of_two_workers_claiming_one_mail_only_one_sends_it(db):
    (queued,) = _queued()
    assert outbox._claim(queued.pk) is True
    assert outbox._claim(queued.pk) is False  # the second worker's UPDATE matches no row
    # A worker whose task runs while another sends the mail sends nothing.
    assert outbox.mail_send(mail_id=queued.pk) is False
    assert mail.outbox == []
    queued.refresh_from_db()
    assert (queued.state, queued.attempts) == (MailState.SENDING, 1)


def test_a_sent_mail_is_not_sent_again(db):
    (queued,) = _queued()
    assert outbox.mail_send(mail_id=queued.pk) is True
    assert outbox.mail_send(mail_id=queued.pk) is False
    assert outbox.outbox_send_due().sent == 0
    assert len(mail.outbox) == 1
    queued.refresh_from_db()
    assert queued.state == MailState.SENT and queued.sent_at is not None


def test_a_mail_left_sending_by_a_stopped_worker_is_retried_after_the_timeout(db, clock):
    (queued,) = _queued()
    assert outbox._claim(queued.pk)  # … and the worker dies before it sends
    assert outbox.outbox_send_due().sent == 0
    clock.later(minutes=14)
    assert outbox.outbox_send_due().sent == 0  # it may still be sending
    clock.later(minutes=2)
    assert outbox.outbox_send_due().sent == 1
    assert len(mail.outbox) == 1
    queued.refresh_from_db()
    assert (queued.state, queued.attempts) == (MailState.SENT, 2)


def test_after_the_last_attempt_the_mail_stays_failed_until_a_person_retries_it(db, server, clock):
    (queued,) = _queued()
    server.down(smtplib.SMTPServerDisconnected("Connection unexpectedly closed"))
    for wait in (dt.timedelta(), *outbox.BACKOFF):
        clock.later(seconds=wait.total_seconds() + 1)
        assert outbox.outbox_send_due().refused == 1
    queued.refresh_from_db()
    assert (queued.state, queued.attempts) == (MailState.FAILED, outbox.MAX_ATTEMPTS)
    assert queued.next_attempt_at is None
    assert DownBackend.calls == outbox.MAX_ATTEMPTS

    clock.later(days=30)
    assert outbox.outbox_send_due().refused == 0
    assert DownBackend.calls == outbox.MAX_ATTEMPTS  # given up: not tried again

    server.up()
    call_command("send_outbox", "--once", "--retry-failed", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    queued.refresh_from_db()
    assert queued.state == MailState.SENT


def test_a_worker_stopping_on_the_last_attempt_gives_the_mail_up(db, clock):
    (queued,) = _queued()
    OutgoingMail.objects.filter(pk=queued.pk).update(attempts=outbox.MAX_ATTEMPTS - 1)
    assert outbox._claim(queued.pk)  # the last attempt, and the worker dies
    clock.later(minutes=20)
    assert outbox.outbox_send_due().sent == 0
    queued.refresh_from_db()
    assert queued.state == MailState.FAILED
    assert mail.outbox == []


def test_a_batch_stops_trying_when_the_server_is_down(db, server):
    _queued(5)
    server.down()
    run = outbox.outbox_send_due()
    assert (run.sent, run.refused, run.left) == (0, outbox.STOP_AFTER_FAILURES, 2)
    assert DownBackend.calls == outbox.STOP_AFTER_FAILURES
    assert _states().count(MailState.QUEUED) == 2  # due still, for the next run


def test_a_refused_retry_is_scheduled_on_a_worker_that_can_wait(db, server, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from planmonitor.notifications.tasks import outbox_mail_send

    backend = outbox_mail_send.get_backend()
    backend.clear()
    (queued,) = _queued()
    server.down()
    assert outbox.mail_send(mail_id=queued.pk) is False
    (retry,) = backend.results
    queued.refresh_from_db()
    assert retry.task.run_after == queued.next_attempt_at
    assert retry.kwargs == {"mail_id": queued.pk}


def test_the_admin_lists_the_outbox_by_state_and_retries_a_failed_mail(client, superuser, db):
    sent, failed = _queued(2)
    OutgoingMail.objects.filter(pk=sent.pk).update(state=MailState.SENT)
    OutgoingMail.objects.filter(pk=failed.pk).update(
        state=MailState.FAILED, attempts=outbox.MAX_ATTEMPTS, next_attempt_at=None
    )
    client.force_login(superuser)
    url = reverse("admin:notifications_outgoingmail_changelist")
    response = client.get(url, {"state__exact": "failed"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [failed]

    response = client.post(
        url, {"action": "retry", "_selected_action": [failed.pk, sent.pk]}, follow=True
    )
    assert response.status_code == 200
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.state, failed.attempts) == (MailState.QUEUED, 0)
    assert sent.state == MailState.SENT  # a sent mail is never queued again
