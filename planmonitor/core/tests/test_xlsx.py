"""The streaming XLSX reader reads what openpyxl reads, on workbooks laid out as Excel writes them.

The workbooks are built by hand, part by part, as Excel saves them: text in the
shared-string table (plain, or in rich-text runs with phonetic guides), inline
strings (plain or in runs), numbers, booleans, and dates as serial numbers under
a date style. ``openpyxl.load_workbook`` is the reference.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

from planmonitor.core.xlsx import NO_VALUE, WorkbookParts

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DATE_STYLE, DATETIME_STYLE = 1, 2  # cellXfs indexes: numFmt 14 (d/m/yyyy), 22 (d/m/yyyy h:mm)

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""  # noqa: E501
ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""  # noqa: E501
WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr{{date1904}}/><sheets><sheet name="Acties" sheetId="1" r:id="rId1"/></sheets></workbook>"""  # noqa: E501
WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG_REL}">
<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{REL}/styles" Target="styles.xml"/>
<Relationship Id="rId3" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN}">
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="3">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""

# Text as people type it, also in other scripts; no control characters (XML 1.0 has none).
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from(" \t\n"),
    max_size=12,
)


def _t(text: str) -> str:
    return f'<t xml:space="preserve">{escape(text)}</t>'


def _runs(texts: list[str], phonetic: str | None) -> str:
    """Rich text as Excel writes it: each run with its font; a phonetic guide after the runs."""
    runs = "".join(
        f'<r><rPr><b/><sz val="11"/><rFont val="Calibri"/></rPr>{_t(text)}</r>' for text in texts
    )
    guide = f'<rPh sb="0" eb="1">{_t(phonetic)}</rPh>' if phonetic is not None else ""
    return runs + guide


@st.composite
def string_body(draw) -> str:
    """The content of an <si> or <is>: one <t>, or rich-text runs (maybe with a guide)."""
    if draw(st.booleans()):
        return _t(draw(TEXT))
    texts = draw(st.lists(TEXT, min_size=1, max_size=3))
    return _runs(texts, draw(st.none() | TEXT))


@st.composite
def cell(draw, shared: list[str], last_serial: int):
    """(attributes, body) of one <c> without its reference."""
    kind = draw(
        st.sampled_from(
            ["shared", "inline", "int", "float", "bool", "date", "datetime", "empty", "formula"]
        )
    )
    if kind == "empty":  # a formatted cell nobody typed in
        return f' s="{draw(st.sampled_from([0, DATE_STYLE]))}"', ""
    if kind == "formula":  # with the value Excel calculated and cached
        return draw(
            st.sampled_from(
                [
                    (' t="str"', f'<f>A1&amp;"x"</f><v>{escape(draw(TEXT.filter(bool)))}</v>'),
                    ("", f"<f>1+1</f><v>{draw(st.integers(-(10**6), 10**6))}</v>"),
                    (' t="b"', "<f>TRUE()</f><v>1</v>"),
                    (' t="e"', "<f>1/0</f><v>#DIV/0!</v>"),
                ]
            )
        )
    if kind == "shared":
        shared.append(draw(string_body()))
        return ' t="s"', f"<v>{len(shared) - 1}</v>"
    if kind == "inline":
        return ' t="inlineStr"', f"<is>{draw(string_body())}</is>"
    if kind == "int":
        return "", f"<v>{draw(st.integers(-(10**15), 10**15))}</v>"
    if kind == "float":
        number = draw(st.floats(allow_nan=False, allow_infinity=False, width=64))
        return "", f"<v>{number!r}</v>"
    if kind == "bool":
        return ' t="b"', f"<v>{int(draw(st.booleans()))}</v>"
    if kind == "date":  # whole days up to 9999-12-31
        return f' s="{DATE_STYLE}"', f"<v>{draw(st.integers(61, last_serial))}</v>"
    serial = draw(st.integers(61, last_serial - 1)) + draw(st.integers(0, 86_399)) / 86_400
    return f' s="{DATETIME_STYLE}"', f"<v>{serial!r}</v>"


