"""The dashboard's charts: stacked horizontal bars as self-contained SVG, written here.

No chart library: a few rectangles and labels are cheaper than any library's start-up
within the dashboard's 150 ms budget, and run under the strict CSP without JavaScript
(see ``monitoring/charts.py`` for the same choice). Colours are Okabe–Ito, and every
segment also carries its count as text and a pattern, so colour is never the only cue.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Okabe–Ito: bluish green, orange, vermillion, grey; with a pattern each.
COLOURS = {
    "on_track": "#009E73",
    "at_risk": "#E69F00",
    "off_track": "#D55E00",
    "on_time": "#009E73",
    "late": "#E69F00",
    "missing": "#D55E00",
}
PATTERNS = {
    "on_track": "",
    "at_risk": "dots",
    "off_track": "hatch",
    "on_time": "",
    "late": "dots",
    "missing": "hatch",
}

LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT, BAR_HEIGHT, LEGEND = 150, 440, 26, 18, 30

_DEFS = (
    '<defs><pattern id="{id}-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<circle cx="3" cy="3" r="1.2" fill="#000"/></pattern>'
    '<pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#000" '
    'stroke-width="1.5"/></pattern></defs>'
)


def stacked_bars(
    *,
    chart_id: str,
    title: str,
    description: str,
    keys: Sequence[str],
    labels: dict[str, str],
    rows: Sequence[tuple[str, dict[str, int]]],
) -> SafeString:
    """One bar per row, a segment per key, its width the share of the row's total."""
    height = LEGEND + ROW_HEIGHT * len(rows) + 4
    width = LABEL_WIDTH + BAR_WIDTH + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="dashboard-chart">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        _DEFS.format(id=chart_id),
    ]
    x: float = 0
    for key in keys:
        parts.append(_segment(chart_id, key, x, 4, 14, 14))
        parts.append(f'<text x="{x + 18}" y="16" font-size="12">{escape(labels[key])}</text>')
        x += 18 + 8 * len(str(labels[key])) + 16
    for index, (label, counts) in enumerate(rows):
        y = LEGEND + index * ROW_HEIGHT
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" font-size="12" text-anchor="end">'
            f"{escape(label)}</text>"
        )
        total = sum(counts.get(k, 0) for k in keys) or 1
        x = float(LABEL_WIDTH)
        for key in keys:
            count = counts.get(key, 0)
            if not count:
                continue
            w = BAR_WIDTH * count / total
            parts.append(_segment(chart_id, key, x, y, w, BAR_HEIGHT))
            parts.append(
                f'<text x="{x + w / 2:.1f}" y="{y + 13}" font-size="11" text-anchor="middle" '
                f'fill="#000">{count}</text>'
            )
            x += w
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _segment(chart_id: str, key: str, x: float, y: float, w: float, h: float) -> str:
    rect = (
        f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{h}" fill="{COLOURS[key]}" '
        f'stroke="#fff" data-key="{key}"/>'
    )
    if pattern := PATTERNS[key]:
        rect += (
            f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{h}" '
            f'fill="url(#{chart_id}-{pattern})" fill-opacity="0.35"/>'
        )
    return rect
