"""Indicator breaks: derived from the indicator's history, drawn on its chart and listed in
its data table on the action page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from planmonitor.monitoring.breaks import breaks_from_versions, indicator_breaks
from planmonitor.monitoring.charts import ChartBreak, ChartPoint, line_chart_svg
from planmonitor.plans.models import Indicator
from planmonitor.tests.html import parse_html
from planmonitor.tests.queries import assert_queries

pytestmark = pytest.mark.django_db


def _indicator(action, code="I1") -> Indicator:
    return Indicator.objects.create(
        action=action,
        code=code,
        name="Opgeleide agenten",
        kind="quantitative",
        unit="agenten",
        baseline_value=Decimal(0),
        target_value=Decimal(100),
    )


def test_a_changed_target_is_a_break_and_other_edits_are_not(action):
    indicator = _indicator(action)
    indicator.source = "Politieacademie"  # not a defining field
    indicator.save()
    assert indicator_breaks([indicator.pk]) == {indicator.pk: []}
    indicator.target_value = Decimal(150)
    indicator.unit = "personen"
    indicator.save()
    [found] = indicator_breaks([indicator.pk])[indicator.pk]
    assert found.fields == ("unit", "target_value")
    assert found.date == timezone.localdate()


def test_the_breaks_of_many_indicators_take_one_query(action):
    made = [_indicator(action, f"I{n}") for n in range(6)]
    for indicator in made:
        indicator.name = "Anders gedefinieerd"
        indicator.save()
    with assert_queries([("SELECT plans_historicalindicator", "every version of them")]):
        breaks = indicator_breaks(i.pk for i in made)
    assert all(len(breaks[i.pk]) == 1 for i in made)


def test_the_first_version_is_no_break():
    version = {"history_date": dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "history_id": 1}
    version |= {name: None for name in ("name", "kind", "unit", "baseline_value")}
    version |= {name: None for name in ("baseline_text", "baseline_date", "target_value")}
    version |= {name: None for name in ("target_text", "target_date", "direction")}
    assert breaks_from_versions(1, [version]) == []


def _chart(**extra) -> str:
    return line_chart_svg(
        chart_id="c",
        title="t",
        description="d",
        points=[
            ChartPoint(dt.date(2026, 6, 30), Decimal(10)),
            ChartPoint(dt.date(2027, 6, 30), Decimal(20)),
        ],
        baseline=Decimal(0),
        target=Decimal(100),
        **extra,
    )


def test_the_chart_draws_a_break_as_a_labelled_dashed_line():
    svg = parse_html(_chart(breaks=[ChartBreak(dt.date(2027, 1, 15))]))
    [group] = svg.select("g.chart__break")
    line = group.find("line")
    assert line["stroke-dasharray"] and line["x1"] == line["x2"]
    assert group.get_text() == "Breuk 15/01/2027"
    # Without breaks the chart is as it was.
    assert not parse_html(_chart()).select("g.chart__break")


def test_the_action_page_shows_the_break_in_chart_and_table(client, action, coordinator):
    indicator = _indicator(action)
    indicator.target_value = Decimal(150)
    indicator.save()
    client.force_login(coordinator)
    url = reverse("plans:action_detail", args=[action.plan.short_name, action.code])
    page = parse_html(client.get(url))
    article = page.select_one(f"#indicator-progress-{indicator.pk}").find_parent("article")
    assert article.select_one("svg g.chart__break") is not None
    [row] = article.select("tr.indicator-values__break")
    assert "Breuk" in row.get_text() and "streefwaarde" in row.get_text()
