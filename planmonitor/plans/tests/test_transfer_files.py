"""Bad files: each gets a clear message and changes nothing. Also CSV encodings and delimiters."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import Workbook

from planmonitor.plans.models import Action
from planmonitor.plans.transfer.columns import ACTIONS
from planmonitor.plans.transfer.exporting import Table, write_xlsx
from planmonitor.plans.transfer.importing import ImportFile, ImportSource, import_actions
from planmonitor.plans.transfer.reading import OLE_MAGIC

GOOD_ROW = {"code": "A1", "titel": "Campagne", "od": "1.1", "trekkende_minister": "demir"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run(plan, path: Path, name: str | None = None, **extra):
    """Import for real: every test also proves that a refused file writes nothing."""
    source = ImportSource(ImportFile(path, name or path.name), **extra)
    report = import_actions(plan=plan, source=source, commit=True)
    assert not Action.objects.exists() or report.applied
    return report


def only_problem(report) -> str:
    assert not report.applied
    assert len(report.problems) == 1, report.problems
    return report.problems[0].message


def good_workbook(path: Path, rows=(GOOD_ROW,)) -> Path:
    with path.open("wb") as out:
        write_xlsx(out, [Table(ACTIONS, [[row.get(h) for h in ACTIONS.headers] for row in rows])])
    return path


def hand_workbook(path: Path, rows: list[list], title: str = "Acties", merge: str = "") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    book.save(path)
    return path


def replace_in_sheet(
    path: Path, old: bytes | re.Pattern[bytes], new: bytes, member="xl/worksheets/sheet1.xml"
) -> Path:
    """Edit a sheet's XML in place, for what openpyxl cannot write (cached values, entities).
    ``old`` may be a pattern where openpyxl's serialiser varies (``<v></v>`` with lxml,
    ``<v />`` without)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    pattern = old if isinstance(old, re.Pattern) else re.compile(re.escape(old))
    assert pattern.search(parts[member]), parts[member][-400:]
    parts[member] = pattern.sub(lambda _match: new, parts[member])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


# --- Not a workbook at all -------------------------------------------------------------------


