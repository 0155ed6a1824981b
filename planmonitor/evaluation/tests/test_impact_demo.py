"""The example context series: long enough for an estimate, labelled, removed again."""

from __future__ import annotations

import pytest

from planmonitor.demo.context_series import context_demo_load, context_demo_remove
from planmonitor.evaluation.impact import analysis
from planmonitor.evaluation.impact.selectors import context_payload
from planmonitor.evaluation.models import ContextSeries

pytestmark = pytest.mark.django_db


def test_the_example_series_gives_an_estimate_and_goes_away_with_the_demo(plan):
    assert context_demo_load(plan)["context values"] == 12
    assert context_demo_load(plan) == {}  # loading twice adds nothing
    [data] = context_payload(plan)
    assert data["is_example"] is True
    points = [(p["year"], p["value"]) for p in data["points"]]
    result = analysis.interrupted_time_series(points, plan.period_start.year)
    assert result.enough and result.level_change.covers(900)
    context_demo_remove()
    assert not ContextSeries.objects.exists()


def test_the_payload_keeps_its_documented_shape_in_two_queries(plan, django_assert_num_queries):
    context_demo_load(plan)
    with django_assert_num_queries(2):  # the series, their values (prefetch)
        [data] = context_payload(plan)
    assert set(data) == {"key", "name", "area", "unit", "is_example", "points"}
    assert set(data["points"][0]) == {"year", "value", "source", "note"}
    assert isinstance(data["points"][0]["year"], int)
    assert data["points"][0]["value"] == "7200"
