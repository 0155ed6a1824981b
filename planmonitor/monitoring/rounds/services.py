"""Writes of the reporting rounds: opening one (a report per action in scope), its status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from planmonitor.audit.events import record_event
from planmonitor.monitoring import notifying
from planmonitor.monitoring.models import (
    ProgressReport,
    ReportingRound,
    RoundStatus,
)
from planmonitor.plans.models import Action, Plan


def actions_running_in(
    *, plan: Plan, period_start: dt.date, period_end: dt.date
) -> QuerySet[Action]:
    """The default scope of a round: actions not finished or stopped, running in the period."""
    return (
        Action.objects.filter(plan=plan)
        .exclude(status__in=[Action.Status.COMPLETED, Action.Status.STOPPED])
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=period_end))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=period_start))
    )


def round_validate(
    *,
    plan: Plan,
    name: str | None,
    period_start: dt.date | None,
    period_end: dt.date | None,
    due_date: dt.date | None,
) -> None:
    """Refuse a round the plan cannot have, field by field; what is missing is not checked.

    The round form asks this too, so the form and every other caller refuse alike.
    """
    errors: dict[str, str] = {}
    # Case-insensitively: "2026 – Tweede semester" next to "2026 – tweede semester" confuses.
    if name and ReportingRound.objects.filter(plan=plan, name__iexact=name.strip()).exists():
        errors["name"] = _("This plan already has a round with this name.")
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = _("The period cannot end before it starts.")
    # A report looks back on a finished period: asking for it before the period
    # ends would ask for figures that do not exist yet.
    if period_end and due_date and due_date < period_end:
        errors["due_date"] = _("The due date cannot come before the end of the period.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def round_open(
    *,
    plan: Plan,
    name: str,
    period_start: dt.date,
    period_end: dt.date,
    due_date: dt.date,
    actions: Iterable[Action] | None = None,
    reminder_days: int = 7,
) -> ReportingRound:
    """Open a round and create an empty (draft) report for every action it covers."""
    name = name.strip()
    round_validate(
        plan=plan,
        name=name,
        period_start=period_start,
        period_end=period_end,
        due_date=due_date,
    )
    reporting_round = ReportingRound(
        plan=plan,
        name=name,
        period_start=period_start,
        period_end=period_end,
        due_date=due_date,
        reminder_days=reminder_days,
    )
    reporting_round.full_clean()
    reporting_round.save()
    if actions is None:
        actions = actions_running_in(plan=plan, period_start=period_start, period_end=period_end)
    reports = [ProgressReport(round=reporting_round, action=action) for action in actions]
    foreign = [r.action.code for r in reports if r.action.plan_id != plan.pk]
    if foreign:
        raise ValidationError(
            _("Actions of another plan: %(codes)s") % {"codes": ", ".join(foreign)}
        )
    ProgressReport.objects.bulk_create(reports)
    # bulk_create sends no signals: write the reports' "created" history ourselves.
    from planmonitor.audit.history import record_bulk_history

    record_bulk_history(ProgressReport, reports, update=False)
    record_event(kind="round.open", obj=reporting_round)
    notifying.round_opened(reporting_round=reporting_round, actions=[r.action for r in reports])
    return reporting_round


@transaction.atomic
def round_set_status(*, round_id: int, status: str) -> ReportingRound:
    """Close a round (no more edits or submissions) or re-open it."""
    reporting_round = ReportingRound.objects.select_for_update().get(pk=round_id)
    if status not in RoundStatus.values:
        raise ValidationError(_("Unknown round status."))
    if reporting_round.status == status:
        return reporting_round  # closing a closed round: nothing changes, no history entry
    # PostgreSQL: hold the round's reports too, so that a write to one of them
    # (which holds its report, then reads the round) ends before, or sees the new status.
    list(reporting_round.reports.select_for_update().order_by("pk").values_list("pk", flat=True))
    reporting_round.status = status
    reporting_round.save()
    record_event(
        kind="round.closed" if status == RoundStatus.CLOSED else "round.reopened",
        obj=reporting_round,
    )
    return reporting_round
