"""The example monitoring data that load_demo adds (and remove_demo takes away)."""

import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from planmonitor.accounts.models import User
from planmonitor.demo.monitoring import monitoring_demo_load
from planmonitor.demo.plan import demo_load, demo_remove
from planmonitor.monitoring.models import (
    ActionSheet,
    Contribution,
    Evidence,
    IndicatorValue,
    Milestone,
    ProgressReport,
    ReportingRound,
    SheetVersion,
)
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
