"""The impact analysis and the indicator achievement: pure functions on plain numbers.

Interrupted time series (``interrupted_time_series``): a yearly series is fitted by
ordinary least squares with a segmented regression,

    value = b0 + b1 * (year - start) + b2 * after + b3 * (year - start) * after

where ``after`` is 1 from the plan's start year on. ``b2`` is the change in level at the
start, ``b3`` the change in the yearly slope; their standard errors come from the OLS
covariance and the 95 % intervals from Student's t with n - 4 degrees of freedom. With
fewer than ``MIN_BEFORE`` years before the start or ``MIN_AFTER`` from it on, the answer is
"too few years": the published series are short, so that is today's honest outcome.

What the numbers mean is a contribution analysis: they set what changed beside what the
plan did, they do not prove that the plan caused it (other policy, registration practice
and awareness campaigns move these figures too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from scipy import stats

from planmonitor.monitoring.progress import indicator_progress

# The minimum series: three years to see a trend before the start, two to see one after,
# and at least one degree of freedom left for the error (4 parameters).
MIN_BEFORE = 3
MIN_AFTER = 2
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Estimate:
    value: float
    standard_error: float
    low: float  # the 95 % interval
    high: float

    def covers(self, number: float) -> bool:
        return self.low <= number <= self.high


@dataclass(frozen=True)
class TimeSeriesResult:
    """The analysis of one series: ``enough`` tells whether the estimates exist."""

    years_before: int
    years_after: int
    enough: bool
    level_change: Estimate | None = None
    slope_change: Estimate | None = None
    slope_before: Estimate | None = None
    degrees_of_freedom: int = 0
    intercept: float = 0.0  # the fitted level just before the start (t = 0, before)
    first_year: int = 0
    last_year: int = 0

    def fitted_segments(self, start_year: int) -> list[tuple[tuple[int, float], tuple[int, float]]]:
        """The two fitted lines, before and from the start: [((year, value), (year, value))]."""
        if not self.enough:
            return []
        assert self.slope_before and self.level_change and self.slope_change
        b0, b1 = self.intercept, self.slope_before.value
        b2, b3 = self.level_change.value, self.slope_change.value

        def before(year: int) -> float:
            return b0 + b1 * (year - start_year)

        def after(year: int) -> float:
            return b0 + b2 + (b1 + b3) * (year - start_year)

        return [
            ((self.first_year, before(self.first_year)), (start_year - 1, before(start_year - 1))),
            ((start_year, after(start_year)), (self.last_year, after(self.last_year))),
        ]


def interrupted_time_series(
    points: Sequence[tuple[int, Decimal | float]], start_year: int
) -> TimeSeriesResult:
    """The segmented regression of ``points`` [(year, value)] around ``start_year`` (the
    first year of the plan counts as "after")."""
    by_year = {int(year): float(value) for year, value in points}
    years = sorted(by_year)
    before = sum(1 for year in years if year < start_year)
    after = len(years) - before
    if before < MIN_BEFORE or after < MIN_AFTER:
        return TimeSeriesResult(years_before=before, years_after=after, enough=False)
    t = np.array(years, dtype=float) - start_year
    post = (t >= 0).astype(float)
    design = np.column_stack([np.ones_like(t), t, post, t * post])
    y = np.array([by_year[year] for year in years])
    coefficients, _residuals, rank, _sv = np.linalg.lstsq(design, y, rcond=None)
    dof = len(years) - design.shape[1]
    if rank < design.shape[1] or dof < 1:
        return TimeSeriesResult(years_before=before, years_after=after, enough=False)
    residuals = y - design @ coefficients
    variance = float(residuals @ residuals) / dof
    covariance = variance * np.linalg.inv(design.T @ design)
    quantile = float(stats.t.ppf((1 + CONFIDENCE) / 2, dof))

    def estimate(index: int) -> Estimate:
        value = float(coefficients[index])
        error = float(np.sqrt(max(covariance[index, index], 0.0)))
        return Estimate(value, error, value - quantile * error, value + quantile * error)

    return TimeSeriesResult(
        years_before=before,
        years_after=after,
        enough=True,
        slope_before=estimate(1),
        level_change=estimate(2),
        slope_change=estimate(3),
        degrees_of_freedom=dof,
        intercept=float(coefficients[0]),
        first_year=years[0],
        last_year=years[-1],
    )


# --- indicator achievement ---------------------------------------------------------------


def achievement_ratio(
    *,
    baseline: Decimal | None,
    target: Decimal | None,
    actual: Decimal | None,
    direction: str,
) -> Decimal | None:
    """(actual - baseline) / (target - baseline), unbounded: 0 at the baseline, 1 at the
    target, above 1 past it, below 0 when the value moved away from the target. The sign of
    (target - baseline) carries the direction, so a decrease reads the same way. Where that
    formula means nothing ("maintain", or a target equal to the baseline) the dashboard's
    rule answers (``monitoring.progress.indicator_progress``: met or not). None when a
    number is missing."""
    if direction == "maintain" or (target is not None and target == baseline):
        return indicator_progress(
            baseline=baseline, target=target, actual=actual, direction=direction
        )
    if baseline is None or target is None or actual is None:
        return None
    return (actual - baseline) / (target - baseline)


def trend_slope(points: Sequence[tuple[float, Decimal | float]]) -> float | None:
    """The least-squares slope of [(x, value)] (x in years); None under two distinct x."""
    if len({x for x, _ in points}) < 2:
        return None
    x = np.array([float(p[0]) for p in points])
    y = np.array([float(p[1]) for p in points])
    slope, _intercept = np.polyfit(x, y, 1)
    return float(slope)


@dataclass(frozen=True)
class Achievement:
    code: str
    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    actual: Decimal | None
    actual_date: str | None
    ratio: Decimal | None
    slope: float | None  # per year
    direction: str

    @property
    def reached(self) -> bool:
        return self.ratio is not None and self.ratio >= 1


def _decimal(text: str | None) -> Decimal | None:
    return Decimal(text) if text else None


def indicator_achievement(indicator: dict, values: Sequence[tuple[str, str | None]]) -> Achievement:
    """One quantitative indicator (evaluation.content INDICATOR shape) and its reported
    values [(ISO date, decimal string or None)]: baseline, target, the latest value, the
    ratio and the trend over the values (per year)."""
    numbered = sorted((day, Decimal(value)) for day, value in values if value)
    actual = numbered[-1][1] if numbered else None
    baseline = _decimal(indicator.get("baseline_value"))
    target = _decimal(indicator.get("target_value"))
    direction = indicator.get("direction") or "reach"
    slope = trend_slope(
        [(dt.date.fromisoformat(day).toordinal() / 365.25, value) for day, value in numbered]
    )
    return Achievement(
        code=indicator["code"],
        name=indicator["name"],
        unit=indicator.get("unit") or "",
        baseline=baseline,
        target=target,
        actual=actual,
        actual_date=numbered[-1][0] if numbered else None,
        ratio=achievement_ratio(
            baseline=baseline, target=target, actual=actual, direction=direction
        ),
        slope=slope,
        direction=direction,
    )


@dataclass(frozen=True)
class GoalAchievement:
    """What one strategic goal achieved: its quantitative indicators, how many reached the
    target, how many have a value at all, the median ratio."""

    code: str
    text: str
    actions: int
    indicators: list[tuple[str, Achievement]]  # (action code, achievement)

    @property
    def measured(self) -> int:
        return sum(1 for _code, a in self.indicators if a.ratio is not None)

    @property
    def reached(self) -> int:
        return sum(1 for _code, a in self.indicators if a.reached)

    @property
    def median_ratio(self) -> Decimal | None:
        ratios = sorted(a.ratio for _code, a in self.indicators if a.ratio is not None)
        if not ratios:
            return None
        middle = len(ratios) // 2
        if len(ratios) % 2:
            return ratios[middle]
        return (ratios[middle - 1] + ratios[middle]) / 2


def goal_achievements(content: dict, indicator_values: Sequence[dict]) -> list[GoalAchievement]:
    """Per strategic goal (plan order) its quantitative indicators' achievement, from the
    plan's content and the reported values (snapshot payload shapes)."""
    values: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
    for row in indicator_values:
        values.setdefault((row["action"], row["indicator"]), []).append((row["date"], row["value"]))
    by_goal: dict[str, list] = {}
    actions_per_goal: dict[str, int] = {}
    for action in content.get("actions", []):
        goal = action.get("strategic_goal") or ""
        actions_per_goal[goal] = actions_per_goal.get(goal, 0) + 1
        for indicator in action.get("indicators", []):
            if indicator.get("kind") != "quantitative":
                continue
            achievement = indicator_achievement(
                indicator, values.get((action["code"], indicator["code"]), [])
            )
            by_goal.setdefault(goal, []).append((action["code"], achievement))
    return [
        GoalAchievement(
            code=goal["code"],
            text=goal["text"],
            actions=actions_per_goal.get(goal["code"], 0),
            indicators=by_goal.get(goal["code"], []),
        )
        for goal in content.get("strategic_goals", [])
    ]
