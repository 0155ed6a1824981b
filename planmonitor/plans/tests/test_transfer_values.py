"""Cell values: dates, numbers, yes/no, words, the formula escape, CSV decoding and sniffing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from planmonitor.plans.transfer import values
from planmonitor.plans.transfer.columns import (
    ACTIONS,
    FREQUENCY_WORDS,
    escape_formula,
    unescape_formula,
    word_index,
)
from planmonitor.plans.transfer.reading import FileRejected, decode_csv, sniff_delimiter
from planmonitor.plans.transfer.values import CellError


@pytest.fixture(autouse=True)
def english():
    # Messages are asserted in their English msgids, whatever the .po file says.
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2026-01-31", dt.date(2026, 1, 31)),
        ("31/01/2026", dt.date(2026, 1, 31)),
        ("1/2/2026", dt.date(2026, 2, 1)),
        ("31-01-2026", dt.date(2026, 1, 31)),
        (dt.datetime(2026, 1, 31, 0, 0), dt.date(2026, 1, 31)),
        (dt.date(2026, 1, 31), dt.date(2026, 1, 31)),
        (None, None),
    ],
)
def test_it_reads_iso_and_belgian_dates(cell, expected):
    assert values.date(cell) == expected


def test_it_says_when_a_date_does_not_exist():
    with pytest.raises(CellError) as error:
        values.date("31/02/2026")
    assert error.value.message == 'Date "31/02/2026" does not exist.'


def test_it_says_when_text_is_not_a_date():
    with pytest.raises(CellError, match="is not a date"):
        values.date("volgend jaar")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("12,5", Decimal("12.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1.234.567", Decimal("1234567")),
        ("1234.5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("€ 1.234,50", Decimal("1234.50")),
        ("-3", Decimal("-3")),
        (12, Decimal("12")),
        (12.5, Decimal("12.5")),
        (0.1 + 0.2, Decimal("0.3")),
    ],
)
def test_it_reads_belgian_and_plain_numbers(cell, expected):
    assert values.decimal(cell, max_digits=20, places=4) == expected


@pytest.mark.parametrize("cell", ["twaalf", "1.23,5", "12,", "NaN", "Infinity", "1e5", True])
def test_it_refuses_what_is_not_a_number(cell):
    with pytest.raises(CellError, match="is not a number"):
        values.decimal(cell, max_digits=20, places=4)


def test_it_refuses_too_many_decimals_and_too_large_numbers():
    with pytest.raises(CellError, match="too many decimals"):
        values.decimal("1,234", max_digits=14, places=2)
    with pytest.raises(CellError, match="too large"):
        values.decimal("1" * 13, max_digits=14, places=2)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("ja", True), ("Nee", False), ("yes", True), (True, True), ("x", True), (None, False)],
)
def test_it_reads_yes_and_no(cell, expected):
    assert values.yes_no(cell) is expected


def test_it_refuses_other_words_for_yes_and_no():
    with pytest.raises(CellError, match='Use "ja" or "nee", not "misschien"'):
        values.yes_no("misschien")


def test_it_splits_lists_on_semicolons_and_drops_empty_items():
    assert values.split_list(" SG; IFG;;  ") == ["SG", "IFG"]


def test_it_knows_dutch_and_english_frequencies():
    index = word_index(FREQUENCY_WORDS)
    assert values.word("Per kwartaal", index, "%(value)s") == "quarterly"
    assert values.word("driemaandelijks", index, "%(value)s") == "quarterly"
    assert values.word("annual", index, "%(value)s") == "annual"
    with pytest.raises(CellError, match="wekelijks"):
        values.word("wekelijks", index, "unknown %(value)s")


def test_it_checks_text_length():
    with pytest.raises(CellError, match="at most 3"):
        values.text("abcd", max_length=3)


def test_headers_accept_english_names_in_any_case():
    assert ACTIONS.column_for("Trekkende Minister").name == "trekkende_minister"
    assert ACTIONS.column_for("LEAD_MINISTER").name == "trekkende_minister"
    assert ACTIONS.column_for("lead minister").name == "trekkende_minister"
    assert ACTIONS.column_for("onbekend") is None


@pytest.mark.parametrize("text", ["=SUM(A1)", "+32 2 555", "-5 dagen", "@here", "\tx", "\rx"])
def test_it_escapes_formula_starts_with_a_quote(text):
    assert escape_formula(text) == "'" + text


@given(st.text())
def test_unescaping_undoes_escaping(text):
    assert unescape_formula(escape_formula(text)) == text


@given(st.text())
def test_escaped_text_never_starts_a_formula(text):
    assert not escape_formula(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_it_decodes_utf8_with_and_without_bom_and_windows_1252():
    assert decode_csv("\ufeffcode;titel\n".encode()) == "code;titel\n"
    assert decode_csv("é".encode()) == "é"
    assert decode_csv("café".encode("cp1252")) == "café"
    assert decode_csv("café".encode("utf-16")) == "café"


def test_it_refuses_an_unknown_encoding():
    with pytest.raises(FileRejected, match="unknown character encoding"):
        decode_csv("code".encode("utf-16-le"))  # no BOM: NUL bytes
    with pytest.raises(FileRejected, match="unknown character encoding"):
        decode_csv(b"caf\x81\xff\xfe")


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("code,titel,od\nA1,x,1.1\n", ","),
        ("code;titel;od\nA1;x, y;1.1\n", ";"),
        ("code\ttitel\n", "\t"),
        ("\n\ncode;titel\n", ";"),
    ],
)
def test_it_sniffs_the_delimiter_from_the_header(text, delimiter):
    assert sniff_delimiter(text) == delimiter
