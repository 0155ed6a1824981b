"""Reads of the monitoring cycle for the action page: sheet, reports, indicator series, signal.

``action_monitoring`` needs five queries whatever the number of rounds,
reports, indicators or values: the sheet, the milestones, the reports with
their rounds, the reported numbers (a prefetch) and the quantitative indicators'
versions, for their breaks (monitoring/breaks.py). The action's indicators
come from the action's own prefetch when the caller made one (the action page
does), else from one more query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Prefetch
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from planmonitor.accounts import policy
from planmonitor.accounts.models import Role
from planmonitor.core import formatting
from planmonitor.monitoring import workflow
from planmonitor.monitoring.breaks import IndicatorBreak, indicator_breaks
from planmonitor.monitoring.charts import ChartBreak, ChartPoint, line_chart_svg
from planmonitor.monitoring.models import (
    ActionSheet,
    IndicatorValue,
    Milestone,
    ProgressReport,
    ReportState,
)
from planmonitor.monitoring.progress import (
    ActionProgress,
    explain_indicator_progress,
    indicator_progress,
    milestone_progress,
)
from planmonitor.plans.models import Action, Indicator, Minister

if TYPE_CHECKING:
    from planmonitor.accounts.policy import AnyUser

# What the owner has handed in counts; drafts (and reports sent back for
# clarification) are work in progress and do not move the signal or the charts.


@dataclass(frozen=True)
class SeriesPoint:
    date: dt.date  # the end of the round's period
    value: Decimal
    round_name: str
    accepted: bool

    @property
    def date_display(self) -> str:
        return formatting.date(self.date)

    @property
    def value_display(self) -> str:
        return formatting.localized(self.value)


@dataclass(frozen=True)
class IndicatorSeries:
    """A quantitative indicator's reported values over time, its progress and its chart."""

    indicator: Indicator
    points: list[SeriesPoint]  # oldest first
    progress: Decimal | None  # of the latest value; None is "no data", never 0
    explanation: str
    chart: SafeString
    breaks: list[IndicatorBreak] = field(default_factory=list)  # oldest first

    @property
    def table_rows(self) -> list[tuple[str, SeriesPoint | IndicatorBreak]]:
        """The data table's rows between baseline and target, by date: ("point", point) and
        ("break", break); a break on a round's date comes before that round's value."""
        rows: list[tuple[dt.date, int, str, SeriesPoint | IndicatorBreak]] = [
            (b.date, 0, "break", b) for b in self.breaks
        ]
        rows += [(p.date, 1, "point", p) for p in self.points]
        return [(kind, item) for _day, _order, kind, item in sorted(rows, key=lambda r: r[:2])]

    @property
    def latest(self) -> SeriesPoint | None:
        return self.points[-1] if self.points else None

    @property
    def progress_display(self) -> str:
        return formatting.percent(self.progress)

    @property
    def baseline_display(self) -> str:
        return formatting.localized(self.indicator.baseline_value)

    @property
    def target_display(self) -> str:
        return formatting.localized(self.indicator.target_value)


@dataclass(frozen=True)
class ActionMonitoring:
    sheet: ActionSheet | None
    reports: list[ProgressReport]  # newest round first, with ``round`` loaded
    latest_reported: ProgressReport | None  # the newest submitted or accepted one
    milestones: list[Milestone]
    progress: ActionProgress
    series: list[IndicatorSeries]


