"""E-mail reminders for progress reports that are still missing.

For every open round, each report not submitted yet gets at most one mail per
kind, ever (a returned report was submitted: it is never late, monitoring/deadlines.py):

* ``before_due``: from ``reminder_days`` days before the due date until the day
  before it (a run missed on the first day catches up the next day);
* ``overdue``: from the day after the due date.

A report whose due date the coordinator extended is reminded on its own date: while
its round is in another kind (the round overdue, the report not yet), it gets nothing.

The mail goes to the action's active owners (action-owner memberships for the
lead minister or the lead organisation), or to the plan's coordinators when the
action has none. Per round and kind, the coordinators get one overview of the
reports still missing.

Never twice: a ``Reminder`` row is the claim. It is inserted (the unique
constraint on report and kind lets only one run win) together with the mail in the
outbox (notifications/outbox.py), and committed *before* the mail leaves, so a crash,
a second run or a concurrent run after that point cannot queue it again. The run then
sends what it queued; a mail the server refuses stays in the outbox and ``send_outbox``
retries it (the outbox's duplicate window is in docs/reliability.md).
Call this outside a transaction (the management command does): inside one, the
claims commit only when the caller's transaction does.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from planmonitor.accounts.models import Membership, Role
from planmonitor.monitoring import deadlines
from planmonitor.monitoring.models import (
    ProgressReport,
    Reminder,
    ReminderKind,
    ReportingRound,
    RoundStatus,
)
from planmonitor.monitoring.rounds.selectors import active_owner_memberships, match_owners
from planmonitor.monitoring.workflow import owner_state
from planmonitor.notifications import outbox

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def reminder_kind(
    reporting_round: ReportingRound, *, today: dt.date, due: dt.date | None = None
) -> str | None:
    """Which reminder a missing report of this round (due on ``due``, else the round's
    due date) is due on ``today``, if any."""
    due = due or reporting_round.due_date
    if today > due:
        return ReminderKind.OVERDUE
    days = reporting_round.reminder_days
    if days and due - dt.timedelta(days=days) <= today < due:
        return ReminderKind.BEFORE_DUE
    return None


@dataclass
class _RoundWork:
    reporting_round: ReportingRound
    kind: str
    missing: list[ProgressReport] = field(default_factory=list)
    claimed: list[Reminder] = field(default_factory=list)


def reminders_send(
    *,
    today: dt.date,
    base_url: str = DEFAULT_BASE_URL,
    dry_run: bool = False,
    echo: Callable[[str], None] | None = None,
) -> list[Reminder]:
    """Send the reminders due on ``today``; return them (unsaved ones on a dry run).

    ``base_url`` is the scheme and host the links in the mails start with.
    ``echo`` receives one line per mail, for the command's output.
    """
    say = echo or logger.info
    work = _rounds_due(today)
    if not work:
        return []
    reports = list(
        ProgressReport.objects.filter(round__in=list(work), first_submitted_at__isnull=True)
        .select_related("action__lead_minister")
        .order_by("round_id", "action__code")
    )
    sent_before = _already_sent(list(work))
    plan_ids = {w.reporting_round.plan_id for w in work.values()}
    owners = match_owners(
        [report.action for report in reports], active_owner_memberships(plan_ids=plan_ids)
    )
    coordinators = _coordinators(plan_ids)
    mailer = _Mailer(base_url=base_url, dry_run=dry_run)
    done: list[Reminder] = []
    try:
        for report in reports:
            round_work = work[report.round_id]
            report.round = round_work.reporting_round
            due = deadlines.due_date_of(report)
            if reminder_kind(report.round, today=today, due=due) != round_work.kind:
                continue  # extended: reminded on its own date
            round_work.missing.append(report)
            if (report.pk, round_work.kind) in sent_before:
                continue
            reminder = _remind_owners(
                report,
                kind=round_work.kind,
                owners=owners.get(report.action_id, []),
                coordinators=coordinators.get(report.round.plan_id, []),
                mailer=mailer,
                say=say,
            )
            if reminder is not None:
                round_work.claimed.append(reminder)
                done.append(reminder)
        for round_work in work.values():
            _send_overview(
                round_work,
                coordinators=coordinators.get(round_work.reporting_round.plan_id, []),
                owners=owners,
                mailer=mailer,
                say=say,
            )
    finally:
        mailer.send_queued()
    return done


def _rounds_due(today: dt.date) -> dict[int, _RoundWork]:
    rounds = ReportingRound.objects.filter(status=RoundStatus.OPEN).select_related("plan")
    work = {}
    for reporting_round in rounds:
        kind = reminder_kind(reporting_round, today=today)
        if kind is not None:
            work[reporting_round.pk] = _RoundWork(reporting_round=reporting_round, kind=kind)
    return work


def _already_sent(round_ids: list[int]) -> set[tuple[int, str]]:
    """(report id, kind) of the reminders sent before: a shortcut, the constraint decides."""
    return set(
        Reminder.objects.filter(report__round__in=round_ids).values_list("report_id", "kind")
    )


def _coordinators(plan_ids) -> dict[int, list]:
    by_plan: dict[int, list] = {}
    memberships = (
        Membership.objects.filter(plan_id__in=plan_ids, role=Role.COORDINATOR, user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    for membership in memberships:
        by_plan.setdefault(membership.plan_id, []).append(membership.user)
    return by_plan


def _addresses(users) -> list[str]:
    addresses: list[str] = []
    for user in users:
        if user.is_active and user.email and user.email not in addresses:
            addresses.append(user.email)
    return addresses


def _remind_owners(report, *, kind, owners, coordinators, mailer, say) -> Reminder | None:
    to_owners = _addresses(owners)
    recipients = to_owners or _addresses(coordinators)
    code = report.action.code
    if not recipients:
        logger.warning("No owner nor coordinator with an e-mail address for %s", report)
        say(
            _("%(code)s (%(round)s): %(kind)s: nobody to mail")
            % {"code": code, "round": report.round.name, "kind": ReminderKind(kind).label}
        )
        return None
    context = {
        "report": report,
        "action": report.action,
        "round": report.round,
        "kind": kind,
        "due_date": deadlines.due_date_of(report),
        "is_fallback": not to_owners,
        "report_url": mailer.absolute(report_path(report)),
    }
    message = mailer.message("reminder", context, recipients)
    reminder = mailer.claim_and_send(report=report, kind=kind, message=message)
    if reminder is not None:
        say(
            _("%(code)s (%(round)s): %(kind)s → %(to)s")
            % {
                "code": code,
                "round": report.round.name,
                "kind": ReminderKind(kind).label,
                "to": ", ".join(recipients),
            }
        )
    return reminder


def _send_overview(round_work: _RoundWork, *, coordinators, owners, mailer, say) -> None:
    """One overview per round and kind: sent by the run that claimed the round's first reminder."""
    if not round_work.claimed:
        return
    reporting_round, kind = round_work.reporting_round, round_work.kind
    if mailer.dry_run:
        if Reminder.objects.filter(report__round=reporting_round, kind=kind).exists():
            return  # sent on an earlier day
    else:
        first = (
            Reminder.objects.filter(report__round=reporting_round, kind=kind)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        if first not in {reminder.pk for reminder in round_work.claimed}:
            return
    recipients = _addresses(coordinators)
    if not recipients:
        logger.warning("No coordinator with an e-mail address for %s", reporting_round)
        return
    rows = [
        {
            "report": report,
            "state": owner_state(report),
            "owners": owners.get(report.action_id, []),
            "url": mailer.absolute(report_path(report)),
        }
        for report in round_work.missing
    ]
    context = {
        "round": reporting_round,
        "kind": kind,
        "rows": rows,
        "round_url": mailer.absolute(
            reverse(
                "monitoring:round_detail",
                kwargs={"short_name": reporting_round.plan.short_name, "pk": reporting_round.pk},
            )
        ),
    }
    message = mailer.message("overview", context, recipients)
    if mailer.queue(f"overview:{reporting_round.pk}:{kind}", message):
        say(
            _("%(round)s: overview (%(kind)s) → %(to)s")
            % {
                "round": reporting_round.name,
                "kind": ReminderKind(kind).label,
                "to": ", ".join(recipients),
            }
        )


def report_path(report: ProgressReport) -> str:
    return reverse(
        "monitoring:report_detail",
        kwargs={
            "short_name": report.round.plan.short_name,
            "round_pk": report.round_id,
            "code": report.action.code,
        },
    )


@dataclass
class _Message:
    subject: str
    body: str
    to: list[str]


class _Mailer:
    """Renders the mails in the site's language, queues them in the outbox, sends them at
    the end of the run over one connection."""

    def __init__(self, *, base_url: str, dry_run: bool) -> None:
        self.base_url = base_url.rstrip("/")
        self.dry_run = dry_run
        self._queued: list[outbox.OutgoingMail] = []

    def absolute(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def message(self, name: str, context: dict, recipients: list[str]) -> _Message:
        # The mails go out in the site's language (Dutch), whatever a request activated.
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string(f"monitoring/email/{name}_subject.txt", context)
            body = render_to_string(f"monitoring/email/{name}_body.txt", context)
        return _Message(" ".join(subject.split()), body, recipients)

    def claim_and_send(self, *, report, kind: str, message: _Message) -> Reminder | None:
        reminder = Reminder(
            report=report, kind=kind, sent_at=timezone.now(), recipients=", ".join(message.to)
        )
        if self.dry_run:
            return reminder
        try:
            with transaction.atomic():
                reminder.save()
                self.queue(f"reminder:{report.pk}:{kind}", message)
        except IntegrityError:
            return None  # another run claimed it in the meantime: it sends the mail
        return reminder

    def queue(self, key: str, message: _Message) -> bool:
        if self.dry_run:
            return True
        mail = outbox.mail_queue(
            key=key,
            to=message.to,
            subject=message.subject,
            body=message.body,
            send_after_commit=False,  # sent by send_queued, over one connection
        )
        if mail is not None:
            self._queued.append(mail)
        return mail is not None

    def send_queued(self) -> None:
        """Send what this run queued; what the server refuses waits for send_outbox."""
        queued, self._queued = self._queued, []
        run = outbox.mails_send(queued)
        if run.refused or run.left:
            logger.warning(
                "%d reminder mail(s) not sent now, kept in the outbox for send_outbox",
                run.refused + run.left,
            )
