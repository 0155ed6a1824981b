"""Test data for the progress pages: rounds, reports and values, written directly.

The workflow itself is tested elsewhere; these tests need reports *in* a state.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from planmonitor.monitoring.models import (
    IndicatorValue,
    Milestone,
    ProgressReport,
    ReportingRound,
    ReportState,
    RoundStatus,
)
from planmonitor.plans.models import Action, Indicator, Minister, Plan


def semester(n: int) -> tuple[dt.date, dt.date]:
    """The n-th semester from 2025 (0: first half of 2025)."""
    year, half = divmod(n, 2)
    if half == 0:
        return dt.date(2025 + year, 1, 1), dt.date(2025 + year, 6, 30)
    return dt.date(2025 + year, 7, 1), dt.date(2025 + year, 12, 31)


def round_make(plan: Plan, n: int, *, status: str = RoundStatus.CLOSED) -> ReportingRound:
    """The n-th semester's round of ``plan`` (made the first time it is asked for)."""
    start, end = semester(n)
    reporting_round, _created = ReportingRound.objects.get_or_create(
        plan=plan,
        name=f"Ronde {n}",
        defaults={
            "period_start": start,
            "period_end": end,
            "due_date": end + dt.timedelta(days=31),
            "status": status,
        },
    )
    return reporting_round


def quantitative(
    action: Action,
    code: str = "I1",
    *,
    baseline: Decimal | int | None = 100,
    target: Decimal | int | None = 200,
    direction: str = Indicator.Direction.INCREASE,
    unit: str = "deelnemers",
    name: str = "Aantal deelnemers",
) -> Indicator:
    return Indicator.objects.create(
        action=action,
        code=code,
        name=name,
        kind=Indicator.Kind.QUANTITATIVE,
        unit=unit,
        baseline_value=baseline,
        target_value=target,
        baseline_date=dt.date(2024, 12, 31),
        target_date=dt.date(2029, 12, 31),
        direction=direction,
    )


def report_make(
    reporting_round: ReportingRound,
    action: Action,
    *,
    state: str = ReportState.ACCEPTED,
    status: str = "on_track",
    values: dict[Indicator, Decimal | int] | None = None,
) -> ProgressReport:
    report = ProgressReport.objects.create(
        round=reporting_round,
        action=action,
        state=state,
        implementation_status=status,
        status_reason="Vertraging bij de aanbesteding." if status in ("delayed", "stopped") else "",
        submitted_at=None if state == ReportState.DRAFT else timezone.now(),
    )
    for indicator, value in (values or {}).items():
        IndicatorValue.objects.create(report=report, indicator=indicator, value=Decimal(value))
    return report


def milestone_make(action: Action, planned: dt.date, done: dt.date | None = None) -> Milestone:
    return Milestone.objects.create(
        action=action, name=f"Mijlpaal {planned:%d/%m/%Y}", planned_date=planned, done_date=done
    )


def actions_make(plan: Plan, count: int, *, minister: str = "gennez", start: int = 0) -> list:
    """``count`` more actions of ``minister``, with a quantitative and a qualitative indicator."""
    actions = Action.objects.bulk_create(
        Action(
            plan=plan,
            code=f"B{start + n:03d}",
            title=f"Benchmarkactie {start + n}",
            operational_goal=plan.operational_goals.get(code="2.1"),
            lead_minister=Minister.objects.get(key=minister),
            start_date=dt.date(2025, 10, 1),
            end_date=dt.date(2029, 12, 31),
        )
        for n in range(count)
    )
    Indicator.objects.bulk_create(
        indicator
        for action in actions
        for indicator in (
            Indicator(
                action=action,
                code="I1",
                name="Aantal",
                kind=Indicator.Kind.QUANTITATIVE,
                unit="personen",
                baseline_value=0,
                target_value=100,
            ),
            Indicator(action=action, code="I2", name="Kader", kind=Indicator.Kind.QUALITATIVE),
        )
    )
    return actions
