"""The indicator charts of a snapshot: drawn from its frozen values with the action page's
own chart function (monitoring/charts.py), as SVG and PNG, once per snapshot."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import resvg_py
from django.utils import translation
from django.utils.translation import gettext as _

from planmonitor.core import formatting
from planmonitor.monitoring.charts import ChartBreak, ChartPoint, line_chart_svg

# Charts are drawn once, in the documents' first language: Dutch.
CHART_LANGUAGE = "nl"


@dataclass(frozen=True)
class IndicatorSeries:
    """A quantitative indicator of the payload with its frozen values, oldest first."""

    action: str
    indicator: dict[str, Any]  # evaluation.content's INDICATOR
    points: list[tuple[dt.date, Decimal, str]]  # (round's period end, value, round name)
    # Changed definitions or targets (monitoring/breaks.py): (date, changed fields).
    breaks: tuple[tuple[dt.date, tuple[str, ...]], ...] = ()


def decimal(value: str | None) -> Decimal | None:
    """A payload's decimal string as a number (None or "" for none)."""
    return None if value is None or value == "" else Decimal(value)


def quantitative_series(payload: dict[str, Any]) -> Iterator[IndicatorSeries]:
    """Every quantitative indicator of the payload's actions, in the plan's order."""
    values: dict[tuple[str, str], list[tuple[dt.date, Decimal, str]]] = {}
    for row in payload["indicator_values"]:
        if row["value"] is not None:
            values.setdefault((row["action"], row["indicator"]), []).append(
                (dt.date.fromisoformat(row["date"]), Decimal(row["value"]), row["round"])
            )
    breaks: dict[tuple[str, str], list[tuple[dt.date, tuple[str, ...]]]] = {}
    for row in payload.get("indicator_breaks", []):  # snapshots from before breaks: none
        breaks.setdefault((row["action"], row["indicator"]), []).append(
            (dt.date.fromisoformat(row["date"]), tuple(row["fields"]))
        )
    for action in payload["content"]["actions"]:
        for indicator in action["indicators"]:
            if indicator["kind"] != "quantitative":
                continue
            key = (action["code"], indicator["code"])
            points = sorted(values.get(key, []))
            yield IndicatorSeries(action["code"], indicator, points, tuple(breaks.get(key, [])))


def alt_text(series: IndicatorSeries) -> str:
    """What the chart shows, in words (the active language); the table beside it has the
    numbers."""
    indicator = series.indicator
    references = _("Baseline %(baseline)s, target %(target)s %(unit)s.") % {
        "baseline": formatting.localized(decimal(indicator["baseline_value"])),
        "target": formatting.localized(decimal(indicator["target_value"])),
        "unit": indicator["unit"],
    }
    if not series.points:
        return f"{_('No values reported yet.')} {references}"
    first, last = series.points[0], series.points[-1]
    return " ".join(
        [
            _(
                "%(count)s reported values from %(first)s to %(last)s; "
                "the latest is %(value)s %(unit)s."
            )
            % {
                "count": len(series.points),
                "first": formatting.date(first[0]),
                "last": formatting.date(last[0]),
                "value": formatting.localized(last[1]),
                "unit": indicator["unit"],
            },
            references,
        ]
    )


def draw(series: IndicatorSeries) -> tuple[str, bytes, str]:
    """(SVG, PNG, alternative text) of one indicator, in the charts' language."""
    indicator = series.indicator
    with translation.override(CHART_LANGUAGE):
        alt = alt_text(series)
        svg = str(
            line_chart_svg(
                chart_id=f"indicator-chart-{series.action}-{indicator['code']}",
                title=_("%(code)s %(name)s: reported values")
                % {"code": indicator["code"], "name": indicator["name"]},
                description=alt,
                points=[ChartPoint(day, value) for day, value, _round in series.points],
                baseline=decimal(indicator["baseline_value"]),
                target=decimal(indicator["target_value"]),
                unit=indicator["unit"],
                breaks=[ChartBreak(day) for day, _fields in series.breaks],
            )
        )
    png = bytes(resvg_py.svg_to_bytes(svg_string=svg, background="#ffffff", zoom=2))
    return svg, png, alt
