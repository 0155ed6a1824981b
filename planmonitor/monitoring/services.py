"""Writes of the monitoring cycle. Views, commands and tests all go through here.

Every function is keyword-only, validates, runs in one transaction and leaves
the audit trail to django-simple-history (plain ``save()``). Who may call what is
the permission policy's decision, made by the caller; which state changes exist
is ``workflow.py``'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from planmonitor.audit.history import user_display_name
from planmonitor.plans.models import Action, Plan
from planmonitor.plans.services import EditConflict

from . import workflow
from .models import (
    NEEDS_REASON,
    ActionSheet,
    Contribution,
    Evidence,
    IndicatorValue,
    Milestone,
    ProgressReport,
    ReportingRound,
    RoundStatus,
    SheetVersion,
)

# --- optimistic locking, shared by sheets and reports ---------------------------------


def _locked_current(model, pk: int, expected_version: int):
    """The row, locked for this transaction, if nobody saved it since ``expected_version``.

    PostgreSQL locks the row; SQLite's write transaction (BEGIN IMMEDIATE) is
    already exclusive. Either way two saves cannot both pass the check.
    """
    current = model.objects.select_for_update().get(pk=pk)
    if current.version != expected_version:
        raise EditConflict(current)
    return current


def _apply(obj, values: dict) -> None:
    for name, value in values.items():
        setattr(obj, name, value)
    obj.version += 1
    obj.full_clean()
    obj.save()


# --- action sheets -------------------------------------------------------------------


def sheet_for(action: Action) -> ActionSheet:
    """The action's sheet, created empty the first time it is asked for."""
    sheet, _created = ActionSheet.objects.get_or_create(action=action)
    return sheet


@transaction.atomic
def sheet_update(*, sheet_id: int, values: dict, expected_version: int) -> ActionSheet:
    sheet = _locked_current(ActionSheet, sheet_id, expected_version)
    if sheet.status not in workflow.SHEET_EDITABLE:
        raise workflow.TransitionRefused(_("This sheet is submitted or approved: it is locked."))
    _apply(sheet, values)
    return sheet


@transaction.atomic
def sheet_transition(*, sheet_id: int, transition: str, user, remarks: str = "") -> ActionSheet:
    """Submit, approve, return (with remarks) or revise a sheet; approval freezes a version."""
    sheet = ActionSheet.objects.select_for_update().select_related("action").get(pk=sheet_id)
    new_status = workflow.next_state(workflow.SHEET_TRANSITIONS, transition, sheet.status)
    if transition == "return" and not remarks.strip():
        raise ValidationError({"remarks": _("Say what must change before returning the sheet.")})
    sheet.status = new_status
    if transition in ("return", "approve"):
        sheet.remarks = remarks.strip()
    sheet.version += 1
    sheet.full_clean()
    sheet.save()
    if transition == "approve":
        number = sheet.versions.count() + 1
        SheetVersion.objects.create(
            sheet=sheet,
            number=number,
            content=sheet_snapshot(sheet),
            approved_at=timezone.now(),
            approved_by_name=user_display_name(user),
        )
    return sheet


def sheet_snapshot(sheet: ActionSheet) -> dict:
    """What an approved version freezes: the sheet and the action data it describes."""
    action = sheet.action
    return {
        "content_goal": sheet.content_goal,
        "approach": sheet.approach,
        "risks": sheet.risks,
        "contact_name": sheet.contact_name,
        "contact_email": sheet.contact_email,
        "title": action.title,
        "partners": sorted(p.label for p in action.partners.all()),
        "milestones": [
            {
                "name": m.name,
                "planned_date": m.planned_date.isoformat(),
                "done_date": m.done_date.isoformat() if m.done_date else None,
            }
            for m in action.milestones.all()
        ],
        "indicators": [
            {
                "code": i.code,
                "name": i.name,
                "kind": i.kind,
                "unit": i.unit,
                "baseline": _plain(i.baseline_value) or i.baseline_text,
                "target": _plain(i.target_value) or i.target_text,
                "direction": i.direction,
            }
            for i in action.indicators.order_by("code")
        ],
        "budget_lines": [
            {
                "year": b.year,
                "amount": _plain(b.amount),
                "policy_domain": b.policy_domain.label,
                "finance_advice_date": _iso(b.finance_advice_date),
                "finance_advice_outcome": b.finance_advice_outcome or "",
                "budget_agreement_date": _iso(b.budget_agreement_date),
            }
            for b in action.budget_lines.select_related("policy_domain").order_by("year")
        ],
    }


def _plain(number: Decimal | None) -> str:
    return "" if number is None else format(number.normalize(), "f")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# --- reporting rounds ------------------------------------------------------------------


def actions_running_in(*, plan: Plan, period_start: dt.date, period_end: dt.date):
    """The default scope of a round: actions not finished or stopped, running in the period."""
    return (
        Action.objects.filter(plan=plan)
        .exclude(status__in=[Action.Status.COMPLETED, Action.Status.STOPPED])
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=period_end))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=period_start))
    )


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
    return reporting_round


# --- progress reports --------------------------------------------------------------------


def _ensure_round_open(report: ProgressReport) -> None:
    if report.round.status != RoundStatus.OPEN:
        raise workflow.TransitionRefused(_("This reporting round is closed."))


