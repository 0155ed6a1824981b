"""The retention periods: old personal data goes, recent data stays."""

import datetime as dt

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from planmonitor.notifications.models import MailState, Notification, OutgoingMail
from planmonitor.privacy.services import RETENTION, personal_data_purge

NOW = timezone.now()


def _days_ago(days: int) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


def _session(expires: dt.datetime) -> str:
    store = SessionStore()
    store.create()
    Session.objects.filter(pk=store.session_key).update(expire_date=expires)
    return store.session_key


def _login_records(days: int) -> None:
    common = {"username": f"someone-{days}", "ip_address": "10.0.0.1", "user_agent": "x"}
    attempt = AccessAttempt.objects.create(
        **common, failures_since_start=1, get_data="", post_data=""
    )
    failure = AccessFailureLog.objects.create(**common)
    log = AccessLog.objects.create(**common)
    # attempt_time is auto_now_add: back-date it afterwards.
    for row in (attempt, failure, log):
        type(row).objects.filter(pk=row.pk).update(attempt_time=_days_ago(days))


def _notification(user, *, created_days: int, read_days: int | None, delivery=None):
    row = Notification.objects.create(
        recipient=user, kind="x", url="/", title=f"{created_days}/{read_days}", delivery=delivery
    )
    Notification.objects.filter(pk=row.pk).update(
        created_at=_days_ago(created_days),
        read_at=None if read_days is None else _days_ago(read_days),
    )
    return row


@pytest.fixture
def aged(outsider):
    """For each kind: one row just past its period, one just within it."""
    sessions = {"old": _session(_days_ago(1)), "live": _session(NOW + dt.timedelta(hours=1))}
    _login_records(91)
    _login_records(89)
    notifications = {
        "read_old": _notification(outsider, created_days=200, read_days=181),
        "read_recent": _notification(outsider, created_days=200, read_days=179),
        "unread_old": _notification(outsider, created_days=366, read_days=None),
        "unread_recent": _notification(outsider, created_days=364, read_days=None),
    }
    deliveries = {
        "old": _mail(outsider, "a", sent_days=400),
        "recent": _mail(outsider, "b", sent_days=300),
        "still_used": _mail(outsider, "c", sent_days=400),
        "failed_old": _mail(outsider, "d", queued_days=400, state=MailState.FAILED),
        "failed_recent": _mail(outsider, "e", queued_days=300, state=MailState.FAILED),
        # Not sent yet, however old: it still has to leave.
        "retrying": _mail(outsider, "f", queued_days=400, state=MailState.RETRYING),
    }
    _notification(outsider, created_days=10, read_days=None, delivery=deliveries["still_used"])
    return sessions, notifications, deliveries


def _mail(recipient, key, *, sent_days=None, queued_days=None, state=MailState.SENT):
    queued = _days_ago(queued_days if queued_days is not None else sent_days)
    return OutgoingMail.objects.create(
        recipient=recipient,
        key=key,
        to=[recipient.email],
        subject="Herinnering",
        state=state,
        queued_at=queued,
        sent_at=_days_ago(sent_days) if sent_days is not None else None,
    )


def test_it_deletes_what_is_past_its_period_and_keeps_the_rest(aged):
    sessions, notifications, deliveries = aged

    counts = personal_data_purge(now=NOW)

    assert set(Session.objects.values_list("pk", flat=True)) == {sessions["live"]}
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        assert list(model.objects.values_list("username", flat=True)) == ["someone-89"]
    kept = set(Notification.objects.values_list("pk", flat=True))
    assert notifications["read_recent"].pk in kept and notifications["unread_recent"].pk in kept
    assert notifications["read_old"].pk not in kept and notifications["unread_old"].pk not in kept
    assert set(OutgoingMail.objects.values_list("key", flat=True)) == {"b", "c", "e", "f"}
    assert counts == {
        "sessions": 1,
        "login_attempts": 1,
        "failed_logins": 1,
        "logins": 1,
        "read_notifications": 1,
        "unread_notifications": 1,
        "sent_mails": 1,
        "failed_mails": 1,
    }


def test_a_dry_run_counts_and_deletes_nothing(aged):
    notifications = Notification.objects.count()

    counts = personal_data_purge(now=NOW, dry_run=True)

    assert counts["read_notifications"] == 1
    assert Notification.objects.count() == notifications
    assert Session.objects.count() == 2


def test_the_command_prints_each_period(aged, capsys):
    call_command("purge_personal_data")

    out = capsys.readouterr().out
    assert len(out.strip().splitlines()) == len(RETENTION)
    assert Session.objects.count() == 1


def test_every_period_is_in_the_privacy_doc(settings):
    from pathlib import Path

    doc = (Path(settings.BASE_DIR) / "docs" / "privacy.md").read_text(encoding="utf-8")
    for rule in RETENTION:
        assert f"`{rule.key}`" in doc, f"docs/privacy.md does not list the retention {rule.key}"
