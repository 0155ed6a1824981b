"""The daily digest: the notifications a person chose to get once a day, never twice a day."""

import datetime as dt

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone

from planmonitor.notifications import services
from planmonitor.notifications.models import (
    Delivery,
    MailState,
    Notification,
    OutgoingMail,
    Preference,
)

TODAY = timezone.localdate()


@pytest.fixture
def owner_with_mail(owner):
    owner.email = "owner@example.org"
    owner.save()
    return owner


def _notify(user, kind="report_accepted", title="Rapport T001 aanvaard"):
    # report_accepted is a digest kind by default.
    return services.notify(kind=kind, recipients=[user], url="/x/", message=lambda: (title, ""))


def test_the_digest_lists_the_days_notifications_in_one_mail(owner_with_mail):
    _notify(owner_with_mail, title="Eerste")
    _notify(owner_with_mail, title="Tweede")

    call_command("send_notification_digest", "--today", TODAY.isoformat())

    (message,) = mail.outbox
    assert message.to == ["owner@example.org"]
    assert "Eerste" in message.body and "Tweede" in message.body
    assert "http://127.0.0.1:8000/x/" in message.body
    assert not Notification.objects.filter(delivery__isnull=True).exists()


def test_the_digest_is_sent_once_per_day_and_person(owner_with_mail):
    _notify(owner_with_mail)
    assert services.digest_send(today=TODAY) == 1
    _notify(owner_with_mail, title="Later op de dag")
    assert services.digest_send(today=TODAY) == 0
    assert len(mail.outbox) == 1
    # The next day, what came later leaves.
    assert services.digest_send(today=TODAY + dt.timedelta(days=1)) == 1
    assert "Later op de dag" in mail.outbox[1].body


def test_immediate_none_and_read_notifications_stay_out_of_the_digest(owner_with_mail):
    Preference.objects.create(user=owner_with_mail, kind="report_accepted", delivery=Delivery.NONE)
    _notify(owner_with_mail)  # none
    (read,) = _notify(owner_with_mail, kind="sheet_approved")  # digest, but read already
    services.notification_read(notification=read)
    _notify(owner_with_mail, kind="report_returned")  # immediate: never in a digest

    assert services.digest_send(today=TODAY) == 0
    assert mail.outbox == []


def test_a_refused_digest_waits_in_the_outbox_and_leaves_once(owner_with_mail, settings):
    _notify(owner_with_mail)
    settings.EMAIL_BACKEND = "planmonitor.notifications.tests.test_digest.RefusingBackend"
    assert services.digest_send(today=TODAY) == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.digest_send(today=TODAY) == 0  # the day's digest is queued already
    (queued,) = OutgoingMail.objects.all()
    assert queued.state == MailState.RETRYING
    OutgoingMail.objects.update(next_attempt_at=timezone.now())  # its retry is due
    call_command("send_outbox", "--once")
    (message,) = mail.outbox
    assert "Rapport T001 aanvaard" in message.body


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise OSError("the mail server is down")
