"""The outbox: every notification mail is a row first, and leaves from there.

States (``MailState``)::

    queued ──claim──▶ sending ──server accepted──▶ sent
                         │
                         └──error──▶ retrying ──(next_attempt_at)──claim──▶ sending …
                                        └── after MAX_ATTEMPTS ──▶ failed (a person retries it)

* ``mail_queue`` writes the row, rendered, inside the caller's transaction: a change
  rolled back queues nothing, a change committed cannot lose its mail. After the commit a
  task (``tasks.outbox_mail_send``) sends it.
* ``mail_send`` claims the row with one conditional UPDATE (queued/retrying and due → sending),
  so of two workers only one sends it; it is marked ``sent`` only after the mail backend
  returned without an error. An error schedules the next attempt after ``BACKOFF``.
* A row left in ``sending`` by a worker that died is due again after ``SENDING_TIMEOUT``.
  That is the duplicate window SMTP leaves open: a worker that dies after the server
  accepted the mail and before its UPDATE committed, sends it again. Never more than that.
* ``outbox_send_due`` (``manage.py send_outbox``, from the scheduler) sends whatever is due:
  retries, and mails whose task was lost.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import MailState, OutgoingMail

if TYPE_CHECKING:
    from planmonitor.accounts.models import User

logger = logging.getLogger(__name__)

# The wait after the 1st, 2nd, … failed attempt; after the last one the mail is given up.
BACKOFF = tuple(dt.timedelta(minutes=m) for m in (1, 5, 15, 60, 240, 720, 1440))
MAX_ATTEMPTS = len(BACKOFF) + 1  # about 42 hours of a mail server down
# A claim older than this is a worker that died: well above the SMTP timeout below.
SENDING_TIMEOUT = dt.timedelta(minutes=15)
# The socket timeout of the mail connection when EMAIL_TIMEOUT is not set (Django: none).
SMTP_TIMEOUT_SECONDS = 60
# A batch stops after this many refusals in a row: the server is down, the rest wait.
STOP_AFTER_FAILURES = 3


def mail_queue(
    *,
    key: str,
    to: list[str],
    subject: str,
    body: str,
    recipient: User | None = None,
    send_after_commit: bool = True,
) -> OutgoingMail | None:
    """Put one rendered mail in the outbox, in the caller's transaction.

    None when a mail with this key was queued before (it is not queued twice). With
    ``send_after_commit``, a task sends it once the transaction commits; without, the
    caller sends it (``mails_send``), e.g. a command sending a batch over one connection.
    """
    if not to:
        raise ValueError(f"Mail {key!r} has no address to go to.")
    try:
        with transaction.atomic():
            mail = OutgoingMail.objects.create(
                key=key,
                recipient=recipient,
                to=to,
                subject=" ".join(subject.split())[:300],
                body=body,
                next_attempt_at=timezone.now(),
            )
    except IntegrityError:
        return None
    if send_after_commit:
        # A queue that fails is logged, the change kept: send_outbox sends the mail later.
        transaction.on_commit(partial(_enqueue, mail.pk), robust=True)
    return mail


def _enqueue(mail_id: int, run_after: dt.datetime | None = None) -> None:
    from .tasks import outbox_mail_send

    task = outbox_mail_send
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # this backend runs tasks at once: send_outbox retries it
        task = task.using(run_after=run_after)
    task.enqueue(mail_id=mail_id)


def _due(now: dt.datetime) -> Q:
    return Q(state__in=[MailState.QUEUED, MailState.RETRYING], next_attempt_at__lte=now) | Q(
        state=MailState.SENDING,
        claimed_at__lt=now - SENDING_TIMEOUT,
        attempts__lt=MAX_ATTEMPTS,
    )


def _claim(mail_id: int) -> bool:
    """queued/retrying (due) or sending (stale) → sending, in one UPDATE: True if ours."""
    now = timezone.now()
    claimed = OutgoingMail.objects.filter(_due(now), pk=mail_id).update(
        state=MailState.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    return claimed == 1


@dataclass
class Run:
    sent: int = 0
    refused: int = 0
    # Due, but not tried: the batch stopped (the server is down) or another worker has it.
    left: int = 0


class _Sender:
    """Sends claimed mails over one connection, opening a fresh one after an error."""

    def __init__(self) -> None:
        self._connection: Any = None

    def send(self, mail: int | OutgoingMail) -> bool | None:
        """True: sent; False: refused (retry scheduled); None: not ours to send.

        Given the row just queued, its text is not read again (it never changes).
        """
        mail_id = mail if isinstance(mail, int) else mail.pk
        if not _claim(mail_id):
            return None
        if isinstance(mail, int):
            mail = OutgoingMail.objects.get(pk=mail_id)
        else:
            mail.attempts += 1
        try:
            if self._connection is None:
                self._connection = get_connection(
                    timeout=settings.EMAIL_TIMEOUT or SMTP_TIMEOUT_SECONDS
                )
                self._connection.open()
            message = EmailMessage(mail.subject, mail.body, None, list(mail.to))
            if self._connection.send_messages([message]) != 1:
                raise RuntimeError("the mail backend sent nothing")
        except Exception as error:  # SMTPException, OSError, anything the backend raises
            self.close()
            _refused(mail, error)
            return False
        OutgoingMail.objects.filter(pk=mail.pk).update(
            state=MailState.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error=""
        )
        return True

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            connection.close()
        except Exception:  # the mails were accepted already; a failing goodbye changes nothing
            logger.warning("Closing the mail connection failed", exc_info=True)


def _refused(mail: OutgoingMail, error: Exception) -> None:
    now = timezone.now()
    # The error's class and text, as the mail backend gave it (no settings, no password).
    text = f"{type(error).__name__}: {error}"[:500]
    if mail.attempts >= MAX_ATTEMPTS:
        state, next_attempt = MailState.FAILED, None
    else:
        state, next_attempt = MailState.RETRYING, now + BACKOFF[mail.attempts - 1]
    OutgoingMail.objects.filter(pk=mail.pk).update(
        state=state, next_attempt_at=next_attempt, last_error=text
    )
    logger.warning(
        "Mail %s (attempt %d) refused: %s; %s",
        mail.key,
        mail.attempts,
        text,
        f"next attempt at {next_attempt.isoformat()}" if next_attempt else "given up",
    )
    if next_attempt is not None:
        try:
            _enqueue(mail.pk, run_after=next_attempt)
        except Exception:  # send_outbox retries it all the same
            logger.warning("Scheduling the retry of mail %s failed", mail.key, exc_info=True)


def mail_send(*, mail_id: int) -> bool:
    """Send one mail of the outbox if it is due and no other worker has it."""
    sender = _Sender()
    try:
        return bool(sender.send(mail_id))
    finally:
        sender.close()


def mails_send(
    mails: Iterable[int | OutgoingMail],
    *,
    on_result: Callable[[int, bool | None], None] | None = None,
) -> Run:
    """Send these mails over one connection, in order; stop when the server seems down.

    ``on_result`` hears of each mail: True sent, False refused, None not tried now.
    """
    run = Run()
    failures = 0
    sender = _Sender()
    try:
        for mail in mails:
            outcome = sender.send(mail) if failures < STOP_AFTER_FAILURES else None
            if on_result is not None:
                on_result(mail if isinstance(mail, int) else mail.pk, outcome)
            if outcome is None:
                run.left += 1
            elif outcome:
                run.sent += 1
                failures = 0
            else:
                run.refused += 1
                failures += 1
    finally:
        sender.close()
    return run


def outbox_send_due(*, limit: int | None = None) -> Run:
    """Send every mail that is due (queued, a retry whose time came, a stale claim)."""
    now = timezone.now()
    # A claim that went stale on its last attempt: the worker died with it, give it up.
    OutgoingMail.objects.filter(
        state=MailState.SENDING,
        claimed_at__lt=now - SENDING_TIMEOUT,
        attempts__gte=MAX_ATTEMPTS,
    ).update(
        state=MailState.FAILED,
        next_attempt_at=None,
        last_error="The worker stopped while sending it.",
    )
    due = (
        OutgoingMail.objects.filter(_due(now))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)
    )
    return mails_send(list(due[:limit] if limit else due))


def mails_retry(*, mails: Iterable[OutgoingMail] | None = None) -> int:
    """Give failed mails (these, or all) a new series of attempts, due now."""
    rows = OutgoingMail.objects.filter(state__in=[MailState.FAILED, MailState.RETRYING])
    if mails is not None:
        rows = rows.filter(pk__in=[mail.pk for mail in mails])
    return rows.update(state=MailState.QUEUED, attempts=0, next_attempt_at=timezone.now())


def failed_count() -> int:
    return OutgoingMail.objects.filter(state=MailState.FAILED).count()
