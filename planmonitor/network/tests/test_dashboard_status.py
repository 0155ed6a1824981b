"""The dashboard's rules on constructed rows: status, risk rules, roll-up, compliance, forecast."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from planmonitor.network import status
from planmonitor.network.status import (
    ActionRow,
    DashboardData,
    Group,
    IndicatorRow,
    MilestoneRow,
    ReportRow,
    RoundRow,
    ValueRow,
)

D = dt.date
R1 = RoundRow(1, "2026-1", D(2026, 1, 1), D(2026, 6, 30), D(2026, 7, 15), closed=True)
R2 = RoundRow(2, "2026-2", D(2026, 7, 1), D(2026, 12, 31), D(2027, 1, 15), closed=False)


def _action(pk: int, od: int = 10, minister: int = 100, end: dt.date | None = None) -> ActionRow:
    return ActionRow(pk, f"A{pk:03}", f"Actie {pk}", od, minister, end)


def _report(action: int, round_: int, state: str, impl: str = "on_track", on=None, ext=None):
    return ReportRow(action, round_, state, impl, "", on, ext)


def _data(actions, reports=(), indicators=(), values=(), milestones=()) -> DashboardData:
    return DashboardData(
        plan_end=D(2029, 12, 31),
        actions=list(actions),
        strategic_goals=[Group(1, "1", "SD 1"), Group(2, "2", "SD 2")],
        operational_goals=[
            Group(10, "1.1", "OD 1.1", 1),
            Group(11, "1.2", "OD 1.2", 1),
            Group(20, "2.1", "OD 2.1", 2),
        ],
        ministers=[Group(100, "gennez", "Gennez"), Group(200, "crevits", "Crevits")],
        violence_forms=[Group(7, "SG", "Seksueel geweld")],
        target_groups=[Group(8, "kinderen", "Kinderen")],
        violence_forms_of={1: {7}},
        target_groups_of={1: {8}, 2: {8}},
        rounds=[R1, R2],
        reports=list(reports),
        indicators=list(indicators),
        values=list(values),
        milestones=list(milestones),
    )


def test_it_takes_the_latest_accepted_report_over_a_later_submitted_one():
    data = _data(
        [_action(1), _action(2), _action(3)],
        [
            _report(1, 1, "accepted", "delayed", D(2026, 7, 1)),
            _report(1, 2, "submitted", "completed", D(2027, 1, 2)),
            _report(2, 1, "submitted", "preparing", D(2026, 7, 1)),
            _report(3, 1, "draft", "completed", None),
        ],
    )
    assert status.implementation_status(data, D(2027, 2, 1)) == {
        1: "delayed",
        2: "preparing",
        3: status.NO_REPORT,
    }


def test_it_ignores_reports_submitted_after_the_as_of_date():
    data = _data([_action(1)], [_report(1, 1, "accepted", "delayed", D(2026, 7, 10))])
    assert status.implementation_status(data, D(2026, 7, 9)) == {1: status.NO_REPORT}
    assert status.implementation_status(data, D(2026, 7, 10)) == {1: "delayed"}


def _rules(data, as_of):
    return {(f.action.pk, f.rule, f.signal) for f in status.risk_findings(data, as_of)}


def test_each_risk_rule_flags_its_action():
    as_of = D(2026, 8, 1)  # round 1 is past its due date
    ok = [_report(pk, 1, "accepted", "on_track", D(2026, 7, 1)) for pk in (1, 2, 3, 5)]
    data = _data(
        [
            _action(1),
            _action(2),
            _action(3),
            _action(4),
            _action(5, end=D(2026, 7, 31)),
            _action(6),
        ],
        [
            *ok[:1],
            _report(2, 1, "accepted", "delayed", D(2026, 7, 1)),
            *ok[2:],
            _report(4, 1, "draft"),  # asked by the round, never submitted
            # 6: not asked by the round (not running in its period): owes nothing
        ],
        milestones=[
            MilestoneRow(3, "Kick-off", D(2026, 6, 1), None),
            MilestoneRow(1, "Done in time", D(2026, 5, 1), D(2026, 4, 30)),
        ],
    )
    assert _rules(data, as_of) == {
        (2, "report_delayed", status.AT_RISK),
        (3, "overdue_milestones", status.AT_RISK),
        (4, "no_report_last_round", status.AT_RISK),
        (5, "ended_not_completed", status.OFF_TRACK),
    }
    assert status.signals(data, as_of) == {
        1: status.ON_TRACK,
        2: status.AT_RISK,
        3: status.AT_RISK,
        4: status.AT_RISK,
        5: status.OFF_TRACK,
        6: status.ON_TRACK,
    }
    reason = next(
        f.reason for f in status.risk_findings(data, as_of) if f.rule == "overdue_milestones"
    )
    assert "Kick-off" in reason


def test_overdue_milestones_escalate_to_off_track():
    # One milestone late by up to 90 days: at risk; by more, or two late: off track.
    as_of = D(2026, 8, 1)
    ok = [_report(pk, 1, "accepted", "on_track", D(2026, 7, 1)) for pk in (1, 2, 3)]
    data = _data(
        [_action(1), _action(2), _action(3)],
        ok,
        milestones=[
            MilestoneRow(1, "Ninety days", as_of - dt.timedelta(days=90), None),
            MilestoneRow(2, "Ninety-one days", as_of - dt.timedelta(days=91), None),
            MilestoneRow(3, "First", as_of - dt.timedelta(days=2), None),
            MilestoneRow(3, "Second", as_of - dt.timedelta(days=1), None),
        ],
    )
    assert _rules(data, as_of) == {
        (1, "overdue_milestones", status.AT_RISK),
        (2, "overdue_milestones", status.OFF_TRACK),
        (3, "overdue_milestones", status.OFF_TRACK),
    }


def test_a_completed_action_is_not_at_risk_for_unticked_milestones():
    as_of = D(2026, 8, 1)
    data = _data(
        [_action(1)],
        [_report(1, 1, "accepted", "completed", D(2026, 7, 1))],
        milestones=[MilestoneRow(1, "Never ticked", D(2026, 1, 1), None)],
    )
    assert _rules(data, as_of) == set()
    assert status.signals(data, as_of) == {1: status.ON_TRACK}


def test_a_stopped_action_is_off_track():
    data = _data([_action(1)], [_report(1, 1, "accepted", "stopped", D(2026, 7, 1))])
    assert _rules(data, D(2026, 7, 2)) == {(1, "report_delayed", status.OFF_TRACK)}


def _indicator(pk=50, action=1, baseline="0", target="100", direction="increase"):
    return IndicatorRow(
        pk,
        action,
        f"I{pk}",
        "Bereik",
        True,
        Decimal(baseline),
        Decimal(target),
        D(2027, 12, 31),
        direction,
    )


def test_the_forecast_says_will_reach_or_will_not_reach_from_three_points():
    rounds = [
        RoundRow(pk, f"r{pk}", D(2024, 1, 1), D(2024 + pk, 1, 1), D(2024 + pk, 1, 2), True)
        for pk in (1, 2, 3)
    ]

    def forecast(values, target):
        data = _data(
            [_action(1)],
            indicators=[_indicator(target=target)],
            values=[
                ValueRow(50, pk, 1, Decimal(v), "accepted", D(2024 + pk, 1, 2))
                for pk, v in zip((1, 2, 3), values, strict=False)
            ],
        )
        data.rounds = rounds
        return status.forecasts(data, D(2027, 6, 1))[0]

    # 10 a year from 2025: about 40 by the end of 2027.
    reach = forecast(["10", "20", "30"], "35")
    assert reach.verdict == "reach" and 39 < reach.projected < 41
    miss = forecast(["10", "20", "30"], "60")
    assert miss.verdict == "miss"
    assert forecast(["10", "20"], "35").verdict == "too_few"


def test_a_decreasing_indicator_reaches_when_the_trend_falls_below_target():
    assert (
        status.linear_projection([(D(2025, 1, 1), 10.0), (D(2026, 1, 1), 8.0)], D(2027, 1, 1)) < 6.1
    )
    indicator = _indicator(baseline="10", target="5", direction="decrease")
    assert status._reaches(indicator, 4.0)
    assert not status._reaches(indicator, 6.0)


def test_progress_rolls_up_from_indicators_to_od_to_sd():
    data = _data(
        [_action(1, od=10), _action(2, od=10), _action(3, od=11), _action(4, od=20)],
        # Action 2 has no indicator values: its accepted status (on track) scores 0.5.
        [
            _report(2, 1, "accepted", "on_track", D(2026, 7, 1)),
            _report(1, 1, "accepted", "on_track", D(2026, 7, 1)),
        ],
        indicators=[_indicator(50, 1), _indicator(51, 1, target="200"), _indicator(52, 3)],
        values=[
            ValueRow(50, 1, 1, Decimal("50"), "accepted", D(2026, 7, 1)),  # 0.5
            ValueRow(51, 1, 1, Decimal("300"), "accepted", D(2026, 7, 1)),  # 1.5 clamped to 1
            ValueRow(52, 1, 3, Decimal("-5"), "accepted", D(2026, 7, 1)),  # clamped to 0
        ],
    )
    as_of = D(2026, 8, 1)
    assert status.action_progress(data, as_of) == {1: 0.75, 2: 0.5, 3: 0.0, 4: None}
    ods, sds = status.rollup(data, as_of)
    assert {r.group.code: r.progress for r in ods} == {"1.1": 0.625, "1.2": 0.0, "2.1": None}
    assert {r.group.code: (r.progress, r.actions) for r in sds} == {
        "1": (0.3125, 3),
        "2": (None, 1),
    }


def test_compliance_counts_on_time_late_and_missing_per_round_and_minister():
    # A round owes the reports it asked (a row per action running in its period): action 5
    # was not asked in round 1, so it is not missing there.
    data = _data(
        [_action(k, minister=100 if k <= 2 else 200) for k in range(1, 6)],
        [
            _report(1, 1, "accepted", on=D(2026, 7, 15)),  # on time (the due date itself)
            _report(2, 1, "submitted", on=D(2026, 7, 20)),  # late
            _report(3, 1, "submitted", on=D(2026, 7, 20), ext=D(2026, 7, 31)),  # on time, extended
            _report(4, 1, "draft"),  # missing
            *(_report(k, 2, "draft") for k in range(1, 6)),
        ],
    )
    rounds, ministers = status.compliance(data, D(2026, 8, 1))
    first, second = rounds
    assert (first.label, first.counts) == (
        "2026-1",
        {"on_time": 2, "late": 1, "missing": 1, "pending": 0},
    )
    assert first.percentages == {"on_time": 50, "late": 25, "missing": 25}
    assert second.counts == {"on_time": 0, "late": 0, "missing": 0, "pending": 5}
    assert {m.label: m.counts["missing"] for m in ministers} == {"Crevits": 1, "Gennez": 0}


def test_filters_combine():
    data = _data([_action(1, od=10), _action(2, od=20), _action(3, od=11, minister=200)])
    assert [a.pk for a in status.filtered(data, sd=1).actions] == [1, 3]
    assert [a.pk for a in status.filtered(data, sd=1, minister=200).actions] == [3]
    assert [a.pk for a in status.filtered(data, target_group=8, violence_form=7).actions] == [1]


def test_breakdowns_count_each_signal_per_group():
    data = _data([_action(1, od=10), _action(2, od=20, minister=200)])
    rows = status.breakdowns(data, {1: status.AT_RISK, 2: status.ON_TRACK})
    sd = next(b for b in rows if b.key == "sd")
    assert [(r.group.code, r.counts[status.AT_RISK], r.total) for r in sd.rows] == [
        ("1", 1, 1),
        ("2", 0, 1),
    ]
    target = next(b for b in rows if b.key == "target")
    assert [(r.group.code, r.total) for r in target.rows] == [("kinderen", 2)]


def test_a_forecast_that_misses_its_target_puts_the_action_at_risk():
    rounds = [
        RoundRow(pk, f"r{pk}", D(2024, 1, 1), D(2024 + pk, 1, 1), D(2024 + pk, 1, 2), True)
        for pk in (1, 2, 3)
    ]
    data = _data(
        [_action(1)],
        [_report(1, pk, "accepted", "on_track", D(2024 + pk, 1, 2)) for pk in (1, 2, 3)],
        indicators=[_indicator(target="500")],
        values=[
            ValueRow(50, pk, 1, Decimal(10 * pk), "accepted", D(2024 + pk, 1, 2))
            for pk in (1, 2, 3)
        ],
    )
    data.rounds = rounds
    findings = status.risk_findings(data, D(2027, 6, 1))
    assert [(f.rule, f.signal) for f in findings] == [("forecast_misses", status.AT_RISK)]
    assert "I50" in findings[0].reason and "500" in findings[0].reason
