"""Writes of the progress reports: editing, contributions, evidence and the workflow.

Every function is keyword-only, validates, runs in one transaction and leaves
the audit trail to django-simple-history (plain ``save()``). Who may call what is
the permission policy's decision, made by the caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from planmonitor.audit.events import record_event
from planmonitor.audit.history import user_display_name
from planmonitor.core import formatting
from planmonitor.core.locking import apply_changes, locked_current
from planmonitor.core.text import normalise_newlines
from planmonitor.monitoring import notifying, workflow
from planmonitor.monitoring.models import (
    NEEDS_REASON,
    Contribution,
    Evidence,
    IndicatorValue,
    Milestone,
    ProgressReport,
    RoundStatus,
)
from planmonitor.monitoring.reports.selectors import contribution_ministers

if TYPE_CHECKING:
    from django.core.files import File

    from planmonitor.accounts.models import User
    from planmonitor.plans.models import Minister


def _ensure_round_open(report: ProgressReport) -> None:
    if report.round.status != RoundStatus.OPEN:
        raise workflow.TransitionRefused(_("This reporting round is closed."))


@transaction.atomic
def report_update(
    *,
    report_id: int,
    values: dict[str, Any],
    expected_version: int,
    milestones_reached: Iterable[Milestone] | None = None,
    indicator_values: dict[int, dict[str, Any]] | None = None,
) -> ProgressReport:
    """Save a report's content and its indicator values, unless someone saved in between.

    ``indicator_values`` maps an indicator id to the fields of its value
    (value, level, text, source, remark); an entry with nothing filled in
    removes the value ("no data", never a silent zero).
    """
    report = locked_current(ProgressReport, report_id, expected_version)
    _ensure_report_editable(report)  # the state it holds: read under the lock
    apply_changes(report, values)
    if milestones_reached is not None:
        milestones = list(milestones_reached)
        if any(m.action_id != report.action_id for m in milestones):
            raise ValidationError(_("A milestone of another action was chosen."))
        report.milestones_reached.set(milestones)
    if indicator_values:
        _save_indicator_values(report, indicator_values)
    record_event(kind="report.change", obj=report)
    return report


def _save_indicator_values(report: ProgressReport, by_indicator: dict[int, dict[str, Any]]) -> None:
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


def _empty(name: str) -> str | None:
    return None if name == "value" else ""


@transaction.atomic
def report_transition(
    *, report_id: int, transition: str, user: User, remarks: str = "", reason: str = ""
) -> ProgressReport:
    """Submit, accept, return (with remarks) or re-open (with a reason) a report."""
    # Not select_related("round"): read after the lock, so that a round closed meanwhile is seen.
    report = ProgressReport.objects.select_for_update().select_related("action").get(pk=report_id)
    if transition in workflow.REPORT_NEEDS_OPEN_ROUND:
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
        report.reopen_reason = normalise_newlines(reason).strip()
    if transition == "return":
        report.remarks = normalise_newlines(remarks).strip()
    if transition == "submit":
        report.submitted_at = timezone.now()
        if report.first_submitted_at is None:  # lateness counts this one only (deadlines.py)
            report.first_submitted_at = report.submitted_at
    report.state = new_state
    report.version += 1
    report.full_clean()
    report.save()
    record_event(
        kind=f"report.{transition}", obj=report, user=user, summary=remarks.strip() or reason
    )
    notifying.report_moved(report=report, transition=transition, user=user)
    return report


@transaction.atomic
def report_due_date_extend(*, report_id: int, due_date: dt.date, reason: str) -> ProgressReport:
    """Give one report until ``due_date``, later than its round's, for a stated reason.

    Only before its first submission: once submitted, whether it was on time is a fact
    (monitoring/deadlines.py). The owner's content and version stay as they are, so
    an edit in progress is no conflict; the history records the new date and reason.
    """
    report = ProgressReport.objects.select_for_update().get(pk=report_id)
    _ensure_round_open(report)
    if report.first_submitted_at is not None:
        raise workflow.TransitionRefused(
            _("This report was already submitted: its due date can no longer change.")
        )
    problems = {}
    if due_date <= report.round.due_date:
        problems["due_date"] = _("Give a date after the round's due date (%(date)s).") % {
            "date": formatting.date(report.round.due_date)
        }
    if not reason.strip():
        problems["reason"] = _("Say why this report gets more time.")
    if problems:
        raise ValidationError(problems)
    report.extended_due_date = due_date
    report.extension_reason = reason.strip()
    report.full_clean()
    report.save(update_fields=["extended_due_date", "extension_reason", "updated_at"])
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
def contribution_add(
    *, report: ProgressReport, author: User, text: str, minister: Minister | None = None
) -> Contribution:
    """Add a co-minister's input, for one of the author's ministers involved in the action.

    Without ``minister``, the author's only such minister; with several, the caller must
    say which one the contribution speaks for.
    """
    # Only while the lead owner can still consolidate it into the report.
    report = _editable_report(report.pk)
    candidates = contribution_ministers(user=author, action=report.action)
    if minister is None and len(candidates) == 1:
        minister = candidates[0]
    if minister is None or minister not in candidates:
        raise ValidationError(
            {"minister": _("Choose the co-minister of this action you contribute for.")}
        )
    contribution = Contribution(
        report=report, author=author, minister=minister, text=normalise_newlines(text).strip()
    )
    contribution.full_clean()
    contribution.save()
    record_event(kind="contribution.add", obj=contribution, user=author)
    notifying.contribution_added(contribution=contribution)
    return contribution


@transaction.atomic
def evidence_add(
    *,
    report: ProgressReport,
    user: User,
    title: str,
    url: str = "",
    upload: File[bytes] | None = None,
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
    record_event(kind="evidence.add", obj=evidence, user=user)
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence) -> None:
    """Remove a link or a file; the file leaves the disk once the deletion is committed."""
    evidence.report = _editable_report(evidence.report_id)
    stored = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage
    record_event(kind="evidence.remove", obj=evidence)
    evidence.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
