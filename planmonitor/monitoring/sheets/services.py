"""Writes of an action sheet's parts: milestones, indicators, budget lines and partners.

The sheet's own text and its workflow are in ``services.py`` (``sheet_update``,
``sheet_transition``). Every write here first locks the action's sheet and
refuses when it is submitted or approved: what the coordinator reviews, and
what an approved version froze, cannot change underneath.

Milestones, indicators and budget lines have no version column. Their edits are
protected from lost updates by a fingerprint of the values the editor loaded:
the save is refused (``EditConflict``) when the row changed in between.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from planmonitor.audit.events import record_event
from planmonitor.audit.history import user_display_name
from planmonitor.core import formatting
from planmonitor.core.locking import (
    EditConflict,
    apply_changes,
    fingerprint,
    locked_current,
    locked_unchanged,
)
from planmonitor.core.text import normalise_newlines
from planmonitor.monitoring import notifying, workflow
from planmonitor.monitoring.models import (
    ActionSheet,
    Milestone,
    SheetVersion,
)
from planmonitor.plans import search
from planmonitor.plans import services as plan_services
from planmonitor.plans.models import Action, BudgetLine, FinanceAdvice, Indicator, Partner

if TYPE_CHECKING:
    from planmonitor.accounts.models import User

_Part = TypeVar("_Part", Milestone, Indicator, BudgetLine)

MILESTONE_FIELDS = ("name", "planned_date", "done_date")
INDICATOR_FIELDS = Indicator.CONTENT_FIELDS
BUDGET_LINE_FIELDS = (
    "year",
    "amount",
    "policy_domain",
    "note",
    "finance_advice_date",
    "finance_advice_outcome",
    "budget_agreement_date",
)


class SheetLocked(workflow.TransitionRefused):
    """The sheet is submitted or approved: its content cannot change now."""


def _lock_editable_sheet(action_id: int) -> ActionSheet:
    """The action's sheet, locked for this transaction; refused unless it is editable."""
    ActionSheet.objects.get_or_create(action_id=action_id)  # a sheet nobody opened is a draft
    sheet = ActionSheet.objects.select_for_update().get(action_id=action_id)
    if sheet.status not in workflow.SHEET_EDITABLE:
        raise SheetLocked(
            _("The action sheet is submitted or approved: start a new revision to change it.")
        )
    return sheet


def _locked_part(model: type[_Part], pk: int, fields: Iterable[str], expected: str) -> _Part:
    """The part, locked with its sheet, if the sheet is editable and the part unchanged."""
    manager = model._default_manager
    action_id = manager.values_list("action_id", flat=True).get(pk=pk)
    _lock_editable_sheet(action_id)
    return locked_unchanged(manager.select_related("action"), pk, fields, expected)


