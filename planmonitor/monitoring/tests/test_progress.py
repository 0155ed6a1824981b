"""Progress, computed and explained: the indicator formula and the milestones done.

The on-track verdict is the learning network's (network/tests/test_dashboard_status.py)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from planmonitor.monitoring.progress import (
    explain_indicator_progress,
    indicator_progress,
    milestone_progress,
)

D = Decimal
TODAY = dt.date(2026, 6, 30)


@pytest.fixture(autouse=True)
def english():
    # The msgids are English; the lead's Dutch translation must not break these tests.
    with translation.override("en"):
        yield


def progress(baseline, target, actual, direction="increase"):
    return indicator_progress(baseline=baseline, target=target, actual=actual, direction=direction)


# --- indicator progress ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "expected"),
    [
        (D(100), D(200), D(100), D(0)),
        (D(100), D(200), D(150), D("0.5")),
        (D(100), D(200), D(200), D(1)),
        (D(0), D(80), D(20), D("0.25")),
        (D("10.5"), D("35.5"), D("23"), D("0.5")),
    ],
)
def test_it_measures_an_increase_as_the_share_of_the_way_from_baseline_to_target(
    baseline, target, actual, expected
):
    assert progress(baseline, target, actual) == expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [(D(24), D(0)), (D(21), D("0.3333333333333333333333333333")), (D(15), D(1)), (D(18), None)],
)
def test_it_measures_a_decrease_dalen_with_the_target_below_the_baseline(actual, expected):
    # "Aandeel jongeren dat grensoverschrijdend gedrag normaal vindt": 24 % → 15 %.
    result = progress(D(24), D(15), actual, "decrease")
    if expected is None:
        assert result == (D(24) - D(18)) / (D(24) - D(15))
    else:
        assert result == expected


def test_a_decrease_that_goes_up_instead_counts_as_no_progress_not_as_negative():
    assert progress(D(24), D(15), D(30), "decrease") == 0


def test_a_decrease_beyond_the_target_is_bounded_at_one():
    assert progress(D(21), D(10), D(7), "decrease") == 1


def test_reach_uses_the_same_formula():
    assert progress(D(0), D(80), D(60), "reach") == D("0.75")


def test_actual_beyond_the_target_is_bounded_at_one():
    assert progress(D(100), D(200), D(350)) == 1


def test_actual_worse_than_the_baseline_is_bounded_at_zero():
    assert progress(D(100), D(200), D(40)) == 0


@pytest.mark.parametrize(
    ("direction", "actual", "expected"),
    [
        ("increase", D(50), 1),
        ("increase", D(51), 1),
        ("increase", D(49), 0),
        ("decrease", D(50), 1),
        ("decrease", D(49), 1),
        ("decrease", D(51), 0),
        ("reach", D(50), 1),
        ("reach", D(51), 0),
    ],
)
def test_target_equal_to_baseline_is_met_or_not(direction, actual, expected):
    # (target − baseline) is 0: no division, the target is simply met or not.
    assert progress(D(50), D(50), actual, direction) == expected


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "expected"),
    [
        (D(4), D(4), D(4), D(1)),
        (D(4), D(4), D(5), D(1)),
        (D(4), D(4), D(3), D("0.75")),
        (D(4), None, D(2), D("0.5")),  # without a target, the baseline is to be kept
        (None, D(10), D(10), D(1)),
        (D(0), D(0), D(-1), D(0)),  # nothing to divide by: below is simply not kept
    ],
)
def test_maintain_is_full_while_the_value_holds(baseline, target, actual, expected):
    assert progress(baseline, target, actual, "maintain") == expected


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "direction"),
    [
        (D(100), D(200), None, "increase"),
        (None, D(200), D(150), "increase"),
        (D(100), None, D(150), "increase"),
        (None, None, D(150), "decrease"),
        (D(24), D(15), None, "decrease"),
        (D(4), D(4), None, "maintain"),
        (None, None, D(4), "maintain"),
    ],
)
def test_missing_numbers_give_no_data_never_zero(baseline, target, actual, direction):
    assert progress(baseline, target, actual, direction) is None


def test_zero_is_a_value_not_missing_data():
    assert progress(D(0), D(10), D(0)) == 0
    assert progress(D(0), D(10), D(0)) is not None


def test_it_accepts_ints_and_floats_and_answers_in_decimals():
    result = progress(100, 200, 150.0)
    assert result == D("0.5") and isinstance(result, Decimal)


numbers = st.decimals(
    min_value=-(10**12), max_value=10**12, places=4, allow_nan=False, allow_infinity=False
)
directions = st.sampled_from(["increase", "decrease", "maintain", "reach", "unknown"])


@given(
    baseline=st.none() | numbers,
    target=st.none() | numbers,
    actual=st.none() | numbers,
    direction=directions,
)
def test_property_progress_is_none_or_within_zero_and_one(baseline, target, actual, direction):
    result = progress(baseline, target, actual, direction)
    assert result is None or D(0) <= result <= D(1)
    if actual is None:
        assert result is None


@given(baseline=numbers, target=numbers, actual=numbers)
def test_property_closer_to_the_target_is_never_less_progress(baseline, target, actual):
    # Moving the actual value toward the target never lowers the progress.
    closer = actual + (target - actual) / 2
    assert progress(baseline, target, closer) >= progress(baseline, target, actual)


@given(baseline=numbers, target=numbers, direction=directions)
def test_property_reaching_the_target_exactly_is_full_progress(baseline, target, direction):
    assert progress(baseline, target, target, direction) == 1


# --- the explanation ---------------------------------------------------------------------


def explain(baseline, target, actual, direction="increase"):
    return explain_indicator_progress(
        baseline=baseline, target=target, actual=actual, direction=direction
    )


def test_the_explanation_fills_in_the_formula():
    text = explain(D(1000), D(3000), D("1500.5"))
    assert "(1,500.5 − 1,000) ÷ (3,000 − 1,000) = 25 %" in text
    assert "bounded between 0 and 100 %" in text


def test_the_explanation_uses_belgian_number_format_in_dutch():
    with translation.override("nl"):
        text = explain(D(1000), D(3000), D("1500.5"))
    for number in ("1.500,5", "1.000", "3.000", "25 %"):
        assert number in text


def test_the_explanation_says_why_there_is_no_data():
    assert "no value" in explain(D(1), D(2), None)
    assert "no baseline" in explain(None, D(2), D(1))
    assert "no target" in explain(None, None, D(1), "maintain")


def test_the_explanation_of_a_decrease_shows_the_sign_carrying_the_direction():
    # (actual − baseline) and (target − baseline) are both negative: progress is positive.
    assert "(21 − 24) ÷ (15 − 24) = 33 %" in explain(D(24), D(15), D(21), "decrease")


def test_the_explanation_of_maintain_and_of_an_equal_target():
    assert "100 %" in explain(D(4), D(4), D(4), "maintain")
    assert "= 75 %" in explain(D(4), D(4), D(3), "maintain")
    assert "Now: 0 %" in explain(D(50), D(50), D(49), "increase")


# --- milestones ------------------------------------------------------------------------------


def test_milestone_progress_counts_the_done_ones():
    result = milestone_progress([(TODAY, TODAY), (TODAY, None)])
    assert (result.milestones_done, result.milestones_total) == (1, 2)
    assert result.milestone_share == D("0.5")


def test_without_milestones_the_share_is_no_data():
    result = milestone_progress([])
    assert (result.milestones_done, result.milestones_total) == (0, 0)
    assert result.milestone_share is None