def test_it_refuses_a_file_that_is_neither_xlsx_nor_csv(plan, tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")

    assert "neither an Excel workbook" in only_problem(run(plan, path))


def test_it_refuses_a_corrupt_workbook(plan, tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50)

    assert only_problem(run(plan, path)) == "The workbook is damaged and cannot be read."


def test_it_refuses_a_truncated_workbook(plan, tmp_path):
    data = good_workbook(tmp_path / "whole.xlsx").read_bytes()
    path = tmp_path / "plan.xlsx"
    path.write_bytes(data[: len(data) // 2])

    assert only_problem(run(plan, path)) == "The workbook is damaged and cannot be read."


def test_it_refuses_an_open_document_spreadsheet(plan, tmp_path):
    path = tmp_path / "plan.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")

    assert "not an Excel workbook" in only_problem(run(plan, path))


def test_it_refuses_a_password_protected_workbook(plan, tmp_path):
    # Excel encrypts a workbook into an OLE container with an EncryptedPackage stream.
    path = tmp_path / "plan.xlsx"
    directory_entry = "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(OLE_MAGIC + b"\x00" * 504 + directory_entry + b"\x00" * 1024)

    assert "protected with a password" in only_problem(run(plan, path))


def test_it_refuses_an_old_xls_file(plan, tmp_path):
    path = tmp_path / "plan.xls"
    path.write_bytes(OLE_MAGIC + b"\x00" * 2048)

    assert "old Excel file (.xls)" in only_problem(run(plan, path))


def test_it_refuses_a_file_over_the_size_limit(plan, tmp_path, settings):
    path = good_workbook(tmp_path / "plan.xlsx")
    settings.IMPORT_MAX_BYTES = path.stat().st_size - 1

    assert "more than the limit" in only_problem(run(plan, path))


# --- Zip bombs and smuggled content ----------------------------------------------------------


def test_it_refuses_a_zip_bomb(plan, tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (20 * 1024 * 1024))
    assert path.stat().st_size < 100 * 1024  # 20 MB of zeros in a few kB

    assert "compressed suspiciously strongly" in only_problem(run(plan, path))


def test_it_refuses_a_workbook_that_unpacks_too_large(plan, tmp_path, settings):
    path = good_workbook(tmp_path / "plan.xlsx")
    settings.IMPORT_MAX_UNZIPPED_BYTES = 10_000

    assert "unpacks to more than" in only_problem(run(plan, path))


def test_it_refuses_a_workbook_with_too_many_parts(plan, tmp_path, settings):
    settings.IMPORT_MAX_ZIP_ENTRIES = 20
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for number in range(20):
            archive.writestr(f"xl/part{number}.xml", "<x/>")

    assert "too many parts" in only_problem(run(plan, path))


@pytest.mark.parametrize("member", ["xl/embeddings/inner.zip", "xl/media/image1.png"])
def test_it_refuses_a_nested_archive(plan, tmp_path, member):
    path = good_workbook(tmp_path / "plan.xlsx")
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("payload.txt", "x")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(member, inner.getvalue())

    assert "embedded file, macro or archive" in only_problem(run(plan, path))


def test_it_refuses_xml_entity_expansion(plan, tmp_path):
    path = good_workbook(tmp_path / "plan.xlsx")
    laughs = (
        b'<!DOCTYPE worksheet [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><worksheet '
    )
    replace_in_sheet(path, b"<worksheet ", laughs)

    assert "damaged" in only_problem(run(plan, path))


# --- Sheets and columns ----------------------------------------------------------------------


def test_it_says_when_the_acties_sheet_is_missing(plan, tmp_path):
    path = hand_workbook(tmp_path / "plan.xlsx", [["code", "titel"], ["A1", "x"]], title="Blad1")

    message = only_problem(run(plan, path))

    assert message == 'The sheet "Acties" is missing (the workbook has: Blad1).'


def test_it_says_when_a_sheet_is_empty(plan, tmp_path):
    path = hand_workbook(tmp_path / "plan.xlsx", [])

    assert only_problem(run(plan, path)) == "The sheet is empty."


def test_it_says_when_the_acties_sheet_has_no_rows(plan, tmp_path):
    path = good_workbook(tmp_path / "plan.xlsx", rows=())

    assert only_problem(run(plan, path)) == "The sheet has no rows to import."


def test_it_lists_every_missing_required_column(plan, tmp_path):
    path = hand_workbook(tmp_path / "plan.xlsx", [["code", "titel"], ["A1", "x"]])

    report = run(plan, path)

    assert [p.message for p in report.problems] == [
        'The required column "od" is missing.',
        'The required column "trekkende_minister" is missing.',
    ]
    assert {(p.sheet, p.row) for p in report.problems} == {("Acties", 1)}


def test_extra_columns_are_ignored_with_a_warning(plan, tmp_path):
    rows = [[*GOOD_ROW, "opmerking intern"], [*GOOD_ROW.values(), "niet importeren"]]
    path = hand_workbook(tmp_path / "plan.xlsx", rows)

    report = run(plan, path)

    assert report.applied
    assert [(w.cell, w.message) for w in report.warnings if w.cell] == [
        ("E1", 'The column "opmerking intern" is not known and is ignored.')
    ]


def test_it_refuses_merged_header_cells(plan, tmp_path):
    rows = [["code", "titel", None, "od", "trekkende_minister"], ["A1", "x", "", "1.1", "demir"]]
    path = hand_workbook(tmp_path / "plan.xlsx", rows, merge="B1:C1")

    report = run(plan, path)

    assert not report.applied
    assert ("B1", "Header cells B1:C1 are merged; unmerge them.") in [
        (p.cell, p.message) for p in report.problems
    ]


def test_a_formula_without_a_cached_value_is_a_problem(plan, tmp_path):
    rows = [list(GOOD_ROW), ["A1", '=UPPER("campagne")', "1.1", "demir"]]
    path = hand_workbook(tmp_path / "plan.xlsx", rows)  # openpyxl writes no cached value

    report = run(plan, path)

    assert not report.applied
    problem = report.problems[0]
    assert (problem.cell, problem.column) == ("B2", "titel")
    assert "formula without a calculated value" in problem.message


def test_a_formula_with_a_cached_value_counts_with_that_value(plan, tmp_path):
    rows = [list(GOOD_ROW), ["A1", '=UPPER("campagne")', "1.1", "demir"]]
    path = hand_workbook(tmp_path / "plan.xlsx", rows)
    # As Excel saves it: the formula and its last calculated value, never evaluated here.
    replace_in_sheet(
        path,
        re.compile(rb'<c r="B2"><f>UPPER\("campagne"\)</f>(?:<v\s*/>|<v></v>)</c>'),
        b'<c r="B2" t="str"><f>UPPER("campagne")</f><v>CAMPAGNE</v></c>',
    )

    report = run(plan, path)

    assert report.applied, report.problems
    assert Action.objects.get().title == "CAMPAGNE"
    assert any("hold formulas" in warning.message for warning in report.warnings)


def test_an_error_value_in_a_cell_is_a_problem(plan, tmp_path):
    rows = [list(GOOD_ROW), ["A1", "x", "1.1", "demir"]]
    path = hand_workbook(tmp_path / "plan.xlsx", rows)
    replace_in_sheet(
        path,
        b'<c r="B2" t="inlineStr"><is><t>x</t></is></c>',
        b'<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
    )

    assert only_problem(run(plan, path)) == "The cell holds the error value #DIV/0!."


# --- CSV -------------------------------------------------------------------------------------


def csv_file(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


CSV_HEADER = "code,titel,od,trekkende_minister\r\n"


def test_it_reads_a_windows_1252_csv(plan, tmp_path):
    path = csv_file(tmp_path / "acties.csv", CSV_HEADER + "A1,Vorming café,1.1,demir\r\n", "cp1252")

    assert run(plan, path).applied
    assert Action.objects.get().title == "Vorming café"


def test_it_reads_a_utf8_csv_with_bom(plan, tmp_path):
    path = csv_file(tmp_path / "acties.csv", "\ufeff" + CSV_HEADER + "A1,Vorming ë,1.1,demir\r\n")

    assert run(plan, path).applied
    assert Action.objects.get().title == "Vorming ë"


def test_it_reads_a_semicolon_csv_from_belgian_excel(plan, tmp_path):
    text = "code;titel;od;trekkende_minister;vormen\r\nA1;Vorming, met komma;OD 1.2;Demir;SG;\r\n"
    path = csv_file(tmp_path / "acties.csv", text, "cp1252")

    report = run(plan, path)

    assert report.applied, report.problems
    assert Action.objects.get().title == "Vorming, met komma"


def test_it_refuses_a_csv_in_an_unknown_encoding(plan, tmp_path):
    path = csv_file(tmp_path / "acties.csv", CSV_HEADER + "A1,x,1.1,demir\r\n", "utf-16-le")

    assert "unknown character encoding" in only_problem(run(plan, path))


def test_a_separate_indicators_csv_is_read(plan, tmp_path):
    actions = csv_file(tmp_path / "acties.csv", CSV_HEADER + "A1,x,1.1,demir\r\n")
    indicators = csv_file(
        tmp_path / "ind.csv",
        "actie;code;naam;type;basiswaarde\r\nA1;I1;Bereik;kwantitatief;1.234,5\r\n",
    )

    report = run(plan, actions, indicators=ImportFile(indicators, "ind.csv"))

    assert report.applied, report.problems
    assert Action.objects.get().indicators.get().baseline_value == 1234.5