@st.composite
def workbook(draw) -> bytes:
    shared: list[str] = []
    rows = []
    date1904 = draw(st.booleans())
    # 9999-12-31, the last day Excel knows, in the workbook's epoch
    last_serial = 2_958_465 - (1462 if date1904 else 0)
    row_numbers = sorted(draw(st.sets(st.integers(1, 40), max_size=6)))
    for number in row_numbers:
        columns = sorted(draw(st.sets(st.integers(1, 30), min_size=1, max_size=5)))
        cells = []
        for column in columns:
            attributes, body = draw(cell(shared, last_serial))
            ref = f"{get_column_letter(column)}{number}"
            cells.append(f'<c r="{ref}"{attributes}>{body}</c>')
        spans = f"{columns[0]}:{columns[-1]}"
        rows.append(f'<row r="{number}" spans="{spans}">{"".join(cells)}</row>')
    return _book("".join(rows), shared, date1904=date1904)


def _ours(data: bytes) -> dict:
    book = WorkbookParts.open(io.BytesIO(data))
    try:
        [(_title, path)] = book.sheets
        return {
            (number, column + 1): value
            for number, cells in book.sheet(path)
            for column, value in cells.items()
        }
    finally:
        book.close()


def _openpyxl(data: bytes) -> dict:
    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    return {
        (cell.row, cell.column): cell.value
        for row in book.active.iter_rows()
        for cell in row
        if cell.value is not None
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workbook())
def test_it_reads_what_openpyxl_reads(data):
    assert _ours(data) == _openpyxl(data)


def test_it_reads_a_rich_text_run_and_skips_its_phonetic_guide():
    body = _runs(["Vlaams ", "actieplan"], "ふりがな")
    rows = (
        f'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is>{body}</is></c>'
        f'<c r="C1" s="{DATE_STYLE}"><v>45474</v></c></row>'
    )
    data = _book(rows, [body])
    values = _ours(data)
    assert values[(1, 1)] == values[(1, 2)] == "Vlaams actieplan"
    assert values == _openpyxl(data)


def _book(rows: str, shared: list[str], *, date1904: bool = False) -> bytes:
    """The zip Excel saves: its parts, a shared-string table and one worksheet."""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )
    strings = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN}" '
        f'count="{len(shared)}" uniqueCount="{len(shared)}">'
        + "".join(f"<si>{body}</si>" for body in shared)
        + "</sst>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr(
            "xl/workbook.xml", WORKBOOK.format(date1904=' date1904="1"' if date1904 else "")
        )
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", STYLES)
        archive.writestr("xl/sharedStrings.xml", strings)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


def _cells(rows: str) -> tuple[dict, dict | None]:
    data = _book(rows, [])
    try:
        reference = _openpyxl(data)
    except ValueError:  # openpyxl refuses the workbook
        reference = None
    return _ours(data), reference


def test_it_reads_boolean_words_and_refuses_other_booleans():
    # Excel writes 1 and 0; other writers "true"/"false", which once read as False.
    ours, _reference = _cells('<row r="1"><c r="A1" t="b"><v>true</v></c></row>')
    assert ours == {(1, 1): True}
    assert _cells('<row r="1"><c r="A1" t="b"><v>false</v></c></row>')[0] == {(1, 1): False}
    with pytest.raises(ValueError, match="not a boolean"):
        _cells('<row r="1"><c r="A1" t="b"><v>yes</v></c></row>')


def test_an_inline_string_cell_without_its_string_is_empty():
    ours, reference = _cells('<row r="1"><c r="A1" t="inlineStr"/><c r="B1"><v>1</v></c></row>')
    assert ours == reference == {(1, 2): 1}


@pytest.mark.filterwarnings("ignore:Cell A1 is marked as a date")
def test_it_shows_what_openpyxl_hides():
    """The differences the importer needs, and the only ones."""
    calculated_empty, reference = _cells(
        '<row r="1"><c r="A1" t="str"><f>B1&amp;""</f><v></v></c></row>'
    )
    assert calculated_empty == {(1, 1): ""} and reference == {}  # calculated, not missing
    uncalculated, reference = _cells('<row r="1"><c r="A1"><f>1+1</f><v></v></c></row>')
    assert uncalculated == {(1, 1): NO_VALUE} and reference == {}
    beyond, reference = _cells(f'<row r="1"><c r="A1" s="{DATE_STYLE}"><v>3000000</v></c></row>')
    assert beyond == {(1, 1): 3000000} and reference == {(1, 1): "#VALUE!"}  # the column says why
