"""Progress, computed and explained.

Pure functions on values already loaded: pages and reports call them per row
without extra queries. Missing data gives ``None`` ("no data"), never a silent 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext

from planmonitor.core import formatting

ZERO, ONE = Decimal(0), Decimal(1)


def _bounded(ratio: Decimal) -> Decimal:
    return min(ONE, max(ZERO, ratio))


def _decimal(number) -> Decimal | None:
    """Decimal arithmetic throughout, also when a caller passes an int or a float."""
    if number is None or isinstance(number, Decimal):
        return number
    return Decimal(str(number))


def indicator_progress(
    *,
    baseline: Decimal | None,
    target: Decimal | None,
    actual: Decimal | None,
    direction: str,
) -> Decimal | None:
    """Share of the way from baseline to target, in [0, 1]; None when a number is missing.

    increase, decrease, reach: (actual − baseline) / (target − baseline), bounded;
    the sign of (target − baseline) carries the direction, so a decrease works
    the same way. When target equals baseline the target is met or not (1 or 0).
    maintain: 1 while the actual value stays at or above the target (or the
    baseline without target), else the fraction of it that remains.
    """
    baseline, target, actual = _decimal(baseline), _decimal(target), _decimal(actual)
    if actual is None:
        return None
    if direction == "maintain":
        reference = target if target is not None else baseline
        if reference is None:
            return None
        if actual >= reference:
            return ONE
        return _bounded(actual / reference) if reference > 0 else ZERO
    if baseline is None or target is None:
        return None
    if target == baseline:
        met = {
            "increase": actual >= target,
            "decrease": actual <= target,
        }.get(direction, actual == target)
        return ONE if met else ZERO
    return _bounded((actual - baseline) / (target - baseline))


@dataclass(frozen=True)
class ActionProgress:
    """How far an action's milestones are. Whether it is on track is the learning network's
    verdict (``network.status.RULES``, shown beside this on the action page): one set of
    rules for the page and the dashboard."""

    milestones_done: int
    milestones_total: int

    @property
    def milestone_share(self) -> Decimal | None:
        if not self.milestones_total:
            return None
        return Decimal(self.milestones_done) / Decimal(self.milestones_total)


def milestone_progress(milestones: list[tuple[dt.date, dt.date | None]]) -> ActionProgress:
    """``milestones`` are (planned date, date done) pairs."""
    done = sum(1 for _planned, finished in milestones if finished is not None)
    return ActionProgress(done, len(milestones))


def explain_indicator_progress(
    *,
    baseline: Decimal | None,
    target: Decimal | None,
    actual: Decimal | None,
    direction: str,
) -> str:
    """The formula of ``indicator_progress`` with the numbers filled in, or why there is none."""
    progress = indicator_progress(
        baseline=baseline, target=target, actual=actual, direction=direction
    )
    if actual is None:
        return gettext("No data: no value has been reported yet.")
    if direction == "maintain":
        reference = target if target is not None else baseline
        if reference is None:
            return gettext("No data: the indicator has no target or baseline.")
        return gettext(
            "Maintain: 100 %% while the value (%(actual)s) stays at or above "
            "%(reference)s, else value ÷ %(reference)s = %(progress)s."
        ) % {
            "actual": formatting.localized(actual),
            "reference": formatting.localized(reference),
            "progress": formatting.percent(progress),
        }
    if baseline is None or target is None:
        return gettext("No data: the indicator has no baseline or no target.")
    if target == baseline:
        return gettext(
            "The target equals the baseline (%(target)s): 100 %% when it is met, "
            "else 0 %%. Now: %(progress)s."
        ) % {"target": formatting.localized(target), "progress": formatting.percent(progress)}
    return gettext(
        "(value − baseline) ÷ (target − baseline) = (%(actual)s − %(baseline)s) ÷ "
        "(%(target)s − %(baseline)s) = %(progress)s, bounded between 0 and 100 %%."
    ) % {
        "actual": formatting.localized(actual),
        "baseline": formatting.localized(baseline),
        "target": formatting.localized(target),
        "progress": formatting.percent(progress),
    }
