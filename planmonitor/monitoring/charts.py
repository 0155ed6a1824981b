"""Indicator charts as small, self-contained SVG, written on the server.

Why no plotting library: one SVG string serves the HTML page (inline, under the
strict CSP: presentation attributes such as ``stroke=``, never ``style=``), the
PDF (WeasyPrint renders inline SVG) and later DOCX (as an image), and a line
with points, two reference lines and a few labels is ~150 lines of tested code.
altair + vl-convert or matplotlib would add tens of megabytes, a second
rendering engine and fonts, for output we could not control as precisely
(ids for ``aria-labelledby``, Belgian number format, dd/mm/yyyy dates).

All text is escaped with ``django.utils.html.escape``; coordinates are numbers
we compute, so nothing from the database reaches the markup unescaped.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from planmonitor.core import formatting

# Geometry (user units of the viewBox); CSS scales the whole picture.
WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 76, 20, 28, 70
PLOT_PADDING = 24  # keeps the first and last point off the axes
LABEL_WIDTH = 80  # room for one dd/mm/yyyy label

# Colours: the app's palette, each with enough contrast on white.
VALUE_COLOUR = "#0b4f9c"
BASELINE_COLOUR = "#4a4a48"
TARGET_COLOUR = "#1e6b34"
GRID_COLOUR = "#c9cccf"
TEXT_COLOUR = "#1d1d1b"
BREAK_COLOUR = "#8a3b00"


# --- scales ---------------------------------------------------------------------


def nice_ticks(low: Decimal, high: Decimal, count: int = 5) -> list[Decimal]:
    """Round tick values covering [low, high]: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if high < low:
        low, high = high, low
    if high == low:
        spread = abs(high) / 10 or Decimal(1)
        low, high = low - spread, high + spread
    raw = (high - low) / max(1, count - 1)
    magnitude = Decimal(1).scaleb(math.floor(math.log10(raw)))
    step = next(
        magnitude * factor
        for factor in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
        if magnitude * factor >= raw
    )
    first = (low / step).to_integral_value(rounding=ROUND_FLOOR) * step
    last = (high / step).to_integral_value(rounding=ROUND_CEILING) * step
    ticks = []
    tick = first
    while tick <= last:
        ticks.append(tick)
        tick += step
    return ticks


@dataclass(frozen=True)
class ChartPoint:
    date: dt.date
    value: Decimal


@dataclass(frozen=True)
class ChartBreak:
    """A break in the series (monitoring/breaks.py): drawn as a dashed vertical line."""

    date: dt.date
    label: str = ""  # default: "Break"


