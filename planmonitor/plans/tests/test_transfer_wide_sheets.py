"""Memory follows the columns the importer knows, not what a sheet claims its size is.

A 100 KB workbook with one header cell at column XFD used to pad every row to
16,384 cells: 1.4 GB for 10,000 rows. The same went for a CSV header line with
16,383 commas.
"""

import io
import tracemalloc
import zipfile

import pytest
from django.utils import translation

from planmonitor.plans.transfer.columns import ACTIONS
from planmonitor.plans.transfer.exporting import Table, write_xlsx
from planmonitor.plans.transfer.importing import ImportFile, ImportSource, import_actions
from planmonitor.plans.transfer.reading import read_file
from planmonitor.tests import damaged_zips

ROWS = 10_000
HEADERS = ["code", "titel", "od", "trekkende_minister"]
LIMIT = 50 * 1024 * 1024


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def wide_sheet_xml() -> bytes:
    """Known headers in A-D, one more header at XFD, a dimension claiming all of it."""
    header = "".join(
        inline(f"{letter}1", name) for letter, name in zip("ABCD", HEADERS, strict=True)
    )
    rows = [f'<row r="1">{header}{inline("XFD1", "notitie intern")}</row>']
    for number in range(2, ROWS + 2):
        cells = (
            inline(f"A{number}", f"A{number}"),
            inline(f"B{number}", "Campagne"),
            inline(f"C{number}", "1.1"),
            inline(f"D{number}", "demir"),
        )
        rows.append(f'<row r="{number}">{"".join(cells)}</row>')
    return (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:XFD{ROWS + 1}"/><sheetData>{"".join(rows)}</sheetData></worksheet>'
    ).encode()


@pytest.fixture
def wide_workbook(tmp_path):
    out = io.BytesIO()
    write_xlsx(out, [Table(ACTIONS, [])])
    members = damaged_zips.parts(out.getvalue())
    members["xl/worksheets/sheet1.xml"] = wide_sheet_xml()
    path = tmp_path / "breed.xlsx"
    path.write_bytes(damaged_zips.rezip(members))
    assert path.stat().st_size < 200 * 1024
    with zipfile.ZipFile(path) as archive:
        assert b"XFD1" in archive.read("xl/worksheets/sheet1.xml")
    return path


@pytest.fixture
def wide_csv(tmp_path):
    header = ",".join(HEADERS) + "," * (16_384 - len(HEADERS)) + "notitie intern"
    lines = [header, *(f"A{number},Campagne,1.1,demir" for number in range(2, ROWS + 2))]
    path = tmp_path / "breed.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def peak_while(read) -> tuple[object, int]:
    tracemalloc.start()
    try:
        result = read()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fixture", ["wide_workbook", "wide_csv"])
def test_a_header_cell_at_xfd_does_not_widen_the_rows(request, fixture):
    path = request.getfixturevalue(fixture)

    with translation.override("en"):
        sheets, peak = peak_while(lambda: read_file(path, path.name))

    assert peak < LIMIT, f"{peak / 1024 / 1024:.0f} MB"
    acties = sheets[0]
    assert acties.header == HEADERS
    assert len(acties.rows) == ROWS
    assert acties.rows[0] == (2, ("A2", "Campagne", "1.1", "demir"))
    assert acties.rows[-1] == (ROWS + 1, (f"A{ROWS + 1}", "Campagne", "1.1", "demir"))
    assert {len(values) for _, values in acties.rows} == {len(HEADERS)}
    (warning,) = [w for w in acties.warnings if w.cell]
    assert (warning.cell, warning.message) == (
        "XFD1",
        'The column "notitie intern" is not known and is ignored.',
    )


def test_only_known_columns_are_kept_each_once(tmp_path):
    path = tmp_path / "acties.csv"
    path.write_text(
        "notitie,code,titel,code,od,trekkende_minister,extra\r\nx,A1,Campagne,A9,1.1,demir,y\r\n",
        encoding="utf-8",
    )

    with translation.override("en"):
        (sheet,) = read_file(path, path.name)

    assert sheet.header == ["code", "titel", "od", "trekkende_minister"]
    assert sheet.columns == [1, 2, 4, 5]
    assert sheet.rows == [(2, ("A1", "Campagne", "1.1", "demir"))]
    assert [(p.cell, p.message) for p in sheet.problems] == [
        ("D1", 'The column "code" appears more than once.')
    ]
    assert [w.cell for w in sheet.warnings] == ["A1", "G1"]


def test_a_header_of_unknown_columns_lists_the_missing_ones(plan, tmp_path):
    path = tmp_path / "acties.csv"
    path.write_text("naam,adres\r\nx,y\r\n", encoding="utf-8")

    with translation.override("en"):
        report = import_actions(
            plan=plan, source=ImportSource(ImportFile(path, path.name)), commit=False
        )

    assert [p.message for p in report.problems] == [
        f'The required column "{name}" is missing.' for name in HEADERS
    ]
