"""action_monitoring: what the action page's progress section reads, in four queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from planmonitor.monitoring.models import ActionSheet, IndicatorValue, ReportState, SheetStatus
from planmonitor.monitoring.reports.selectors import action_monitoring
from planmonitor.plans.models import Action, Indicator
from planmonitor.tests.queries import assert_queries

from .progress_helpers import milestone_make, quantitative, report_make, round_make

TODAY = dt.date(2026, 3, 1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def monitoring(action):
    action = Action.objects.prefetch_related("indicators").get(pk=action.pk)
    return action_monitoring(action=action)


def test_it_gives_the_series_of_reported_values_oldest_first(action, plan):
    indicator = quantitative(action)
    for n, value in enumerate([110, 130, 150]):
        report_make(round_make(plan, n), action, values={indicator: value})

    (series,) = monitoring(action).series

    assert [(p.date, p.value) for p in series.points] == [
        (dt.date(2025, 6, 30), Decimal(110)),
        (dt.date(2025, 12, 31), Decimal(130)),
        (dt.date(2026, 6, 30), Decimal(150)),
    ]
    assert [p.round_name for p in series.points] == ["Ronde 0", "Ronde 1", "Ronde 2"]
    assert series.latest.value == 150
    assert series.progress == Decimal("0.5")
    assert "(150 − 100) ÷ (200 − 100) = 50 %" in series.explanation
    assert series.chart.count("<circle") == 3


def test_only_submitted_and_accepted_reports_count(action, plan):
    indicator = quantitative(action)
    report_make(round_make(plan, 0), action, values={indicator: 120}, state=ReportState.ACCEPTED)
    report_make(round_make(plan, 1), action, values={indicator: 140}, state=ReportState.SUBMITTED)
    report_make(round_make(plan, 2), action, values={indicator: 190}, state=ReportState.RETURNED)
    report_make(round_make(plan, 3, status="open"), action, values={indicator: 200}, state="draft")

    result = monitoring(action)

    (series,) = result.series
    assert [p.value for p in series.points] == [120, 140]
    assert [p.accepted for p in series.points] == [True, False]
    assert series.progress == Decimal("0.4")
    assert result.latest_reported.round.name == "Ronde 1"
    # The timeline shows every report, newest first, drafts included.
    assert [r.round.name for r in result.reports] == ["Ronde 3", "Ronde 2", "Ronde 1", "Ronde 0"]


def test_an_indicator_without_values_has_no_data_never_zero(action, plan):
    quantitative(action)
    report_make(round_make(plan, 0), action)  # reported, but no figure

    (series,) = monitoring(action).series

    assert series.points == []
    assert series.progress is None
    assert series.progress_display == "—"
    assert "No data" in series.explanation
    assert "No data" in series.chart


def test_a_decreasing_indicator_counts_progress_downward(action, plan):
    indicator = quantitative(action, baseline=24, target=15, direction="decrease", unit="%")
    report_make(round_make(plan, 0), action, values={indicator: Decimal("19.5")})

    (series,) = monitoring(action).series

    assert series.progress == Decimal("0.5")


def test_qualitative_indicators_have_no_chart(action, plan):
    indicator = Indicator.objects.create(
        action=action, code="Q1", name="Kader", kind=Indicator.Kind.QUALITATIVE
    )
    report = report_make(round_make(plan, 0), action)
    IndicatorValue.objects.create(report=report, indicator=indicator, level="limited")

    assert monitoring(action).series == []


def test_it_counts_the_milestones_done(action, plan):
    report_make(round_make(plan, 0), action, status="on_track")
    milestone_make(action, dt.date(2025, 11, 1), done=dt.date(2025, 11, 5))
    milestone_make(action, dt.date(2026, 12, 1))

    progress = monitoring(action).progress

    assert (progress.milestones_done, progress.milestones_total) == (1, 2)
    assert progress.milestone_share == Decimal("0.5")


def test_without_any_report_there_is_no_latest(action):
    result = monitoring(action)
    assert result.latest_reported is None
    assert result.reports == []


def test_it_gives_the_sheet_when_there_is_one(action):
    assert monitoring(action).sheet is None
    ActionSheet.objects.create(action=action, status=SheetStatus.SUBMITTED)
    assert monitoring(action).sheet.status == SheetStatus.SUBMITTED


def _fill(action, plan, rounds: int, indicators: int) -> None:
    made = [quantitative(action, f"I{n}") for n in range(indicators)]
    made.append(
        Indicator.objects.create(action=action, code="Q1", name="Kader", kind="qualitative")
    )
    for n in range(rounds):
        report_make(
            round_make(plan, n),
            action,
            values={i: 100 + n for i in made if i.kind != "qualitative"},
        )
        milestone_make(action, dt.date(2025, 1, 1) + dt.timedelta(days=90 * n))


# Whatever the number of rounds and indicators.
MONITORING_QUERIES = [
    ("SELECT monitoring_actionsheet", "the sheet"),
    ("SELECT monitoring_milestone", "the milestones"),
    ("SELECT monitoring_progressreport", "the reports with their rounds"),
    ("SELECT monitoring_indicatorvalue", "their values"),
    ("SELECT plans_historicalindicator", "the indicators' versions, for the breaks"),
]


def test_it_needs_five_queries_whatever_the_number_of_rounds_and_indicators(
    action, other_action, plan
):
    _fill(action, plan, rounds=1, indicators=1)
    few = Action.objects.prefetch_related("indicators").get(pk=action.pk)
    with assert_queries(MONITORING_QUERIES):
        action_monitoring(action=few)

    _fill(other_action, plan, rounds=8, indicators=4)
    many = Action.objects.prefetch_related("indicators").get(pk=other_action.pk)
    with assert_queries(MONITORING_QUERIES):
        result = action_monitoring(action=many)
    assert len(result.reports) == 8
    assert [len(s.points) for s in result.series] == [8, 8, 8, 8]
