"""Data gaps: each a named rule, one function per rule, one query each (two for the budget
procedure), so the page's query count does not grow with the plan.

A rule returns its ``Gap``s: the object that has the gap (an action, indicator, budget
line, milestone, report or the plan), the action it belongs to, and a reason in the
reader's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planmonitor.core.formatting import date as format_date
from planmonitor.monitoring.models import (
    Milestone,
    ProgressReport,
    ReportState,
    RoundStatus,
    SheetVersion,
)
from planmonitor.plans.models import (
    Action,
    BudgetLine,
    FinanceAdvice,
    Indicator,
    Plan,
    PlanDecision,
)


@dataclass(frozen=True)
class Gap:
    item: object
    action: Action | None
    reason: str
    url: str


@dataclass(frozen=True)
class Rule:
    key: str
    title: Promise
    find: Callable[[Plan, dt.date], list[Gap]]


@dataclass(frozen=True)
class RuleResult:
    rule: Rule
    gaps: list[Gap]


def _action_url(plan: Plan, action: Action) -> str:
    return reverse("plans:action_detail", args=[plan.short_name, action.code])


def _action_gap(plan: Plan, action: Action, reason: str) -> Gap:
    return Gap(item=action, action=action, reason=reason, url=_action_url(plan, action))


def _actions(plan: Plan):
    return Action.objects.filter(plan=plan).only("code", "title", "plan_id").order_by("code")


def actions_without_indicators(plan: Plan, today: dt.date) -> list[Gap]:
    actions = _actions(plan).annotate(n=Count("indicators")).filter(n=0)
    return [_action_gap(plan, a, _("The action has no indicator.")) for a in actions]


def indicators_incomplete(plan: Plan, today: dt.date) -> list[Gap]:
    """An indicator needs a baseline, a target (each a number or a description), a target
    date and a data source."""
    missing = (
        Q(baseline_value__isnull=True, baseline_text="")
        | Q(target_value__isnull=True, target_text="")
        | Q(target_date__isnull=True)
        | Q(source="")
    )
    indicators = (
        Indicator.objects.filter(missing, action__plan=plan)
        .select_related("action")
        .order_by("action__code", "code")
    )
    gaps = []
    for indicator in indicators:
        lacks = []
        if indicator.baseline_value is None and not indicator.baseline_text:
            lacks.append(_("a baseline"))
        if indicator.target_value is None and not indicator.target_text:
            lacks.append(_("a target"))
        if indicator.target_date is None:
            lacks.append(_("a target date"))
        if not indicator.source:
            lacks.append(_("a data source"))
        reason = _("Indicator %(code)s has no %(missing)s.") % {
            "code": indicator.code,
            "missing": ", ".join(lacks),
        }
        gaps.append(Gap(indicator, indicator.action, reason, _action_url(plan, indicator.action)))
    return gaps


def actions_outside_period(plan: Plan, today: dt.date) -> list[Gap]:
    """No end date, or one before the plan starts or after it ends."""
    actions = _actions(plan).only("code", "title", "plan_id", "end_date")
    actions = actions.filter(
        Q(end_date__isnull=True)
        | Q(end_date__lt=plan.period_start)
        | Q(end_date__gt=plan.period_end)
    )
    gaps = []
    for action in actions:
        if action.end_date is None:
            reason = _("The action has no end date.")
        else:
            reason = _(
                "The action ends on %(end)s, outside the plan period (%(start)s–%(stop)s)."
            ) % {
                "end": format_date(action.end_date),
                "start": format_date(plan.period_start),
                "stop": format_date(plan.period_end),
            }
        gaps.append(_action_gap(plan, action, reason))
    return gaps


def budget_impact_without_line(plan: Plan, today: dt.date) -> list[Gap]:
    actions = _actions(plan).filter(has_budget_impact=True)
    actions = actions.annotate(n=Count("budget_lines")).filter(n=0)
    return [
        _action_gap(plan, a, _("The action has budget impact but no budget line.")) for a in actions
    ]


def budget_lines_without_procedure(plan: Plan, today: dt.date) -> list[Gap]:
    """Each budget line needs the Inspectorate of Finance's advice (given, not pending) and
    the budget minister's agreement; without either recorded on the line, the plan itself
    must have that decision (``PlanDecision``) for the line to pass."""
    kinds = set(
        PlanDecision.objects.filter(
            plan=plan,
            kind__in=[PlanDecision.Kind.FINANCE_INSPECTORATE, PlanDecision.Kind.BUDGET_MINISTER],
        ).values_list("kind", flat=True)
    )
    plan_advice = PlanDecision.Kind.FINANCE_INSPECTORATE in kinds
    plan_agreement = PlanDecision.Kind.BUDGET_MINISTER in kinds
    lines = (
        BudgetLine.objects.filter(action__plan=plan)
        .select_related("action")
        .order_by("action__code", "year", "pk")
    )
    gaps = []
    for line in lines:
        lacks = []
        advice = line.finance_advice_outcome
        if (not advice or advice == FinanceAdvice.PENDING) and not plan_advice:
            lacks.append(_("the advice of the Inspectorate of Finance"))
        if line.budget_agreement_date is None and not plan_agreement:
            lacks.append(_("the budget minister's agreement"))
        if lacks:
            reason = _("The budget line for %(year)d lacks %(missing)s.") % {
                "year": line.year,
                "missing": _(" and ").join(lacks),
            }
            gaps.append(Gap(line, line.action, reason, _action_url(plan, line.action)))
    return gaps


def overdue_milestones(plan: Plan, today: dt.date) -> list[Gap]:
    milestones = (
        Milestone.objects.filter(action__plan=plan, done_date__isnull=True, planned_date__lt=today)
        .select_related("action")
        .order_by("planned_date", "action__code", "pk")
    )
    return [
        Gap(
            milestone,
            milestone.action,
            _("Milestone “%(name)s” was due on %(date)s and is not done.")
            % {"name": milestone.name, "date": format_date(milestone.planned_date)},
            _action_url(plan, milestone.action),
        )
        for milestone in milestones
    ]


def actions_without_approved_sheet(plan: Plan, today: dt.date) -> list[Gap]:
    approved = SheetVersion.objects.filter(sheet__action=OuterRef("pk"))
    actions = _actions(plan).filter(~Exists(approved))
    return [_action_gap(plan, a, _("The action sheet has never been approved.")) for a in actions]


def reports_missing_for_closed_rounds(plan: Plan, today: dt.date) -> list[Gap]:
    """A report of a closed round that was never submitted (a draft, or returned and not
    submitted again)."""
    reports = (
        ProgressReport.objects.filter(
            round__plan=plan,
            round__status=RoundStatus.CLOSED,
            state__in=[ReportState.DRAFT, ReportState.RETURNED],
        )
        .select_related("round", "action")
        .order_by("-round__period_end", "action__code")
    )
    return [
        Gap(
            report,
            report.action,
            _("No report was submitted for the closed round “%(round)s”.")
            % {"round": report.round.name},
            reverse(
                "monitoring:report_detail",
                args=[plan.short_name, report.round_id, report.action.code],
            ),
        )
        for report in reports
    ]


RULES = (
    Rule("no-indicators", gettext_lazy("Actions without indicators"), actions_without_indicators),
    Rule(
        "indicator-incomplete",
        gettext_lazy("Indicators without baseline, target, target date or source"),
        indicators_incomplete,
    ),
    Rule(
        "outside-period",
        gettext_lazy("Actions without an end date or ending outside the plan period"),
        actions_outside_period,
    ),
    Rule(
        "budget-no-line",
        gettext_lazy("Budget impact without a budget line"),
        budget_impact_without_line,
    ),
    Rule(
        "budget-no-procedure",
        gettext_lazy(
            "Budget lines without the Inspectorate of Finance's advice or the budget agreement"
        ),
        budget_lines_without_procedure,
    ),
    Rule("milestone-overdue", gettext_lazy("Overdue milestones"), overdue_milestones),
    Rule(
        "sheet-not-approved",
        gettext_lazy("Actions without an approved sheet"),
        actions_without_approved_sheet,
    ),
    Rule(
        "report-missing",
        gettext_lazy("Reports missing for closed rounds"),
        reports_missing_for_closed_rounds,
    ),
)


def data_gaps(plan: Plan, today: dt.date | None = None) -> list[RuleResult]:
    """Every rule's gaps, in the rules' order: nine queries however large the plan. ``today``
    is the date overdue is judged on (default today; the page takes ``?op=``)."""
    today = today or timezone.localdate()
    return [RuleResult(rule, rule.find(plan, today)) for rule in RULES]