@transaction.atomic
def report_update(
    *,
    report_id: int,
    values: dict,
    expected_version: int,
    milestones_reached: Iterable[Milestone] | None = None,
    indicator_values: dict[int, dict] | None = None,
) -> ProgressReport:
    """Save a report's content and its indicator values, unless someone saved in between.

    ``indicator_values`` maps an indicator id to the fields of its value
    (value, level, text, source, remark); an entry with nothing filled in
    removes the value ("no data", never a silent zero).
    """
    report = _locked_current(ProgressReport, report_id, expected_version)
    _ensure_report_editable(report)  # the state it holds: read under the lock
    _apply(report, values)
    if milestones_reached is not None:
        milestones = list(milestones_reached)
        if any(m.action_id != report.action_id for m in milestones):
            raise ValidationError(_("A milestone of another action was chosen."))
        report.milestones_reached.set(milestones)
    if indicator_values:
        _save_indicator_values(report, indicator_values)
    return report


def _save_indicator_values(report: ProgressReport, by_indicator: dict[int, dict]) -> None:
    indicators = {i.pk: i for i in report.action.indicators.all()}
    existing = {v.indicator_id: v for v in report.values.all()}
    for indicator_id, fields in by_indicator.items():
        if indicator_id not in indicators:
            raise ValidationError(_("An indicator of another action was given."))
        filled = any(value not in (None, "") for value in fields.values())
        current = existing.get(indicator_id)
        if not filled:
            if current is not None:
                current.delete()
            continue
        value = current or IndicatorValue(report=report, indicator=indicators[indicator_id])
        for name, field_value in fields.items():
            setattr(value, name, field_value if field_value is not None else _empty(name))
        if indicators[indicator_id].kind == "quantitative" and value.value is None:
            raise ValidationError(
                _("Indicator %(code)s is quantitative: give a number.")
                % {"code": indicators[indicator_id].code}
            )
        value.full_clean()
        value.save()


def _empty(name: str):
    return None if name == "value" else ""


@transaction.atomic
def report_transition(
    *, report_id: int, transition: str, user, remarks: str = "", reason: str = ""
) -> ProgressReport:
    """Submit, accept, return (with remarks) or re-open (with a reason) a report."""
    # Not select_related("round"): read after the lock, so that a round closed meanwhile is seen.
    report = ProgressReport.objects.select_for_update().select_related("action").get(pk=report_id)
    if transition in ("submit", "return", "accept"):
        _ensure_round_open(report)
    new_state = workflow.next_state(workflow.REPORT_TRANSITIONS, transition, report.state)
    missing_reason = not report.status_reason.strip()
    if transition == "submit" and report.implementation_status in NEEDS_REASON and missing_reason:
        raise ValidationError(
            {"status_reason": _("Give the reason for the delay or the stop before submitting.")}
        )
    if transition == "return" and not remarks.strip():
        raise ValidationError({"remarks": _("Say what must be clarified before returning it.")})
    if transition == "reopen":
        if not reason.strip():
            raise ValidationError({"reopen_reason": _("Give the reason for the correction.")})
        report.reopen_reason = reason.strip()
    if transition == "return":
        report.remarks = remarks.strip()
    if transition == "submit":
        report.submitted_at = timezone.now()
    report.state = new_state
    report.version += 1
    report.full_clean()
    report.save()
    return report


def _ensure_report_editable(report: ProgressReport) -> None:
    _ensure_round_open(report)
    if report.state not in workflow.REPORT_EDITABLE:
        raise workflow.TransitionRefused(_("This report is submitted or accepted: it is locked."))


def _editable_report(report_id: int) -> ProgressReport:
    """The report, re-read and held for this transaction, if it may still change.

    A write that depends on the report's state must check the state it holds,
    not the one a caller read before: a submission in between would otherwise
    let it land in a submitted report. PostgreSQL locks the row (a submission
    waits, or is waited for: the row read is then the submitted one); SQLite's
    write transaction (BEGIN IMMEDIATE) already excludes every other writer. The
    round is read after the lock, in its own query, so that a round closed
    meanwhile is seen closed (``round_set_status`` holds the round's reports).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("_editable_report must run inside the write's transaction")
    report = ProgressReport.objects.select_for_update().get(pk=report_id)
    _ensure_report_editable(report)
    return report


@transaction.atomic
def contribution_add(*, report: ProgressReport, author, text: str) -> Contribution:
    # Only while the lead owner can still consolidate it into the report.
    report = _editable_report(report.pk)
    contribution = Contribution(report=report, author=author, text=text.strip())
    contribution.full_clean()
    contribution.save()
    return contribution


@transaction.atomic
def evidence_add(
    *, report: ProgressReport, user, title: str, url: str = "", upload=None
) -> Evidence:
    """Attach a link or a file (already checked by the form: type and size)."""
    report = _editable_report(report.pk)
    evidence = Evidence(
        report=report, title=title.strip(), url=url, added_by_name=user_display_name(user)
    )
    if upload is not None:
        evidence.file = upload
        evidence.size = upload.size
        evidence.content_type = getattr(upload, "content_type", "") or ""
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence) -> None:
    """Remove a link or a file; the file leaves the disk once the deletion is committed."""
    evidence.report = _editable_report(evidence.report_id)
    stored = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage
    evidence.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


__all__ = [
    "EditConflict",
    "contribution_add",
    "evidence_add",
    "evidence_delete",
    "report_transition",
    "report_update",
    "round_open",
    "round_set_status",
    "sheet_for",
    "sheet_transition",
    "sheet_update",
]
