"""What the example monitoring data holds (read once per module: these tests only read it)."""

import datetime as dt
from collections import Counter, defaultdict
from statistics import mean

import pytest
from simple_history.models import HistoricalRecords

from planmonitor.demo.monitoring import ROUNDS
from planmonitor.monitoring.models import (
    ActionSheet,
    Contribution,
    Evidence,
    IndicatorValue,
    Milestone,
    ProgressReport,
    ReportingRound,
    ReportState,
    RoundStatus,
    SheetStatus,
    SheetVersion,
)
from planmonitor.monitoring.progress import indicator_progress
from planmonitor.plans.models import Action, Minister

from .test_monitoring_demo import MONITORING_MODELS


@pytest.fixture
def demo(demo_shared):
    """The demo, loaded once for this module: its tests only read it."""
    return demo_shared


def test_every_example_action_gets_a_sheet_and_two_to_four_milestones(demo):
    actions = Action.objects.filter(is_example=True)
    assert ActionSheet.objects.filter(action__in=actions).count() == 115
    per_action = Counter(Milestone.objects.values_list("action_id", flat=True))
    assert set(per_action) == set(actions.values_list("pk", flat=True))
    assert set(per_action.values()) == {2, 3, 4}
    for milestone in Milestone.objects.select_related("action"):
        assert milestone.action.start_date <= milestone.planned_date <= milestone.action.end_date
        assert milestone.done_date is None or milestone.done_date <= dt.date(2026, 6, 30)


def test_sheets_are_a_mix_and_approved_ones_have_their_first_version(demo):
    statuses = Counter(ActionSheet.objects.values_list("status", flat=True))
    for status in (SheetStatus.APPROVED, SheetStatus.SUBMITTED, SheetStatus.DRAFT):
        assert statuses[status] >= 10, statuses
    approved = ActionSheet.objects.filter(status=SheetStatus.APPROVED)
    assert SheetVersion.objects.count() == approved.count()
    assert set(SheetVersion.objects.values_list("number", flat=True)) == {1}
    version = SheetVersion.objects.select_related("sheet__action").first()
    assert version.content["title"] == version.sheet.action.title
    assert version.content["milestones"]
    assert not ActionSheet.objects.filter(status=SheetStatus.RETURNED, remarks="").exists()


def test_it_opens_two_closed_rounds_and_one_open_round(demo):
    rounds = {r.name: r for r in ReportingRound.objects.filter(plan=demo)}
    assert set(rounds) == {spec.name for spec in ROUNDS}
    assert rounds["2025 – tweede semester"].status == RoundStatus.CLOSED
    assert rounds["2025 – nulmeting"].status == RoundStatus.CLOSED
    current = rounds["2026 – eerste semester"]
    assert current.status == RoundStatus.OPEN
    assert current.due_date == dt.date(2026, 7, 31)
    assert (current.period_start, current.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    for reporting_round in rounds.values():
        assert reporting_round.reports.count() == 115


def test_past_reports_are_accepted_and_the_open_round_is_a_mix(demo):
    past = ProgressReport.objects.filter(round__status=RoundStatus.CLOSED)
    assert set(past.values_list("state", flat=True)) == {ReportState.ACCEPTED}
    assert not past.filter(submitted_at=None).exists()
    current = ProgressReport.objects.filter(round__status=RoundStatus.OPEN)
    states = Counter(current.values_list("state", flat=True))
    assert set(states) == set(ReportState.values), states
    assert current.filter(state=ReportState.DRAFT, done="").exists()  # not started
    assert current.filter(state=ReportState.DRAFT).exclude(done="").exists()  # being written
    assert not current.filter(state=ReportState.RETURNED, remarks="").exists()


def test_the_demo_owner_sees_every_report_state(demo):
    owners_reports = ProgressReport.objects.filter(
        round__status=RoundStatus.OPEN, action__lead_minister__key="gennez"
    )
    assert set(owners_reports.values_list("state", flat=True)) == set(ReportState.values)


def test_delays_and_stops_carry_their_reason(demo):
    needs_reason = ProgressReport.objects.filter(implementation_status__in=["delayed", "stopped"])
    assert needs_reason.exists()
    assert not needs_reason.filter(status_reason="").exists()


def test_indicator_values_move_from_the_baseline_toward_the_target(demo):
    progress_by_round = defaultdict(list)
    values = IndicatorValue.objects.filter(
        value__isnull=False, report__action__start_date__lte=dt.date(2025, 12, 31)
    ).select_related("indicator", "report__round")
    for value in values:
        indicator = value.indicator
        share = indicator_progress(
            baseline=indicator.baseline_value,
            target=indicator.target_value,
            actual=value.value,
            direction=indicator.direction,
        )
        if share is not None and indicator.direction != "maintain":
            progress_by_round[value.report.round.name].append(share)
    first, second = (mean(progress_by_round[spec.name]) for spec in ROUNDS[:2])
    assert first < 0.1 < second < 0.6, (first, second)
    # Some figures are missing: "no data" shows up in the demo too.
    quantitative = demo.actions.filter(indicators__kind="quantitative").count()
    assert quantitative
    accepted = ProgressReport.objects.filter(state=ReportState.ACCEPTED).exclude(done="")
    assert IndicatorValue.objects.filter(report__in=accepted).count() < sum(
        r.action.indicators.count() for r in accepted.select_related("action")
    )


def test_qualitative_values_have_a_level_and_a_text(demo):
    qualitative = IndicatorValue.objects.filter(indicator__kind="qualitative")
    assert qualitative.exists()
    assert not qualitative.filter(level="").exists()
    assert not qualitative.filter(text="").exists()
    assert not qualitative.filter(value__isnull=False).exists()


def test_it_adds_a_few_evidence_links_and_contributions(demo):
    evidence = Evidence.objects.all()
    assert 5 <= evidence.count() <= 80
    assert not evidence.filter(url="").exists()
    assert not evidence.exclude(file="").exists()  # links only, no files
    contributions = Contribution.objects.select_related("author", "report__action")
    assert contributions.exists()
    crevits = Minister.objects.get(key="crevits")
    for contribution in contributions:
        assert contribution.author.username == "demo-contributor"
        assert crevits in contribution.report.action.co_ministers.all()


def test_every_monitoring_row_passes_model_validation(demo):
    # bulk_create skips full_clean(); the data is fixed, so checking it once here suffices.
    for model in MONITORING_MODELS:
        for obj in model.objects.all():
            obj.full_clean()


def test_it_records_history_for_what_it_created(demo):
    for model in [ActionSheet, Milestone, ReportingRound, ProgressReport, IndicatorValue]:
        created = model.history.filter(history_type="+")
        assert created.count() == model.objects.count(), model
    links = ProgressReport.milestones_reached.through.objects.count()
    field = ProgressReport._meta.get_field("milestones_reached")
    history_links = HistoricalRecords.m2m_models[field].objects.count()
    assert links and history_links == links
