"""Signals (network/signals/): the lifecycle of generated signals, each source on a
constructed plan, manual signals, optimistic locking, the command and the task."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from planmonitor.monitoring.models import ProgressReport, ReportingRound, ReportState
from planmonitor.network import tasks
from planmonitor.network.models import Signal, SignalKind, SignalStatus
from planmonitor.network.signals import selectors, services, sources
from planmonitor.network.signals.sources import Finding
from planmonitor.network.tests.conftest import smart_action_create, smart_actions_create
from planmonitor.plans.models import Indicator, Minister, Plan

pytestmark = pytest.mark.django_db
TODAY = dt.date(2027, 6, 1)


@pytest.fixture
def plan() -> Plan:
    return Plan.objects.get()


@pytest.fixture
def causes(monkeypatch) -> dict[str, Finding]:
    """One fake source whose findings the test sets: the lifecycle without the rules."""
    current: dict[str, Finding] = {}
    monkeypatch.setattr(sources, "SOURCES", (lambda plan, today: list(current.values()),))
    return current


def _finding(key: str) -> Finding:
    return Finding(key=key, kind=SignalKind.RISK, title=f"Cause {key}", detail="d")


def test_lifecycle(plan, causes):
    causes["a"] = _finding("a")
    assert services.sync_signals(plan=plan, today=TODAY).created == 1
    signal = Signal.objects.get(plan=plan, key="a")
    assert signal.status == SignalStatus.OPEN

    # Idempotent: a second run changes nothing.
    assert services.sync_signals(plan=plan, today=TODAY) == services.SyncResult()
    assert Signal.objects.filter(plan=plan).count() == 1

    # Cause gone: resolves itself, with a note.
    del causes["a"]
    assert services.sync_signals(plan=plan, today=TODAY).resolved == 1
    signal.refresh_from_db()
    assert signal.status == SignalStatus.RESOLVED and signal.resolved_at
    assert "2027-06-01" in signal.notes.last().text

    # Cause back: reopens, with a note.
    causes["a"] = _finding("a")
    assert services.sync_signals(plan=plan, today=TODAY).reopened == 1
    signal.refresh_from_db()
    assert signal.status == SignalStatus.OPEN and signal.resolved_at is None
    assert signal.notes.count() == 2


def test_dismissed_stays_dismissed(plan, causes):
    causes["b"] = _finding("b")
    services.sync_signals(plan=plan, today=TODAY)
    signal = Signal.objects.get(plan=plan, key="b")
    services.signal_change(
        signal=signal, version=signal.version, status=SignalStatus.DISMISSED, owner=None
    )
    services.sync_signals(plan=plan, today=TODAY)  # cause persists
    del causes["b"]
    services.sync_signals(plan=plan, today=TODAY)  # cause gone
    causes["b"] = _finding("b")
    services.sync_signals(plan=plan, today=TODAY)  # and back
    assert list(Signal.objects.filter(plan=plan).values_list("status", flat=True)) == [
        SignalStatus.DISMISSED
    ]


def test_manual_signal_is_not_closed_by_a_run(plan, causes, coordinator):
    action = smart_action_create(plan, "X001")
    signal = services.signal_create(
        plan=plan, title="Partner stopt", detail="...", actions=[action], owner=coordinator
    )
    services.sync_signals(plan=plan, today=TODAY)
    signal.refresh_from_db()
    assert signal.status == SignalStatus.OPEN and signal.kind == SignalKind.MANUAL
    assert selectors.open_signals_of_action(action) == [signal]
    assert selectors.open_signals(plan, 5) == [signal]


def test_status_change_conflict(plan, causes):
    signal = services.signal_create(plan=plan, title="t")
    stale = signal.version
    services.signal_change(
        signal=signal, version=stale, status=SignalStatus.IN_DISCUSSION, owner=None, reason="r"
    )
    with pytest.raises(services.SignalConflict):
        services.signal_change(
            signal=signal, version=stale, status=SignalStatus.RESOLVED, owner=None
        )
    signal.refresh_from_db()
    assert signal.status == SignalStatus.IN_DISCUSSION
    assert signal.notes.get().text.endswith("r")


def test_data_gap_source(plan):
    action = smart_action_create(plan, "D001")
    keys = {f.key for f in sources.data_gap_findings(plan, TODAY)}
    assert "data_gap:no-indicators:D001" in keys
    Indicator.objects.create(action=action, code="I1", name="n", kind="quantitative")
    keys = {f.key for f in sources.data_gap_findings(plan, TODAY)}
    assert "data_gap:no-indicators:D001" not in keys


def test_smart_source(plan):
    smart_actions_create(plan)
    keys = {f.key for f in sources.smart_findings(plan, TODAY)}
    # W001 passes one letter, M001 three (fails two), G001 all five.
    assert {"smart:W001", "smart:M001"} <= keys
    assert "smart:G001" not in keys


def test_coverage_source(plan):
    od = plan.operational_goals.get(code="1.2")
    form = plan.violence_forms.first()
    key = f"gap:od-violence:{od.code}:{form.code}"
    assert key in {f.key for f in sources.coverage_findings(plan, TODAY)}
    action = smart_action_create(plan, "C001", operational_goal=od)
    action.violence_forms.add(form)
    assert key not in {f.key for f in sources.coverage_findings(plan, TODAY)}


def test_generated_signals_are_written_in_the_plans_language_whoever_runs(plan):
    od = plan.operational_goals.get(code="1.2")
    form = plan.violence_forms.first()
    with translation.override("en"):
        services.sync_signals(plan=plan, today=TODAY)
    signal = Signal.objects.get(plan=plan, key=f"gap:od-violence:{od.code}:{form.code}")
    assert signal.title.startswith(f"OD {od.code} heeft geen actie voor ")


def test_delay_source(plan):
    late = smart_action_create(plan, "L001")
    on_time = smart_action_create(plan, "L002")
    past = ReportingRound.objects.create(
        plan=plan,
        name="2027 S1",
        period_start=dt.date(2027, 1, 1),
        period_end=dt.date(2027, 3, 31),
        due_date=dt.date(2027, 4, 30),
    )
    ProgressReport.objects.create(round=past, action=late, state=ReportState.DRAFT)
    ProgressReport.objects.create(
        round=past,
        action=on_time,
        state=ReportState.SUBMITTED,
        first_submitted_at=dt.datetime(2027, 4, 1, tzinfo=dt.UTC),
    )
    keys = {f.key for f in sources.delay_findings(plan, TODAY)}
    assert keys == {f"delay:{past.pk}:L001"}
    # Before the due date nothing is late.
    assert sources.delay_findings(plan, dt.date(2027, 4, 30)) == []


def test_command(plan, causes):
    causes["c"] = _finding("c")
    out = StringIO()
    call_command("sync_signals", "--plan", plan.short_name, stdout=out)
    assert "1" in out.getvalue()
    assert Signal.objects.filter(plan=plan, key="c").exists()


def test_task(plan, causes, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    causes["t"] = _finding("t")
    tasks.signals_sync.enqueue(plan_id=plan.pk)
    assert Signal.objects.filter(plan=plan, key="t").exists()


def test_risk_source_turns_the_dashboards_rules_into_signals(plan):

    ended = smart_action_create(plan, "R001", end_date=dt.date(2026, 3, 31))
    smart_action_create(plan, "R002", end_date=dt.date(2027, 12, 31))
    found = sources.risk_findings(plan, dt.date(2026, 6, 1))
    keys = [f.key for f in found]
    assert "risk:ended_not_completed:R001" in keys
    assert not [key for key in keys if key.endswith(":R002")]
    finding = next(f for f in found if f.key == "risk:ended_not_completed:R001")
    assert finding.kind == "risk" and finding.action_ids == (ended.pk,)


def test_a_missing_report_is_one_signal_not_two(plan):
    # The delay source signals it (the monitoring's late rule); the risk source leaves it.
    action = smart_action_create(plan, "R003", end_date=dt.date(2027, 12, 31))
    round_ = ReportingRound.objects.create(
        plan=plan,
        name="2026 – eerste semester",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 6, 30),
        due_date=dt.date(2026, 7, 15),
    )
    ProgressReport.objects.create(round=round_, action=action)
    today = dt.date(2026, 8, 1)
    from planmonitor.network import selectors as network_selectors
    from planmonitor.network import status

    rules = {
        f.rule
        for f in status.risk_findings(network_selectors.dashboard_data(plan), today)
        if f.action.pk == action.pk
    }
    assert "no_report_last_round" in rules  # the dashboard says it
    keys = [f.key for f in sources.findings(plan, today) if action.pk in f.action_ids]
    assert f"delay:{round_.pk}:R003" in keys
    assert not [k for k in keys if k.startswith("risk:no_report_last_round")]


def test_overlap_source_signals_duplications_across_two_lead_ministers(plan):

    title = "Een sensibiliseringscampagne over partnergeweld voor jongeren op sociale media"
    description = "Een campagne op sociale media maakt jongeren bewust van partnergeweld."
    a = smart_action_create(plan, "O001", title=title, description=description)
    b = smart_action_create(
        plan,
        "O002",
        title=title,
        description=description,
        lead_minister=Minister.objects.exclude(key="gennez").first(),
    )
    # The same minister twice: flagged by the detector, but not a signal.
    smart_action_create(plan, "O003", title=title, description=description)
    smart_action_create(plan, "O004", title="Opvang voor slachtoffers van mensenhandel uitbreiden")
    found = sources.overlap_findings(plan, dt.date(2026, 6, 1))
    assert {f.key for f in found} == {"overlap:O001:O002", "overlap:O002:O003"}
    first = next(f for f in found if f.key == "overlap:O001:O002")
    assert first.kind == "overlap" and set(first.action_ids) == {a.pk, b.pk}


def test_a_first_run_writes_its_signals_in_batches(plan, causes):
    # New signals, their action links and their history: a few queries however many.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    action = smart_action_create(plan, "B001")

    def run(keys):
        causes.clear()
        for key in keys:
            causes[key] = Finding(
                key=key, kind=SignalKind.RISK, title=key, detail="", action_ids=(action.pk,)
            )
        with CaptureQueriesContext(connection) as queries:
            assert services.sync_signals(plan=plan, today=TODAY).created == len(keys)
        return len(queries)

    few = run(["a1", "a2"])
    Signal.objects.all().delete()
    assert run([f"b{n}" for n in range(40)]) == few
    signal = Signal.objects.get(key="b7")
    assert list(signal.actions.all()) == [action]
    assert signal.history.get().history_type == "+"
