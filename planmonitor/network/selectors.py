"""Reads of the learning network's analyses: a fixed number of queries per plan."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from planmonitor.monitoring.models import (
    IndicatorValue,
    Milestone,
    ProgressReport,
    ReportingRound,
    RoundStatus,
)
from planmonitor.plans.models import (
    Action,
    BudgetLine,
    Indicator,
    IstanbulArticle,
    Minister,
    OperationalGoal,
    Plan,
    StrategicGoal,
    TargetGroup,
    ViolenceForm,
)

from . import coverage, smart, status

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


def _links(through: Any, plan: Plan, column: str) -> dict[int, set[int]]:
    """action pk -> the pks it links to through an m2m table: one query."""
    result: dict[int, set[int]] = {}
    rows = through.objects.filter(action__plan=plan).values_list("action_id", column)
    for action_id, other_id in rows:
        result.setdefault(action_id, set()).add(other_id)
    return result


def coverage_data(plan: Plan) -> coverage.CoverageData:
    """What the coverage matrices count: ten queries however many actions there are."""
    actions = [
        coverage.ActionRow(*row)
        for row in Action.objects.filter(plan=plan)
        .order_by("code")
        .values_list("pk", "code", "title", "operational_goal_id", "lead_minister_id")
    ]
    # Ministers in office during the plan, and any other who leads one of its actions.
    in_office = Q(in_office_to__isnull=True) | Q(in_office_to__gte=plan.period_start)
    ministers = Minister.objects.filter(
        (in_office & Q(in_office_from__lte=plan.period_end))
        | Q(pk__in={action.lead_minister_id for action in actions})
    ).order_by("family_name", "key")
    return coverage.CoverageData(
        plan=plan,
        strategic_goals=list(StrategicGoal.objects.filter(plan=plan).order_by("order", "code")),
        operational_goals=list(
            OperationalGoal.objects.filter(plan=plan)
            .select_related("strategic_goal")
            .order_by("strategic_goal__order", "order", "code")
        ),
        violence_forms=list(ViolenceForm.objects.filter(plan=plan)),
        target_groups=list(TargetGroup.objects.filter(plan=plan)),
        ministers=list(ministers),
        articles=list(IstanbulArticle.objects.all()),
        actions=actions,
        violence_forms_of=_links(Action.violence_forms.through, plan, "violenceform_id"),
        target_groups_of=_links(Action.target_groups.through, plan, "targetgroup_id"),
        articles_of=_links(Action.istanbul_articles.through, plan, "istanbularticle_id"),
    )


def _date(value: Any) -> Any:
    """A submission's day, in the plan's time zone (submission times are aware)."""
    return timezone.localdate(value) if value is not None else None


def dashboard_data(plan: Plan) -> status.DashboardData:
    """What the dashboard computes on: fourteen queries however many actions there are."""
    G = status.Group
    actions = [
        status.ActionRow(*row)
        for row in Action.objects.filter(plan=plan)
        .order_by("code")
        .values_list(
            "pk", "code", "title", "operational_goal_id", "lead_minister_id", "end_date", "status"
        )
    ]
    in_office = Q(in_office_to__isnull=True) | Q(in_office_to__gte=plan.period_start)
    ministers = Minister.objects.filter(
        (in_office & Q(in_office_from__lte=plan.period_end))
        | Q(pk__in={action.lead_minister_id for action in actions})
    ).order_by("family_name", "key")
    return status.DashboardData(
        plan_end=plan.period_end,
        actions=actions,
        strategic_goals=[
            G(pk, code, f"SD {code}")
            for pk, code in StrategicGoal.objects.filter(plan=plan)
            .order_by("order", "code")
            .values_list("pk", "code")
        ],
        operational_goals=[
            G(pk, code, f"OD {code}", sd)
            for pk, code, sd in OperationalGoal.objects.filter(plan=plan)
            .order_by("strategic_goal__order", "order", "code")
            .values_list("pk", "code", "strategic_goal_id")
        ],
        ministers=[G(m.pk, m.key, m.name) for m in ministers],
        violence_forms=[
            G(pk, code, label)
            for pk, code, label in ViolenceForm.objects.filter(plan=plan).values_list(
                "pk", "code", "label"
            )
        ],
        target_groups=[
            G(pk, code, label)
            for pk, code, label in TargetGroup.objects.filter(plan=plan).values_list(
                "pk", "code", "label"
            )
        ],
        violence_forms_of=_links(Action.violence_forms.through, plan, "violenceform_id"),
        target_groups_of=_links(Action.target_groups.through, plan, "targetgroup_id"),
        **_monitoring_rows(
            plan,
            reports=ProgressReport.objects.filter(action__plan=plan),
            indicators=Indicator.objects.filter(action__plan=plan),
            values=IndicatorValue.objects.filter(report__action__plan=plan),
            milestones=Milestone.objects.filter(action__plan=plan),
        ),
    )


def _monitoring_rows(
    plan: Plan,
    *,
    reports: QuerySet[ProgressReport],
    indicators: QuerySet[Indicator],
    values: QuerySet[IndicatorValue],
    milestones: QuerySet[Milestone],
) -> dict[str, Any]:
    """The rounds, reports, indicators, values and milestones the status rules read: five
    queries, for a whole plan (the dashboard) or one action (its page)."""
    return {
        "rounds": [
            status.RoundRow(pk, name, start, end, due, state == RoundStatus.CLOSED)
            for pk, name, start, end, due, state in ReportingRound.objects.filter(
                plan=plan
            ).values_list("pk", "name", "period_start", "period_end", "due_date", "status")
        ],
        "reports": [
            status.ReportRow(
                action_id,
                round_id,
                state,
                implementation,
                reason,
                _date(first or submitted),
                extended,
            )
            for action_id, round_id, state, implementation, reason, first, submitted, extended in (
                reports.values_list(
                    "action_id",
                    "round_id",
                    "state",
                    "implementation_status",
                    "status_reason",
                    "first_submitted_at",
                    "submitted_at",
                    "extended_due_date",
                )
            )
        ],
        "indicators": [
            status.IndicatorRow(
                pk, action_id, code, name, kind == Indicator.Kind.QUANTITATIVE, *rest
            )
            for pk, action_id, code, name, kind, *rest in indicators.order_by(
                "action__code", "code"
            ).values_list(
                "pk",
                "action_id",
                "code",
                "name",
                "kind",
                "baseline_value",
                "target_value",
                "target_date",
                "direction",
            )
        ],
        "values": [
            status.ValueRow(indicator_id, round_id, action_id, value, state, _date(first or sub))
            for indicator_id, round_id, action_id, value, state, first, sub in values.values_list(
                "indicator_id",
                "report__round_id",
                "report__action_id",
                "value",
                "report__state",
                "report__first_submitted_at",
                "report__submitted_at",
            )
        ],
        "milestones": [
            status.MilestoneRow(*row)
            for row in milestones.values_list("action_id", "name", "planned_date", "done_date")
        ],
    }


def action_status_data(action: Action) -> status.DashboardData:
    """The status rules' rows for one action (its page): five queries. The breakdowns'
    groups stay empty: one action has no breakdown."""
    plan = action.plan
    return status.DashboardData(
        plan_end=plan.period_end,
        actions=[
            status.ActionRow(
                action.pk,
                action.code,
                action.title,
                action.operational_goal_id,
                action.lead_minister_id,
                action.end_date,
                action.status,
            )
        ],
        strategic_goals=[],
        operational_goals=[],
        ministers=[],
        violence_forms=[],
        target_groups=[],
        violence_forms_of={},
        target_groups_of={},
        **_monitoring_rows(
            plan,
            reports=ProgressReport.objects.filter(action=action),
            indicators=Indicator.objects.filter(action=action),
            values=IndicatorValue.objects.filter(report__action=action),
            milestones=Milestone.objects.filter(action=action),
        ),
    )
