"""The final evaluation's own sections, built from a snapshot's payload.

After the interim report's content, the final report adds: per strategic goal what was
achieved, per quantitative indicator baseline -> target -> actual with the achievement
ratio and the trend (analysis.py), and each context series with the plan period marked
and the interrupted time series in words (presenting.py, as on the page). Everything is
read from the payload, so the report gives the same numbers years later.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import resvg_py
from django.utils import translation
from django.utils.translation import gettext as _

from planmonitor.core import formatting
from planmonitor.evaluation.documents.blocks import (
    Block,
    BulletList,
    Figure,
    Heading,
    Paragraph,
    Table,
)

from . import analysis
from .presenting import contribution_note, number, series_view


def final_blocks(payload: dict[str, Any], *, language: str) -> list[Block]:
    """Blocks the final report adds after the interim report's content: per quantitative
    indicator baseline -> target -> actual, achievement and trend; per SD what was
    achieved; the context series with the interrupted time series analysis.

    ``payload`` is a snapshot's payload: ``content`` (evaluation.content.plan_content),
    ``as_of`` (ISO date), ``indicator_values`` and ``context_series`` (see
    snapshots/freeze.py and impact/selectors.context_payload).
    """
    with translation.override(language):
        return [*_achievement_blocks(payload), *_context_blocks(payload)]


def _ratio(ratio: Decimal | None) -> str:
    return "—" if ratio is None else f"{formatting.localized(round(ratio * 100))} %"


def _trend(slope: float | None, unit: str) -> str:
    if slope is None:
        return "—"
    return _("%(slope)s %(unit)s per year") % {"slope": number(slope), "unit": unit}


def _actual(achievement: analysis.Achievement) -> str:
    if achievement.actual is None:
        return _("no data")
    day = dt.date.fromisoformat(achievement.actual_date or "")
    return f"{formatting.localized(achievement.actual)} ({formatting.date(day)})"


def _achievement_blocks(payload: dict[str, Any]) -> list[Block]:
    goals = analysis.goal_achievements(payload["content"], payload.get("indicator_values", []))
    as_of = formatting.date(dt.date.fromisoformat(payload["as_of"]))
    blocks: list[Block] = [
        Heading(_("What the plan achieved")),
        Paragraph(
            _(
                "Per quantitative indicator: its baseline, its target and the latest reported "
                "value up to %(date)s (actual). The achievement ratio is (actual − baseline) / "
                "(target − baseline): 0 %% at the baseline, 100 %% at the target, more when "
                "the target was passed, below zero when the value moved away from it. The "
                "trend is the least-squares slope over the reported values."
            )
            % {"date": as_of}
        ),
        Table(
            columns=(
                _("Strategic goal"),
                _("Actions"),
                _("Quantitative indicators"),
                _("With a value"),
                _("Target reached"),
                _("Median ratio"),
            ),
            rows=tuple(
                (
                    f"{g.code} {g.text}",
                    str(g.actions),
                    str(len(g.indicators)),
                    str(g.measured),
                    str(g.reached),
                    _ratio(g.median_ratio),
                )
                for g in goals
            ),
            caption=_("Per strategic goal: what was achieved"),
            numeric=frozenset({1, 2, 3, 4, 5}),
        ),
    ]
    for goal in goals:
        blocks.append(Heading(f"{goal.code} {goal.text}", level=2))
        if not goal.indicators:
            blocks.append(Paragraph(_("No quantitative indicators."), style="note"))
            continue
        blocks.append(
            Paragraph(
                _(
                    "%(reached)d of %(count)d quantitative indicators reached their target; "
                    "%(measured)d have a value to compare."
                )
                % {
                    "reached": goal.reached,
                    "count": len(goal.indicators),
                    "measured": goal.measured,
                }
            )
        )
        blocks.append(
            Table(
                columns=(
                    _("Action"),
                    _("Indicator"),
                    _("Baseline"),
                    _("Target"),
                    _("Actual"),
                    _("Achievement"),
                    _("Trend"),
                ),
                rows=tuple(
                    (
                        code,
                        f"{a.code} {a.name}" + (f" ({a.unit})" if a.unit else ""),
                        formatting.localized(a.baseline),
                        formatting.localized(a.target),
                        _actual(a),
                        _ratio(a.ratio),
                        _trend(a.slope, a.unit),
                    )
                    for code, a in goal.indicators
                ),
                caption=_("Baseline → target → actual, %(goal)s") % {"goal": goal.code},
                numeric=frozenset({2, 3, 4, 5}),
            )
        )
    return blocks


def _png(svg: str) -> bytes:
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, background="#ffffff", zoom=2))


def _context_blocks(payload: dict[str, Any]) -> list[Block]:
    plan = payload["content"]["plan"]
    period = (
        dt.date.fromisoformat(plan["period_start"]).year,
        dt.date.fromisoformat(plan["period_end"]).year,
    )
    blocks: list[Block] = [
        Heading(_("Context series and impact analysis")),
        Paragraph(contribution_note()),
        Paragraph(
            _(
                "Method: an interrupted time series (segmented least-squares regression) "
                "compares the level and the yearly trend before %(start)d with those from "
                "%(start)d on, each with its 95 %% interval. It needs at least %(before)d "
                "years before the start and %(after)d from it on; with fewer, the series "
                'is shown without an estimate ("too few years").'
            )
            % {"start": period[0], "before": analysis.MIN_BEFORE, "after": analysis.MIN_AFTER}
        ),
    ]
    series_list = payload.get("context_series", [])
    if not series_list:
        blocks.append(Paragraph(_("No context series were recorded."), style="note"))
    for index, data in enumerate(series_list, start=1):
        view = series_view(data, period=period, chart_id=f"context-report-{index}")
        blocks.append(Heading(view.title, level=2))
        if data.get("is_example"):
            blocks.append(
                Paragraph(_("Example data: invented figures, not published ones."), style="note")
            )
        blocks.append(
            Figure(
                svg=str(view.chart),
                png=_png(str(view.chart)),
                alt=view.title,
                caption=_("%(title)s, with the plan period %(start)d–%(end)d marked")
                % {"title": view.title, "start": period[0], "end": period[1]},
            )
        )
        blocks.append(
            Table(
                columns=(_("Year"), _("Value"), _("Note"), _("Source")),
                rows=tuple(
                    (str(p["year"]), p["value_display"], p["note"], p["source"])
                    for p in view.points
                ),
                caption=_("Yearly values of %(title)s") % {"title": view.title},
                numeric=frozenset({0, 1}),
            )
        )
        blocks.append(BulletList(tuple(view.findings)))
    return blocks