def _n(number: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros."""
    return f"{number:.1f}".rstrip("0").rstrip(".")


def _attributes(attributes: dict[str, str]) -> str:
    """Keyword arguments as SVG presentation attributes: stroke_width="2" → stroke-width="2"."""
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"'
        for name, value in attributes.items()
    )


def _text(x: float, y: float, content: str, **attributes: str) -> str:
    return f'<text x="{_n(x)}" y="{_n(y)}"{_attributes(attributes)}>{escape(content)}</text>'


def _line(x1: float, y1: float, x2: float, y2: float, **attributes: str) -> str:
    coordinates = f'x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"'
    return f"<line {coordinates}{_attributes(attributes)}/>"


def _label_indices(count: int, room: int) -> set[int]:
    """Which points get a date label: all if they fit, else every k-th ending with the last."""
    if count <= room:
        return set(range(count))
    step = math.ceil(count / max(1, room))
    return {i for i in range(count) if (count - 1 - i) % step == 0}


def line_chart_svg(
    *,
    chart_id: str,
    title: str,
    description: str,
    points: Sequence[ChartPoint],
    baseline: Decimal | None,
    target: Decimal | None,
    unit: str = "",
    breaks: Sequence[ChartBreak] = (),
) -> SafeString:
    """An indicator's values over time as a line with points, a dashed baseline and a target line.

    ``chart_id`` must be unique in the page: the title and description get ids
    derived from it for ``aria-labelledby``. Each of ``breaks`` (a changed definition or
    target) is a dashed vertical line labelled "Break" and its date; the time axis
    stretches to include it.
    """
    points = sorted(points, key=lambda p: p.date)
    breaks = sorted(breaks, key=lambda b: b.date)
    plot_left, plot_right = LEFT, WIDTH - RIGHT
    plot_top, plot_bottom = TOP, HEIGHT - BOTTOM
    inner_left, inner_right = plot_left + PLOT_PADDING, plot_right - PLOT_PADDING

    numbers = [p.value for p in points] + [v for v in (baseline, target) if v is not None]
    ticks = (
        nice_ticks(min(numbers), max(numbers)) if numbers else nice_ticks(Decimal(0), Decimal(1))
    )
    low, high = ticks[0], ticks[-1]
    if high <= low:  # one tick: give the scale a height rather than divide by zero
        high = low + 1

    def y_of(value: Decimal) -> float:
        # In Decimal: as floats, two large nearly equal numbers (99999999999,9999 and
        # 99999999999,9998) can be the same number, and their difference zero.
        share = (Decimal(value) - low) / (high - low)
        return plot_bottom - float(share) * (plot_bottom - plot_top)

    days = [p.date for p in points] + [b.date for b in breaks]
    first_day = min(days) if days else None
    span = (max(days) - first_day).days if days else 0

    def x_of(day: dt.date) -> float:
        if not span:
            return (inner_left + inner_right) / 2
        return inner_left + (day - first_day).days / span * (inner_right - inner_left)

    parts = svg_open(chart_id, title, description)
    parts.extend(value_axis(ticks, y_of, unit, (plot_left, plot_top, plot_right, plot_bottom)))

    # Time axis: one label per reported period (thinned when they would overlap).
    parts.append('<g class="chart__axis">')
    parts.append(
        _line(plot_left, plot_bottom, plot_right, plot_bottom, stroke=TEXT_COLOUR, stroke_width="1")
    )
    room = int((inner_right - inner_left) // LABEL_WIDTH) + 1
    for index in sorted(_label_indices(len(points), room)):
        x = x_of(points[index].date)
        parts.append(_line(x, plot_bottom, x, plot_bottom + 5, stroke=TEXT_COLOUR))
        parts.append(
            _text(x, plot_bottom + 20, formatting.date(points[index].date), text_anchor="middle")
        )
    parts.append("</g>")

    # Reference lines, labelled where they are (no colour-only legend needed).
    references = []
    if baseline is not None:
        references.append(
            ("baseline", _("Baseline"), baseline, BASELINE_COLOUR, {"stroke_dasharray": "6 4"})
        )
    if target is not None:
        references.append(("target", _("Target"), target, TARGET_COLOUR, {}))
    label_ys: list[float] = []
    for css, label, value, colour, dash in references:
        y = y_of(value)
        label_y = y - 6
        if any(abs(label_y - other) < 14 for other in label_ys):
            label_y = y + 16  # the other label sits just above: go below the line
        label_ys.append(label_y)
        parts.append(
            f'<g class="chart__{css}">'
            + _line(plot_left, y, plot_right, y, stroke=colour, stroke_width="2", **dash)
            + _text(
                plot_right - 4,
                label_y,
                f"{label}: {formatting.localized(value)}",
                text_anchor="end",
                fill=colour,
                font_weight="600",
            )
            + "</g>"
        )

    parts.extend(_break_lines(breaks, x_of, plot_top, plot_bottom))

    # The values.
    marks = [
        (
            x_of(p.date),
            y_of(p.value),
            f"{formatting.date(p.date)}: {formatting.localized(p.value)} {unit}".strip(),
        )
        for p in points
    ]
    parts.extend(value_marks(marks, (plot_left, plot_top, plot_right, plot_bottom)))

    # Legend, under the time axis.
    legend_y = HEIGHT - 18
    legend = [(_("Reported value"), VALUE_COLOUR, {})]
    legend += [(label, colour, dash) for _css, label, _v, colour, dash in references]
    parts.append('<g class="chart__legend">')
    x = plot_left
    for label, colour, dash in legend:
        parts.append(
            _line(x, legend_y - 4, x + 24, legend_y - 4, stroke=colour, stroke_width="2.5", **dash)
        )
        parts.append(_text(x + 30, legend_y, label))
        x += 30 + 8 * len(label) + 24
    parts.append("</g>")

    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above went through escape()


def _break_lines(
    breaks: Sequence[ChartBreak], x_of, plot_top: float, plot_bottom: float
) -> list[str]:
    """Each break as a dashed vertical line with "Break dd/mm/yyyy" beside its top."""
    parts = []
    for item in breaks:
        x = x_of(item.date)
        label = f"{item.label or _('Break')} {formatting.date(item.date)}"
        parts.append(
            '<g class="chart__break">'
            + _line(
                x,
                plot_top,
                x,
                plot_bottom,
                stroke=BREAK_COLOUR,
                stroke_width="1.5",
                stroke_dasharray="4 3",
            )
            + _text(x + 4, plot_top + 10, label, fill=BREAK_COLOUR, font_size="11")
            + "</g>"
        )
    return parts


def value_marks(
    marks: Sequence[tuple[float, float, str]], plot: tuple[float, float, float, float]
) -> list[str]:
    """The values as a line through points, each point with its tooltip: ``marks`` are
    (x, y, tooltip); without any, "No data" in the middle of ``plot`` (left, top, right,
    bottom). The context series' charts (evaluation/impact) draw their values with it too."""
    left, top, right, bottom = plot
    if not marks:
        return [
            _text(
                (left + right) / 2,
                (top + bottom) / 2,
                _("No data"),
                text_anchor="middle",
                font_size="16",
                font_weight="600",
            )
        ]
    parts = ['<g class="chart__values">']
    if len(marks) > 1:
        coordinates = " ".join(f"{_n(x)},{_n(y)}" for x, y, _tooltip in marks)
        parts.append(
            f'<polyline points="{coordinates}" fill="none" stroke="{VALUE_COLOUR}"'
            ' stroke-width="2.5" stroke-linejoin="round"/>'
        )
    for x, y, tooltip in marks:
        parts.append(
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4.5"'
            f' fill="{VALUE_COLOUR}" stroke="#ffffff" stroke-width="1.5">'
            f"<title>{escape(tooltip)}</title></circle>"
        )
    parts.append("</g>")
    return parts


def svg_open(chart_id: str, title: str, description: str) -> list[str]:
    """The opening of a chart: the ``svg`` element, its title and its description, named
    by ids derived from ``chart_id`` for ``aria-labelledby``."""
    ids = {"title": f"{chart_id}-title", "desc": f"{chart_id}-desc"}
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{escape(chart_id)}"'
        f' viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img"'
        f' aria-labelledby="{escape(ids["title"])} {escape(ids["desc"])}"'
        f' font-family="system-ui, sans-serif" font-size="12" fill="{TEXT_COLOUR}">',
        f'<title id="{escape(ids["title"])}">{escape(title)}</title>',
        f'<desc id="{escape(ids["desc"])}">{escape(description)}</desc>',
    ]


def value_axis(
    ticks: Sequence[Decimal], y_of, unit: str, plot: tuple[float, float, float, float]
) -> list[str]:
    """The grid lines with their values (Belgian format) and the unit above them."""
    left, top, right, _bottom = plot
    parts = ['<g class="chart__grid">']
    for tick in ticks:
        y = y_of(tick)
        parts.append(_line(left, y, right, y, stroke=GRID_COLOUR, stroke_width="1"))
        parts.append(_text(left - 8, y + 4, formatting.localized(tick), text_anchor="end"))
    parts.append("</g>")
    if unit:
        parts.append(_text(left - 8, top - 12, unit, text_anchor="end", class_="unit"))
    return parts
