"""The CSV export is safe in Excel whatever its list separator: ',' (en) or ';' (nl-BE).

Belgian Excel splits a line at ';', so "Aantal;=1+1;" — one field in our
comma-separated file — became three cells there, the second a formula. Each test
reads the exported file the way both Excels do (Python's csv module applies the
same quote rules) and looks at every cell.
"""

import csv
import io
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planmonitor.core.tests.hostile import TEXTS
from planmonitor.core.text import normalise_newlines
from planmonitor.plans.models import Action
from planmonitor.plans.transfer.columns import ACTIONS, INDICATORS, escape_csv, unescape_csv
from planmonitor.plans.transfer.exporting import Table, csv_paths, export_csv_files, write_csv
from planmonitor.plans.transfer.importing import ImportFile, ImportSource, import_actions
from planmonitor.plans.transfer.samples import action_create

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
PAYLOADS = [
    "Aantal;=1+1;",
    "a,=cmd|' /C calc'!A0",
    "x;@SUM(1)",
    "y\t=1",
    'Budget "2026";-2+3',
    'quote;"=1+1"',
    'lijn\n=HYPERLINK("http://x")',
    "eind;",
    "=1;+2,-3\r@4",
    "' al;'=ontsnapt",
]


def cells(text: str, delimiter: str) -> list[str]:
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=delimiter)
    return [cell for row in rows for cell in row]


def formula_cells(text: str) -> list[tuple[str, str]]:
    """Cells that Excel would run as a formula, splitting at ';' or at ','."""
    return [
        (delimiter, cell)
        for delimiter in (";", ",")
        for cell in cells(text, delimiter)
        if cell.lstrip('" ').startswith(TRIGGERS) and not NUMBER.fullmatch(cell)
    ]


def exported(values: list[str]) -> str:
    """One action row per value, the value in title and description."""
    width = len(ACTIONS.headers)
    rows = [["A1", value, value, "1.1", *[None] * (width - 4)] for value in values]
    out = io.StringIO()
    write_csv(out, Table(ACTIONS, rows))
    return out.getvalue()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_cell_starts_a_formula_split_at_semicolons_or_commas(payload):
    assert formula_cells(exported([payload])) == []


def test_the_belgian_payload_is_one_field_in_english_excel_and_text_cells_in_belgian():
    text = exported(["Aantal;=1+1;"]).removeprefix("\ufeff")

    (_, english) = csv.reader(io.StringIO(text, newline=""), delimiter=",")
    (_, belgian) = csv.reader(io.StringIO(text, newline=""), delimiter=";")

    assert english[1] == "Aantal;'=1+1;'"
    assert belgian[:4] == ["A1,Aantal", "'=1+1", "',Aantal", "'=1+1"]


# Text with everything that separates cells, quotes them or starts a formula.
TRICKY = st.text(st.sampled_from(list(";,\"' \t\r\n=+-@ax1")), max_size=24)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(TRICKY, min_size=1, max_size=4))
def test_no_text_makes_a_formula_cell_in_either_excel(values):
    assert formula_cells(exported(values)) == []


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.one_of(TRICKY, st.text(max_size=40)))
def test_the_importer_removes_exactly_the_escape(text):
    assert unescape_csv(escape_csv(text)) == text


@pytest.mark.parametrize("text", ["Aantal", "a, b; c", "e-mail", "x=y", "12,5", "2026-01-01"])
def test_harmless_text_is_written_as_it_is(text):
    assert escape_csv(text) == text


def test_numbers_stay_numbers_text_that_looks_like_one_is_escaped():
    row = dict.fromkeys(INDICATORS.headers)
    row.update(naam="-5 wachtlijst", basiswaarde=Decimal("-5"), streefwaarde=Decimal("-12.5"))
    out = io.StringIO()

    write_csv(out, Table(INDICATORS, [list(row.values())]))

    (written,) = csv.DictReader(io.StringIO(out.getvalue().removeprefix("\ufeff")))
    assert (written["basiswaarde"], written["streefwaarde"]) == ("-5", "-12.5")
    assert written["naam"] == "'-5 wachtlijst"


def test_the_payloads_import_back_unchanged(plan, tmp_path):
    for number, payload in enumerate(PAYLOADS, start=1):
        action_create(plan, f"A{number}", title=payload, description=payload)
    before = {a.code: (a.title, a.description) for a in Action.objects.all()}
    path = tmp_path / "plan.csv"
    export_csv_files(plan, path)
    for file in csv_paths(path).values():
        assert formula_cells(file.read_text(encoding="utf-8")) == []
    Action.objects.update(title="gewist", description="")

    report = import_actions(
        plan=plan,
        source=ImportSource(ImportFile(csv_paths(path)["action"], "plan.csv")),
        commit=True,
    )

    assert report.applied, report.problems
    # Unchanged, except that the importer stores line endings as LF (issue 9: a lone CR
    # in a payload comes back as LF, as every text entering planmonitor).
    assert {a.code: (a.title, a.description) for a in Action.objects.all()} == {
        code: (normalise_newlines(title), normalise_newlines(description))
        for code, (title, description) in before.items()
    }


# The hostile corpus (planmonitor/core/tests/hostile.py, issue 13) that fits a title.
HOSTILE = [value for _, value in TEXTS if len(value) <= 1_000]


@pytest.mark.parametrize("payload", HOSTILE)
def test_no_hostile_text_makes_a_formula_cell(payload):
    assert formula_cells(exported([payload])) == []


def test_a_file_of_hostile_texts_imports_cleanly_or_says_which_row(plan, tmp_path):
    path = tmp_path / "hostile.csv"
    path.write_text(exported(HOSTILE), encoding="utf-8")

    report = import_actions(
        plan=plan, source=ImportSource(ImportFile(path, "hostile.csv")), commit=True
    )

    # Applied (the values stored as text), or refused with its problems: never an exception.
    assert report.applied or report.problems
    if report.applied:
        export_csv_files(plan, tmp_path / "again.csv")
        for file in csv_paths(tmp_path / "again.csv").values():
            assert formula_cells(file.read_text(encoding="utf-8")) == []
