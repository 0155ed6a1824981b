"""The example monitoring data that load_demo adds (and remove_demo takes away)."""

import datetime as dt
from collections import Counter, defaultdict
from io import StringIO
from statistics import mean

import pytest
from django.core.management import call_command
from simple_history.models import HistoricalRecords

from planmonitor.accounts.models import User
from planmonitor.demo.monitoring import ROUNDS, monitoring_demo_load
from planmonitor.demo.plan import demo_load, demo_remove
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
from planmonitor.plans.models import Action, Minister, Plan

MONITORING_MODELS = [
    ActionSheet,
    SheetVersion,
    Milestone,
    ReportingRound,
    ProgressReport,
    IndicatorValue,
    Evidence,
    Contribution,
]


def _counts() -> dict:
    return {model: model.objects.count() for model in MONITORING_MODELS}


def _snapshot() -> list[tuple]:
    """The monitoring data, named by codes and names instead of database ids."""
    sheets = [
        (s.action.code, s.status, s.content_goal, s.approach, s.risks, s.contact_name)
        for s in ActionSheet.objects.select_related("action").order_by("action__code")
    ]
    milestones = [
        (m.action.code, m.name, m.planned_date, m.done_date, m.order)
        for m in Milestone.objects.select_related("action").order_by("action__code", "order")
    ]
    reports = [
        (
            r.round.name,
            r.action.code,
            r.state,
            r.implementation_status,
            r.status_reason,
            r.done,
            r.submitted_at,
            sorted(m.name for m in r.milestones_reached.all()),
            sorted((v.indicator.code, v.value, v.level) for v in r.values.all()),
            sorted(e.url for e in r.evidence.all()),
            sorted(c.text for c in r.contributions.all()),
        )
        for r in ProgressReport.objects.select_related("round", "action")
        .prefetch_related("milestones_reached", "values__indicator", "evidence", "contributions")
        .order_by("round__name", "action__code")
    ]
    rounds = [
        (r.name, r.period_start, r.period_end, r.due_date, r.status)
        for r in ReportingRound.objects.order_by("name")
    ]
    return [*sheets, *milestones, *reports, *rounds]


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


def test_it_is_idempotent(demo):
    before, counts = _snapshot(), _counts()

    report = demo_load()

    assert not report.changed and not report.created
    assert monitoring_demo_load() == Counter()
    assert _snapshot() == before
    assert _counts() == counts


def test_it_is_deterministic_across_fresh_databases(plan):
    demo_load()
    first = _snapshot()
    demo_remove()
    Plan.objects.all().delete()
    Minister.objects.all().delete()
    assert not ReportingRound.objects.exists()

    demo_load()

    assert _snapshot() == first


def test_a_deleted_example_action_comes_back_with_the_same_monitoring_data(demo):
    before = _snapshot()
    Action.objects.get(code="A050").delete()

    report = demo_load()

    assert report.created["progress reports"] == 3
    assert report.created["action sheets"] == 1
    assert _snapshot() == before


def test_remove_demo_removes_the_monitoring_data_and_the_demo_rounds(demo, make_user, action):
    # A real round with a real report stays, even though it also covers example actions.
    real_round = ReportingRound.objects.create(
        plan=demo,
        name="2026 – tweede semester",
        period_start=dt.date(2026, 7, 1),
        period_end=dt.date(2026, 12, 31),
        due_date=dt.date(2027, 1, 31),
    )
    real_report = ProgressReport.objects.create(round=real_round, action=action)
    ProgressReport.objects.create(round=real_round, action=Action.objects.get(code="A001"))
    out = StringIO()

    call_command("remove_demo", stdout=out)

    assert list(ReportingRound.objects.all()) == [real_round]
    assert list(ProgressReport.objects.all()) == [real_report]
    for model in [ActionSheet, SheetVersion, Milestone, IndicatorValue, Evidence, Contribution]:
        assert not model.objects.exists(), model
    assert "3 monitoring.ReportingRound" in out.getvalue()
    assert not User.objects.filter(is_example=True).exists()


@pytest.mark.parametrize("missing", ["milestones", "sheets"])
def test_it_fills_in_only_what_is_missing(demo, missing):
    counts = _counts()
    if missing == "milestones":
        Milestone.objects.filter(action__code="A001").delete()
    else:
        ActionSheet.objects.filter(action__code__in=["A001", "A002"]).delete()

    created = monitoring_demo_load()

    if missing == "milestones":
        assert set(created) == {"milestones"}
    else:
        assert created["action sheets"] == 2
        assert "progress reports" not in created
    assert _counts()[Milestone] == counts[Milestone]
    assert _counts()[ActionSheet] == counts[ActionSheet]
