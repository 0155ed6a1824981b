"""Reads of the action sheet pages, with the joins each page needs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from planmonitor.accounts.policy import actions_for
from planmonitor.monitoring.models import ActionSheet, Milestone, SheetVersion
from planmonitor.plans.models import Action, BudgetLine, FinanceAdvice, Indicator, Partner

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from planmonitor.accounts.policy import AnyUser


def action_for_sheet(
    *, user: AnyUser, short_name: str, code: str, details: bool = False
) -> Action | None:
    """The action by plan and code if ``user`` may see it, else None (the caller answers 404).

    With ``details`` it carries everything the sheet shows, in a fixed number of
    queries however many milestones, indicators or budget lines it has.
    """
    actions = (
        actions_for(user)
        .filter(plan__short_name=short_name, code__iexact=code)
        .select_related("plan", "lead_minister", "lead_organisation", "operational_goal", "sheet")
        .prefetch_related("co_ministers")  # the policy asks for them (contributors)
    )
    if details:
        actions = actions.prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("planned_date", "order")),
            Prefetch("indicators", queryset=Indicator.objects.order_by("code")),
            Prefetch(
                "budget_lines",
                queryset=BudgetLine.objects.select_related("policy_domain").order_by(
                    "year", "policy_domain__label"
                ),
            ),
            Prefetch("partners", queryset=Partner.objects.order_by("label")),
        )
    return actions.first()


def sheet_or_blank(action: Action) -> ActionSheet:
    """The action's sheet, or an unsaved blank draft: a GET never creates rows."""
    try:
        return action.sheet
    except ActionSheet.DoesNotExist:
        return ActionSheet(action=action)


def latest_version(sheet: ActionSheet) -> SheetVersion | None:
    if sheet.pk is None:
        return None
    return sheet.versions.defer("content").order_by("-number").first()


def version_list(sheet: ActionSheet) -> list[SheetVersion]:
    if sheet.pk is None:
        return []
    return list(sheet.versions.defer("content").order_by("-number"))


def version_with_previous(
    sheet: ActionSheet, number: int
) -> tuple[SheetVersion | None, SheetVersion | None]:
    """Version ``number`` and the one before it (None for the first), in one query."""
    if sheet.pk is None:
        return None, None
    found = {v.number: v for v in sheet.versions.filter(number__in=[number - 1, number])}
    return found.get(number), found.get(number - 1)


@dataclass(frozen=True)
class ProcedureGap:
    code: str
    text: StrOrPromise


def budget_procedure_gaps(line: BudgetLine) -> list[ProcedureGap]:
    """What the budget procedure of this line still lacks.

    The note requires, for every budget decision, the advice of the Inspectorate
    of Finance and the agreement of the budget minister. A pending advice is not
    an advice yet.
    """
    gaps = []
    if line.finance_advice_date is None or not line.finance_advice_outcome:
        gaps.append(ProcedureGap("advice", _("no advice of the Inspectorate of Finance")))
    elif line.finance_advice_outcome == FinanceAdvice.PENDING:
        gaps.append(
            ProcedureGap("advice_pending", _("advice of the Inspectorate of Finance pending"))
        )
    if line.budget_agreement_date is None:
        gaps.append(ProcedureGap("agreement", _("no agreement of the budget minister")))
    return gaps


def sheets_in_state(*, plan_ids: list[int], status: str, limit: int = 50) -> list[ActionSheet]:
    """The plans' sheets in one state (e.g. submitted: awaiting approval), last changed first."""
    return list(
        ActionSheet.objects.filter(action__plan_id__in=plan_ids, status=status)
        .select_related("action__plan")
        .order_by("-updated_at", "action__code")[:limit]
    )


# The sheet's texts in the internal search index (plans/search.py), with their labels.
SHEET_SEARCH_FIELDS = {
    "content_goal": _("content goal"),
    "approach": _("plan of approach"),
    "risks": _("risks"),
}


def sheet_search_texts(action_ids: list[int]) -> dict[int, dict[str, str]]:
    """The sheet texts of these actions, for the search index: one query."""
    rows = ActionSheet.objects.filter(action_id__in=action_ids).values(
        "action_id", *SHEET_SEARCH_FIELDS
    )
    return {row.pop("action_id"): row for row in rows}