def action_monitoring(*, action: Action) -> ActionMonitoring:
    """Everything the action page's progress section shows, in a constant number of queries."""
    sheet = ActionSheet.objects.filter(action=action).first()
    milestones = list(Milestone.objects.filter(action=action))
    reports = list(
        ProgressReport.objects.filter(action=action)
        .select_related("round")
        .defer("done", "obstacles", "next_steps")  # the narratives: the report page shows them
        .prefetch_related(
            Prefetch(
                "values",
                queryset=IndicatorValue.objects.filter(value__isnull=False)
                .only("pk", "report", "indicator", "value")
                .order_by("pk"),
            )
        )
        .order_by("-round__period_end", "-round__pk")
    )
    reported = [r for r in reports if r.state in workflow.REPORTED_STATES]
    latest = reported[0] if reported else None
    progress = milestone_progress([(m.planned_date, m.done_date) for m in milestones])
    return ActionMonitoring(
        sheet=sheet,
        reports=reports,
        latest_reported=latest,
        milestones=milestones,
        progress=progress,
        series=_indicator_series(action, reported),
    )


def _indicator_series(action: Action, reported: list[ProgressReport]) -> list[IndicatorSeries]:
    by_indicator: dict[int, list[SeriesPoint]] = {}
    for report in reversed(reported):  # oldest first
        for value in report.values.all():
            by_indicator.setdefault(value.indicator_id, []).append(
                SeriesPoint(
                    date=report.round.period_end,
                    value=value.value,
                    round_name=report.round.name,
                    accepted=report.state == ReportState.ACCEPTED,
                )
            )
    quantitative = [i for i in action.indicators.all() if i.kind == Indicator.Kind.QUANTITATIVE]
    # One query for the breaks of all of them (none without quantitative indicators).
    breaks = indicator_breaks(i.pk for i in quantitative)
    series = []
    for indicator in quantitative:
        its_breaks = breaks.get(indicator.pk, [])
        points = by_indicator.get(indicator.pk, [])
        actual = points[-1].value if points else None
        numbers = {
            "baseline": indicator.baseline_value,
            "target": indicator.target_value,
            "actual": actual,
            "direction": indicator.direction,
        }
        series.append(
            IndicatorSeries(
                indicator=indicator,
                points=points,
                progress=indicator_progress(**numbers),
                explanation=explain_indicator_progress(**numbers),
                chart=line_chart_svg(
                    chart_id=f"indicator-chart-{indicator.pk}",
                    title=_("%(code)s %(name)s: reported values")
                    % {"code": indicator.code, "name": indicator.name},
                    description=_chart_description(indicator, points),
                    points=[ChartPoint(p.date, p.value) for p in points],
                    baseline=indicator.baseline_value,
                    target=indicator.target_value,
                    unit=indicator.unit,
                    breaks=[ChartBreak(b.date) for b in its_breaks],
                ),
                breaks=its_breaks,
            )
        )
    return series


def _chart_description(indicator: Indicator, points: list[SeriesPoint]) -> str:
    references = _("Baseline %(baseline)s, target %(target)s %(unit)s.") % {
        "baseline": formatting.localized(indicator.baseline_value),
        "target": formatting.localized(indicator.target_value),
        "unit": indicator.unit,
    }
    if not points:
        return f"{_('No values reported yet.')} {references}"
    return " ".join(
        [
            _(
                "%(count)s reported values from %(first)s to %(last)s; "
                "the latest is %(value)s %(unit)s."
            )
            % {
                "count": len(points),
                "first": points[0].date_display,
                "last": points[-1].date_display,
                "value": points[-1].value_display,
                "unit": indicator.unit,
            },
            references,
            _("The table with the same numbers follows the chart."),
        ]
    )


def contribution_ministers(*, user: AnyUser, action: Action) -> list[Minister]:
    """The co-ministers of ``action`` a contributor may speak for: the ministers of their
    contributor roles in the plan that are involved in the action (the policy's
    ``is_contributor_to``), by name. One query (the roles are read once per request)."""
    mine: set[int] = set()
    for membership in policy.memberships(user):
        if membership.plan_id == action.plan_id and membership.role == Role.CONTRIBUTOR:
            mine |= {minister.pk for minister in membership.ministers.all()}
    if not mine:
        return []
    return list(action.co_ministers.filter(pk__in=mine).order_by("family_name", "pk"))