def _assign(obj: models.Model, values: dict[str, Any], allowed: Iterable[str]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    for name, value in values.items():
        setattr(obj, name, value)


def _save(obj: models.Model) -> None:
    obj.full_clean()
    obj.save()


# --- milestones ------------------------------------------------------------------------


@transaction.atomic
def milestone_add(*, action: Action, values: dict[str, Any]) -> Milestone:
    _lock_editable_sheet(action.pk)
    milestone = Milestone(action=action)
    _assign(milestone, values, MILESTONE_FIELDS)
    _save(milestone)
    record_event(kind="milestone.add", obj=milestone)
    return milestone


@transaction.atomic
def milestone_update(
    *, milestone_id: int, values: dict[str, Any], expected_fingerprint: str
) -> Milestone:
    milestone = _locked_part(Milestone, milestone_id, MILESTONE_FIELDS, expected_fingerprint)
    _assign(milestone, values, MILESTONE_FIELDS)
    _save(milestone)
    record_event(kind="milestone.change", obj=milestone)
    return milestone


@transaction.atomic
def milestone_delete(*, milestone_id: int) -> None:
    """Delete a milestone, unless a progress report records it as reached.

    Deleting it would silently rewrite what a (perhaps accepted) report says.
    """
    action_id = Milestone.objects.values_list("action_id", flat=True).get(pk=milestone_id)
    _lock_editable_sheet(action_id)
    milestone = Milestone.objects.select_for_update().get(pk=milestone_id)
    if milestone.reports.exists():
        raise ValidationError(
            _(
                "A progress report records this milestone as reached: it cannot be deleted. "
                "Change its name or dates instead."
            )
        )
    record_event(kind="milestone.remove", obj=milestone)
    milestone.delete()


# --- indicators --------------------------------------------------------------------------


def _check_indicator(indicator: Indicator, *, had_values: bool, old_kind: str | None) -> None:
    clash = Indicator.objects.filter(
        action_id=indicator.action_id, code__iexact=indicator.code
    ).exclude(pk=indicator.pk)
    if clash.exists():
        raise ValidationError({"code": _("Another indicator of this action has this code.")})
    if had_values and old_kind is not None and indicator.kind != old_kind:
        raise ValidationError(
            {
                "kind": _(
                    "Progress reports already hold values for this indicator: "
                    "its type cannot change."
                )
            }
        )
    indicator_validate(
        kind=indicator.kind,
        baseline_value=indicator.baseline_value,
        target_value=indicator.target_value,
        baseline_date=indicator.baseline_date,
        target_date=indicator.target_date,
    )


def indicator_validate(
    *,
    kind: str | None,
    baseline_value: Decimal | None = None,
    target_value: Decimal | None = None,
    baseline_date: dt.date | None = None,
    target_date: dt.date | None = None,
) -> None:
    """Refuse what an indicator cannot hold, field by field (the indicator form asks this too)."""
    errors: dict[str, str] = {}
    if kind == Indicator.Kind.QUALITATIVE:
        for name, value in (("baseline_value", baseline_value), ("target_value", target_value)):
            if value is not None:
                errors[name] = _("A qualitative indicator has no numbers: use the description.")
    if baseline_date and target_date and target_date < baseline_date:
        errors["target_date"] = _("The target date cannot come before the baseline date.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def indicator_add(*, action: Action, values: dict[str, Any]) -> Indicator:
    _lock_editable_sheet(action.pk)
    indicator = Indicator(action=action)
    _assign(indicator, values, INDICATOR_FIELDS)
    _check_indicator(indicator, had_values=False, old_kind=None)
    _save(indicator)
    record_event(kind="indicator.add", obj=indicator)
    return indicator


@transaction.atomic
def indicator_update(
    *, indicator_id: int, values: dict[str, Any], expected_fingerprint: str
) -> Indicator:
    indicator = _locked_part(Indicator, indicator_id, INDICATOR_FIELDS, expected_fingerprint)
    old_kind = indicator.kind
    _assign(indicator, values, INDICATOR_FIELDS)
    _check_indicator(indicator, had_values=indicator.values.exists(), old_kind=old_kind)
    _save(indicator)
    record_event(kind="indicator.change", obj=indicator)
    return indicator


# --- budget lines ---------------------------------------------------------------------------


def _check_budget_line(line: BudgetLine, action: Action) -> None:
    if line.policy_domain_id is not None and line.policy_domain.plan_id != action.plan_id:
        raise ValidationError({"policy_domain": _("A policy domain of another plan was chosen.")})
    clash = BudgetLine.objects.filter(
        action_id=action.pk, year=line.year, policy_domain_id=line.policy_domain_id
    ).exclude(pk=line.pk)
    if clash.exists():
        raise ValidationError(
            {"year": _("This action already has a budget line for this year and policy domain.")}
        )
    budget_procedure_validate(
        finance_advice_date=line.finance_advice_date,
        finance_advice_outcome=line.finance_advice_outcome,
        budget_agreement_date=line.budget_agreement_date,
    )


def budget_procedure_validate(
    *,
    finance_advice_date: dt.date | None,
    finance_advice_outcome: str | None,
    budget_agreement_date: dt.date | None,
) -> None:
    """Refuse a budget procedure out of order, field by field (the budget line form asks too)."""
    errors: dict[str, str] = {}
    given = finance_advice_outcome in (FinanceAdvice.FAVOURABLE, FinanceAdvice.UNFAVOURABLE)
    if given and finance_advice_date is None:
        errors["finance_advice_date"] = _("Give the date of the advice.")
    if finance_advice_date is not None and not finance_advice_outcome:
        errors["finance_advice_outcome"] = _("Give the outcome of the advice.")
    if (
        budget_agreement_date
        and finance_advice_date
        and budget_agreement_date < finance_advice_date
    ):
        errors["budget_agreement_date"] = _(
            "The budget minister agrees after the advice of the Inspectorate of "
            "Finance: check the dates."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def budget_line_add(*, action: Action, values: dict[str, Any]) -> BudgetLine:
    _lock_editable_sheet(action.pk)
    line = BudgetLine(action=action)
    _assign(line, values, BUDGET_LINE_FIELDS)
    _check_budget_line(line, action)
    _save(line)
    record_event(kind="budget_line.add", obj=line)
    return line


@transaction.atomic
def budget_line_update(
    *, line_id: int, values: dict[str, Any], expected_fingerprint: str
) -> BudgetLine:
    line = _locked_part(BudgetLine, line_id, BUDGET_LINE_FIELDS, expected_fingerprint)
    _assign(line, values, BUDGET_LINE_FIELDS)
    _check_budget_line(line, line.action)
    _save(line)
    record_event(kind="budget_line.change", obj=line)
    return line


# --- partners ----------------------------------------------------------------------------------


@transaction.atomic
def sheet_partners_update(
    *, action_id: int, partners: Iterable[Partner], expected_version: int
) -> Action:
    """Set the action's partners from its sheet, with the action's own optimistic lock."""
    _lock_editable_sheet(action_id)
    partners = list(partners)
    plan_id = Action.objects.values_list("plan_id", flat=True).get(pk=action_id)
    if any(partner.plan_id != plan_id for partner in partners):
        raise ValidationError({"partners": _("A partner of another plan was chosen.")})
    return plan_services.action_update(
        action_id=action_id, values={"partners": partners}, expected_version=expected_version
    )


def sheet_for(action: Action) -> ActionSheet:
    """The action's sheet, created empty the first time it is asked for."""
    sheet, _created = ActionSheet.objects.get_or_create(action=action)
    return sheet


@transaction.atomic
def sheet_update(*, sheet_id: int, values: dict[str, Any], expected_version: int) -> ActionSheet:
    sheet = locked_current(ActionSheet, sheet_id, expected_version)
    if sheet.status not in workflow.SHEET_EDITABLE:
        raise workflow.TransitionRefused(_("This sheet is submitted or approved: it is locked."))
    apply_changes(sheet, values)
    record_event(kind="sheet.change", obj=sheet)
    search.index_actions([sheet.action_id])
    return sheet


@transaction.atomic
def sheet_transition(
    *, sheet_id: int, transition: str, user: User, remarks: str = ""
) -> ActionSheet:
    """Submit, approve, return (with remarks) or revise a sheet; approval freezes a version."""
    sheet = ActionSheet.objects.select_for_update().select_related("action").get(pk=sheet_id)
    new_status = workflow.next_state(workflow.SHEET_TRANSITIONS, transition, sheet.status)
    if transition == "return" and not remarks.strip():
        raise ValidationError({"remarks": _("Say what must change before returning the sheet.")})
    sheet.status = new_status
    if transition in ("return", "approve"):
        sheet.remarks = normalise_newlines(remarks).strip()
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
    record_event(kind=f"sheet.{transition}", obj=sheet, user=user, summary=sheet.remarks)
    notifying.sheet_moved(sheet=sheet, transition=transition, user=user)
    return sheet


def sheet_snapshot(sheet: ActionSheet) -> dict[str, Any]:
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
                "baseline": formatting.plain(i.baseline_value) or i.baseline_text,
                "target": formatting.plain(i.target_value) or i.target_text,
                "direction": i.direction,
            }
            for i in action.indicators.order_by("code")
        ],
        "budget_lines": [
            {
                "year": b.year,
                "amount": formatting.plain(b.amount),
                "policy_domain": b.policy_domain.label,
                "finance_advice_date": _iso(b.finance_advice_date),
                "finance_advice_outcome": b.finance_advice_outcome or "",
                "budget_agreement_date": _iso(b.budget_agreement_date),
            }
            for b in action.budget_lines.select_related("policy_domain").order_by("year")
        ],
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


__all__ = [
    "BUDGET_LINE_FIELDS",
    "INDICATOR_FIELDS",
    "MILESTONE_FIELDS",
    "EditConflict",
    "SheetLocked",
    "budget_line_add",
    "budget_line_update",
    "fingerprint",
    "indicator_add",
    "indicator_update",
    "milestone_add",
    "milestone_delete",
    "milestone_update",
    "sheet_partners_update",
]
