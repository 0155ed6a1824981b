"""A context series as SVG: yearly values as a line, the plan period as a shaded band.

Drawn the way monitoring/charts.py draws an indicator (its scales, its escaped text and
line helpers, its palette), so the page, the PDF and the DOCX (as PNG) show one picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from planmonitor.core import formatting
from planmonitor.monitoring.charts import (
    BOTTOM,
    HEIGHT,
    LEFT,
    PLOT_PADDING,
    RIGHT,
    TEXT_COLOUR,
    TOP,
    WIDTH,
    _line,
    _n,
    _text,
    nice_ticks,
    svg_open,
    value_axis,
    value_marks,
)

PERIOD_FILL = "#e8eef7"
FITTED_COLOUR = "#1e6b34"


def context_chart_svg(
    *,
    chart_id: str,
    title: str,
    description: str,
    points: Sequence[tuple[int, Decimal]],
    period: tuple[int, int],
    unit: str = "",
    fitted: Sequence[tuple[tuple[int, float], tuple[int, float]]] = (),
) -> SafeString:
    """The series' values per year; the years ``period`` (first, last) of the plan shaded
    and labelled, the time axis stretched to show them; the ``fitted`` segments of the
    interrupted time series (before and from the start) as dashed lines."""
    points = sorted(points)
    plot_left, plot_right = LEFT, WIDTH - RIGHT
    plot_top, plot_bottom = TOP, HEIGHT - BOTTOM
    inner_left, inner_right = plot_left + PLOT_PADDING, plot_right - PLOT_PADDING
    numbers = [value for _year, value in points]
    numbers += [Decimal(f"{y:.4f}") for segment in fitted for _x, y in segment]
    ticks = nice_ticks(min(numbers, default=Decimal(0)), max(numbers, default=Decimal(1)))
    low, high = ticks[0], ticks[-1]
    if high <= low:
        high = low + 1
    years = [year for year, _value in points] + list(period)
    first, last = min(years), max(years)

    def x_of(year: float) -> float:
        if last == first:
            return (inner_left + inner_right) / 2
        return inner_left + (year - first) / (last - first) * (inner_right - inner_left)

    def y_of(value: Decimal) -> float:
        share = (Decimal(value) - low) / (high - low)
        return plot_bottom - float(share) * (plot_bottom - plot_top)

    parts = svg_open(chart_id, title, description)
    # The plan period: from the start of its first year to the end of its last.
    band_left, band_right = x_of(period[0] - 0.5), x_of(period[1] + 0.5)
    band_left, band_right = max(band_left, plot_left), min(band_right, plot_right)
    parts.append(
        f'<g class="chart__period"><rect x="{_n(band_left)}" y="{plot_top}"'
        f' width="{_n(band_right - band_left)}" height="{plot_bottom - plot_top}"'
        f' fill="{PERIOD_FILL}"/>'
        + _text(
            band_left + 4,
            plot_top + 12,
            _("Plan period %(first)d–%(last)d") % {"first": period[0], "last": period[1]},
            font_weight="600",
        )
        + "</g>"
    )
    parts.extend(value_axis(ticks, y_of, unit, (plot_left, plot_top, plot_right, plot_bottom)))
    parts.append('<g class="chart__axis">')
    parts.append(
        _line(plot_left, plot_bottom, plot_right, plot_bottom, stroke=TEXT_COLOUR, stroke_width="1")
    )
    step = max(1, -(-(last - first + 1) // 12))  # at most a dozen year labels
    for year in range(first, last + 1, step):
        x = x_of(year)
        parts.append(_line(x, plot_bottom, x, plot_bottom + 5, stroke=TEXT_COLOUR))
        parts.append(_text(x, plot_bottom + 20, str(year), text_anchor="middle"))
    parts.append("</g>")
    if fitted:
        parts.append('<g class="chart__fitted">')
        for (x1, y1), (x2, y2) in fitted:
            y1_, y2_ = y_of(Decimal(f"{y1:.4f}")), y_of(Decimal(f"{y2:.4f}"))
            parts.append(
                _line(
                    x_of(x1),
                    y1_,
                    x_of(x2),
                    y2_,
                    stroke=FITTED_COLOUR,
                    stroke_width="2",
                    stroke_dasharray="6 4",
                )
            )
        parts.append("</g>")
        legend_y = HEIGHT - 18
        parts.append(
            _line(
                plot_left,
                legend_y - 4,
                plot_left + 24,
                legend_y - 4,
                stroke=FITTED_COLOUR,
                stroke_width="2",
                stroke_dasharray="6 4",
            )
            + _text(plot_left + 30, legend_y, _("Fitted trend before and after the start"))
        )
    marks = [
        (x_of(year), y_of(value), f"{year}: {formatting.localized(value)} {unit}".strip())
        for year, value in points
    ]
    parts.extend(value_marks(marks, (plot_left, plot_top, plot_right, plot_bottom)))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above went through escape()
