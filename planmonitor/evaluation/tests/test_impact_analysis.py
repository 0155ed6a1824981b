"""The impact analysis and the indicator achievement, on constructed numbers."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from planmonitor.evaluation.impact import analysis


def _series(level_change: float, slope_change: float, noise: float = 0.0, seed: int = 7):
    """2015-2029 around a start in 2025: 100 + 5 a year, then the given changes."""
    rng = np.random.default_rng(seed)
    points = []
    for year in range(2015, 2030):
        t = year - 2025
        after = year >= 2025
        value = 100 + 5 * t + (level_change + slope_change * t if after else 0)
        points.append((year, Decimal(f"{value + rng.normal(0, noise):.2f}")))
    return points


def test_it_finds_a_known_level_change_exactly_without_noise():
    result = analysis.interrupted_time_series(_series(-30, 0), 2025)
    assert result.enough
    assert result.level_change.value == pytest.approx(-30, abs=1e-6)
    assert result.slope_change.value == pytest.approx(0, abs=1e-6)
    assert result.slope_before.value == pytest.approx(5, abs=1e-6)
    (before_start, before_end), (after_start, after_end) = result.fitted_segments(2025)
    assert before_start == (2015, pytest.approx(50)) and before_end == (2024, pytest.approx(95))
    assert after_start == (2025, pytest.approx(70)) and after_end == (2029, pytest.approx(90))


def test_its_interval_covers_the_known_change_and_excludes_zero_with_noise():
    result = analysis.interrupted_time_series(_series(-30, 2, noise=2.0), 2025)
    assert result.level_change.covers(-30)
    assert not result.level_change.covers(0)
    assert result.slope_change.covers(2)
    assert result.level_change.standard_error > 0
    assert result.degrees_of_freedom == 15 - 4


def test_no_change_gives_intervals_around_zero():
    result = analysis.interrupted_time_series(_series(0, 0, noise=2.0), 2025)
    assert result.level_change.covers(0)
    assert result.slope_change.covers(0)


def test_a_short_series_has_too_few_years():
    # The published 1712 series: 2012, 2018, 2021, 2022 before a 2025 start, none after.
    points = [(2012, 2500), (2018, 5126), (2021, 8515), (2022, 9045)]
    result = analysis.interrupted_time_series(points, 2025)
    assert not result.enough
    assert (result.years_before, result.years_after) == (4, 0)
    assert result.level_change is None


def test_the_minimum_is_three_years_before_and_two_after():
    enough = [(2022, 1), (2023, 2), (2024, 4), (2025, 3), (2026, 5)]
    assert analysis.interrupted_time_series(enough, 2025).enough
    assert not analysis.interrupted_time_series(enough[1:], 2025).enough
    assert not analysis.interrupted_time_series(enough[:-1], 2025).enough


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "direction", "ratio"),
    [
        ("100", "200", "150", "increase", Decimal("0.5")),
        ("100", "200", "250", "increase", Decimal("1.5")),  # beyond the target
        ("100", "50", "75", "decrease", Decimal("0.5")),
        ("100", "50", "120", "decrease", Decimal("-0.4")),  # the wrong way
        ("10", "10", "12", "increase", Decimal(1)),  # target = baseline: met
        ("10", None, "12", "maintain", Decimal(1)),
        ("100", "200", None, "increase", None),
        (None, "200", "150", "increase", None),
    ],
)
def test_the_achievement_ratio(baseline, target, actual, direction, ratio):
    def d(text):
        return None if text is None else Decimal(text)

    assert (
        analysis.achievement_ratio(
            baseline=d(baseline), target=d(target), actual=d(actual), direction=direction
        )
        == ratio
    )


def test_the_trend_is_the_slope_per_year():
    assert analysis.trend_slope([(2020, 10), (2021, 12), (2022, 14)]) == pytest.approx(2)
    assert analysis.trend_slope([(2020, 10)]) is None


def _content():
    indicator = {
        "code": "I1",
        "name": "Opgeleide agenten",
        "kind": "quantitative",
        "unit": "agenten",
        "baseline_value": "0",
        "target_value": "100",
        "direction": "increase",
    }
    qualitative = {"code": "I2", "name": "Kader", "kind": "qualitative"}
    return {
        "plan": {"period_start": "2025-01-01", "period_end": "2029-12-31"},
        "strategic_goals": [
            {"code": "SD1", "text": "Preventie", "operational_goals": []},
            {"code": "SD2", "text": "Bescherming", "operational_goals": []},
        ],
        "actions": [
            {"code": "A001", "strategic_goal": "SD1", "indicators": [indicator, qualitative]},
            {"code": "A002", "strategic_goal": "SD1", "indicators": [{**indicator}]},
        ],
    }


VALUES = [
    {"action": "A001", "indicator": "I1", "date": "2025-06-30", "value": "40"},
    {"action": "A001", "indicator": "I1", "date": "2026-06-30", "value": "120"},
    {"action": "A002", "indicator": "I1", "date": "2026-06-30", "value": None},
]


def test_per_goal_it_counts_what_was_achieved():
    sd1, sd2 = analysis.goal_achievements(_content(), VALUES)
    assert (sd1.code, sd1.actions, len(sd1.indicators)) == ("SD1", 2, 2)
    (code, first), (_code, second) = sd1.indicators
    assert code == "A001"
    assert first.actual == Decimal("120") and first.actual_date == "2026-06-30"
    assert first.ratio == Decimal("1.2") and first.reached
    assert first.slope == pytest.approx(80, rel=0.01)
    assert second.actual is None and second.ratio is None
    assert (sd1.measured, sd1.reached, sd1.median_ratio) == (1, 1, Decimal("1.2"))
    assert (sd2.actions, sd2.indicators, sd2.median_ratio) == (0, [], None)
