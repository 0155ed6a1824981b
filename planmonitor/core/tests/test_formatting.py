"""What the pages write, the forms read back: parse(format(x)) == x for every storable number."""

from decimal import Decimal

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from planmonitor.core import formatting, limits
from planmonitor.monitoring.reports.forms import DutchDecimalField
from planmonitor.monitoring.sheets.forms import BelgianDecimalField


def storable(places: int) -> st.SearchStrategy[Decimal]:
    """Every number the databases keep exactly with ``places`` decimals (see core/limits.py)."""
    largest = limits.largest_number(places)
    return st.decimals(min_value=-largest, max_value=largest, places=places)


@given(storable(limits.INDICATOR_PLACES))
def test_it_reads_back_a_belgian_number(number):
    assert Decimal(formatting.parse_belgian(formatting.belgian(number))) == number


@given(storable(limits.AMOUNT_PLACES))
def test_it_reads_back_an_amount_in_euro(number):
    assert Decimal(formatting.parse_belgian(formatting.euro(number))) == number


@given(storable(limits.AMOUNT_PLACES))
def test_it_reads_back_a_belgian_number_with_fixed_decimals(number):
    shown = formatting.belgian(number, places=2)
    assert shown.rpartition(",")[2] == format(number, ".2f")[-2:]
    assert Decimal(formatting.parse_belgian(shown)) == number


@given(storable(limits.INDICATOR_PLACES))
def test_it_reads_back_a_dutch_localized_number(number):
    with translation.override("nl"):
        assert Decimal(formatting.parse_belgian(formatting.localized(number))) == number


@given(storable(limits.INDICATOR_PLACES))
def test_the_sheet_field_reads_back_what_it_shows(number):
    field = BelgianDecimalField(max_digits=20, decimal_places=4, places=None)
    assert field.clean(field.prepare_value(number)) == number


@given(storable(limits.INDICATOR_PLACES))
def test_the_report_field_reads_back_what_it_shows(number):
    field = DutchDecimalField(max_digits=20, decimal_places=4, required=False)
    with translation.override("nl"):
        shown = field.widget.format_value(formatting.plain_decimal(number))
        assert field.clean(shown) == number


@given(storable(limits.INDICATOR_PLACES))
def test_a_plain_number_has_no_exponent_and_no_trailing_zeros(number):
    text = formatting.plain(number)
    assert "E" not in text and not (text.endswith("0") and "." in text)
    assert Decimal(text) == number


def test_it_writes_numbers_dates_and_shares_as_before():
    with translation.override("nl"):
        assert formatting.localized(Decimal("1234.5000")) == "1.234,5"
        assert formatting.localized(None) == "—"
        assert formatting.localized("", empty="") == ""
        assert formatting.percent(Decimal("0.455")) == "46 %"
    assert formatting.euro(Decimal("1234.5")) == "€ 1.234,50"
    assert formatting.euro("") == ""
    assert formatting.belgian(Decimal("-1234.50")) == "-1.234,5"
