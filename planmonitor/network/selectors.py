"""Reads of the learning network's analyses: a fixed number of queries per plan."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from planmonitor.monitoring.models import Milestone
from planmonitor.plans.models import Action, BudgetLine, Indicator, Minister, Plan

from . import smart

# What the SMART rules read of an action, beyond its own row.
SMART_PREFETCH = (
    "co_ministers",
    "partners",
    Prefetch(
        "indicators",
        queryset=Indicator.objects.only("action_id", "code", "target_value", "target_text"),
    ),
    Prefetch("budget_lines", queryset=BudgetLine.objects.select_related("policy_domain")),
    Prefetch("milestones", queryset=Milestone.objects.only("action_id", "planned_date")),
)


def smart_actions(actions: QuerySet[Action]) -> QuerySet[Action]:
    """``actions`` with what the SMART rules read: six queries however many there are."""
    return actions.select_related(
        "lead_minister", "lead_organisation__policy_domain"
    ).prefetch_related(*SMART_PREFETCH)


def ministers_in_office(plan: Plan) -> list[Minister]:
    """The ministers whose mandate overlaps the plan's period (their portfolios): one query."""
    return list(
        Minister.objects.filter(
            Q(in_office_to__isnull=True) | Q(in_office_to__gte=plan.period_start),
            in_office_from__lte=plan.period_end,
        )
    )


def smart_verdicts(
    plan: Plan, actions: QuerySet[Action] | None = None
) -> list[smart.ActionVerdicts]:
    """Every action of ``plan`` (or those of ``actions``) with its verdicts, weakest first:
    seven queries."""
    if actions is None:
        actions = Action.objects.filter(plan=plan)
    ministers = ministers_in_office(plan)
    return smart.weakest_first(
        smart.verdicts_of(action, plan=plan, ministers=ministers)
        for action in smart_actions(actions)
    )
