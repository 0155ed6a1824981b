"""The server-side SVG chart of an indicator, and the number formats it shares with the page."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from planmonitor.core.formatting import date as format_date
from planmonitor.core.formatting import localized as format_number
from planmonitor.core.formatting import percent as format_percent
from planmonitor.monitoring.charts import (
    HEIGHT,
    WIDTH,
    ChartPoint,
    line_chart_svg,
    nice_ticks,
)
from planmonitor.tests.html import parse_html

D = Decimal
HUNDRED, TWO_HUNDRED = D(100), D(200)


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def chart(points=(), baseline=HUNDRED, target=TWO_HUNDRED, **kwargs):
    options = {
        "chart_id": "chart-1",
        "title": "I1 Aantal deelnemers",
        "description": "Twee waarden.",
        "unit": "deelnemers",
    }
    options.update(kwargs)
    return line_chart_svg(points=list(points), baseline=baseline, target=target, **options)


def svg(markup) -> BeautifulSoup:
    return parse_html(str(markup)).svg


POINTS = [
    ChartPoint(dt.date(2025, 6, 30), D(110)),
    ChartPoint(dt.date(2025, 12, 31), D(1250)),
    ChartPoint(dt.date(2026, 6, 30), D("1600.5")),
]


# --- formats ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (D("1234.5000"), "1.234,5"),
        (D("120.0000"), "120"),
        (D("1E+2"), "100"),
        (D("-1234567.25"), "-1.234.567,25"),
        (D("0.0000"), "0"),
        (12, "12"),
        (None, "—"),
    ],
)
def test_numbers_are_shown_in_belgian_format_with_the_decimals_they_have(value, shown):
    assert format_number(value) == shown


def test_percentages_are_whole_and_rounded_half_up():
    assert format_percent(D("0.455")) == "46 %"
    assert format_percent(D(1)) == "100 %"
    assert format_percent(None) == "—"


def test_dates_are_day_month_year():
    assert format_date(dt.date(2026, 7, 1)) == "01/07/2026"


@pytest.mark.parametrize(
    ("low", "high"), [(0, 125000), (15, 24), (4, 4), (0, 0), (D("0.001"), D("0.0035")), (-5, 5)]
)
def test_ticks_are_round_and_cover_the_range(low, high):
    ticks = nice_ticks(D(low), D(high))
    assert ticks[0] <= D(low) and ticks[-1] >= D(high)
    assert 2 <= len(ticks) <= 8
    steps = {b - a for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=2),
    st.decimals(min_value=-(10**9), max_value=10**9, places=2),
)
def test_property_ticks_always_cover_both_ends(a, b):
    ticks = nice_ticks(a, b)
    assert ticks[0] <= min(a, b) and ticks[-1] >= max(a, b)
    assert len(ticks) <= 12


# --- the chart ------------------------------------------------------------------------


def test_it_is_an_image_labelled_by_its_title_and_description():
    root = svg(chart(POINTS))
    assert root["role"] == "img"
    title_id, desc_id = root["aria-labelledby"].split()
    assert root.find("title", id=title_id).get_text() == "I1 Aantal deelnemers"
    assert root.find("desc", id=desc_id).get_text() == "Twee waarden."
    assert root["viewbox"] == f"0 0 {WIDTH} {HEIGHT}"


def test_it_draws_the_values_as_a_line_with_a_point_each():
    root = svg(chart(POINTS))
    values = root.find("g", class_="chart__values")
    assert len(values.find("polyline")["points"].split()) == 3
    circles = values.find_all("circle")
    assert [c.title.get_text() for c in circles] == [
        "30/06/2025: 110 deelnemers",
        "31/12/2025: 1.250 deelnemers",
        "30/06/2026: 1.600,5 deelnemers",
    ]
    xs = [float(c["cx"]) for c in circles]
    assert xs == sorted(xs)  # time runs left to right
    ys = [float(c["cy"]) for c in circles]
    assert ys == sorted(ys, reverse=True)  # higher values are drawn higher


def test_points_are_placed_in_time_order_whatever_the_input_order():
    root = svg(chart(list(reversed(POINTS))))
    labels = [t.get_text() for t in root.find("g", class_="chart__axis").find_all("text")]
    assert labels == ["30/06/2025", "31/12/2025", "30/06/2026"]


def test_it_draws_a_dashed_baseline_and_a_target_line_with_their_values():
    root = svg(chart(POINTS))
    baseline = root.find("g", class_="chart__baseline")
    target = root.find("g", class_="chart__target")
    assert baseline.line.get("stroke-dasharray")
    assert not target.line.get("stroke-dasharray")
    assert baseline.get_text() == "Basiswaarde: 100"
    assert target.get_text() == "Streefwaarde: 200"
    # The baseline (100) lies below the target (200): a larger y.
    assert float(baseline.line["y1"]) > float(target.line["y1"])


def test_value_axis_labels_use_belgian_numbers():
    root = svg(chart(POINTS))
    labels = [t.get_text() for t in root.find("g", class_="chart__grid").find_all("text")]
    assert "1.000" in labels
    assert all(re.fullmatch(r"-?[\d.]+(,\d+)?", label) for label in labels), labels


def test_everything_drawn_stays_inside_the_picture():
    markup = str(chart(POINTS, baseline=D(0), target=D(5000)))
    for name, number in re.findall(r'\b(x|y|x1|x2|y1|y2|cx|cy)="(-?[\d.]+)"', markup):
        limit = WIDTH if name.startswith(("x", "c")) and name != "cy" else HEIGHT
        assert 0 <= float(number) <= limit, (name, number)


def test_all_text_is_escaped():
    evil = '<script>alert("x")</script>'
    markup = str(
        chart(
            [ChartPoint(dt.date(2026, 1, 1), D(5))],
            title=evil,
            description=evil,
            unit=evil,
            chart_id='c"1',
        )
    )
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup
    assert 'id="c&quot;1"' in markup


def test_it_uses_no_style_attributes_or_scripts_under_the_strict_csp():
    markup = str(chart(POINTS))
    assert "style=" not in markup
    assert "<script" not in markup
    assert " on" not in markup.replace(" one", "")  # no event handler attributes


def test_a_single_value_is_a_point_in_the_middle_without_a_line():
    root = svg(chart([ChartPoint(dt.date(2026, 6, 30), D(150))]))
    assert root.find("polyline") is None
    (circle,) = root.find_all("circle")
    assert float(circle["cx"]) == pytest.approx((76 + WIDTH - 20) / 2)


def test_without_values_it_says_so_and_still_shows_baseline_and_target():
    root = svg(chart([]))
    assert root.find("circle") is None
    assert "Geen gegevens" in root.get_text() or "No data" in root.get_text()
    assert root.find("g", class_="chart__target") is not None


def test_without_baseline_or_target_it_draws_only_the_values():
    root = svg(chart(POINTS, baseline=None, target=None))
    assert root.find("g", class_="chart__baseline") is None
    assert root.find("g", class_="chart__target") is None
    assert len(root.find_all("circle")) == 3


def test_equal_baseline_and_target_labels_do_not_overlap():
    root = svg(chart(POINTS, baseline=D(4), target=D(4)))
    ys = [
        float(g.find("text")["y"]) for g in root.find_all("g", class_=re.compile("baseline|target"))
    ]
    assert abs(ys[0] - ys[1]) >= 14


def test_many_periods_get_thinned_date_labels_ending_with_the_latest():
    points = [
        ChartPoint(dt.date(2020 + n // 2, 6 if n % 2 == 0 else 12, 30), D(n)) for n in range(16)
    ]
    root = svg(chart(points))
    labels = [t.get_text() for t in root.find("g", class_="chart__axis").find_all("text")]
    assert len(root.find_all("circle")) == 16  # every value is drawn
    assert 2 <= len(labels) < 16
    assert labels[-1] == "30/12/2027"


# --- extreme values (issue 7, item 5) ---------------------------------------------------

LARGEST = D("99999999999.9999")  # the largest number a field accepts (core/limits.py)
# What PostgreSQL's numeric(20, 4) held before the limits: equal as floats.
HUGE = D("9999999999999999.9999")


@pytest.mark.parametrize(
    ("baseline", "target", "values"),
    [
        (LARGEST, LARGEST - D("0.0001"), [LARGEST, LARGEST - D("0.0001")]),
        (-LARGEST, LARGEST, [D(0), -LARGEST, LARGEST]),
        (D("0.0001"), D("0.0002"), [D("0.0001")]),
        (LARGEST, LARGEST, [LARGEST]),
        (HUGE, HUGE - D("0.0001"), [HUGE, HUGE - D("0.0001")]),
        (HUGE, HUGE, [HUGE]),
    ],
)
def test_it_draws_extreme_and_nearly_equal_values(baseline, target, values):
    points = [ChartPoint(dt.date(2025, 1, 1 + i), value) for i, value in enumerate(values)]
    drawn = svg(chart(points, baseline=baseline, target=target))
    for circle in drawn.find_all("circle"):
        assert 0 <= float(circle["cy"]) <= HEIGHT
