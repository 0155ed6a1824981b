"""Damaged workbooks: the reader refuses each with the damaged-file message, nothing else escapes.

Each file is a real workbook (the export, or one openpyxl writes) damaged the way
files get damaged: in the zip (deflate stream, compression method, CRC, names,
truncation) or in the XML (merge and cell references, row numbers, shared strings).
"""

import io
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from planmonitor.plans.models import Action
from planmonitor.plans.transfer.columns import ACTIONS
from planmonitor.plans.transfer.exporting import Table, write_xlsx
from planmonitor.plans.transfer.reading import FileRejected, read_file
from planmonitor.plans.transfer.uploads import root
from planmonitor.tests import damaged_zips as damage

SHEET = "xl/worksheets/sheet1.xml"
GOOD_ROW = ["A1", "Campagne", None, "1.1", "demir"]
DAMAGED = {
    "en": ("The workbook is damaged and cannot be read.", "is damaged and cannot be read."),
    "nl": (
        "De werkmap is beschadigd en kan niet worden gelezen.",
        "is beschadigd en kan niet worden gelezen.",
    ),
}


def exported() -> bytes:
    """The project's own export of one action."""
    row = [*GOOD_ROW, *[None] * (len(ACTIONS.headers) - len(GOOD_ROW))]
    out = io.BytesIO()
    write_xlsx(out, [Table(ACTIONS, [row])])
    return out.getvalue()


def merged() -> bytes:
    """What openpyxl writes for a sheet with one merged range, B2:C2."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Acties"
    sheet.append(ACTIONS.headers[:5])
    sheet.append(GOOD_ROW)
    sheet.merge_cells("B2:C2")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def shared_strings(index: str) -> bytes:
    """A workbook whose A2 refers to shared string ``index`` of a table holding two strings."""
    data = damage.replace_part(
        exported(),
        SHEET,
        b'<c r="A2" t="inlineStr"><is><t>A1</t></is></c>',
        b'<c r="A2" t="s"><v>' + index.encode() + b"</v></c>",
    )
    data = damage.replace_part(
        data,
        "[Content_Types].xml",
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    members = damage.parts(data)
    members["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" '
        b'uniqueCount="2"><si><t>A1</t></si><si><t>A2</t></si></sst>'
    )
    return damage.rezip(members)


def in_sheet(old: bytes, new: bytes, source: Callable[[], bytes] = exported) -> Callable[[], bytes]:
    return lambda: damage.replace_part(source(), SHEET, old, new)


DAMAGED_FILES: dict[str, Callable[[], bytes]] = {
    # The zip
    "corrupt deflate stream": lambda: damage.corrupt_deflate(exported(), SHEET),
    "corrupt deflate stream of the styles": lambda: damage.corrupt_deflate(
        exported(), "xl/styles.xml"
    ),
    "compression method 99": lambda: damage.set_method(exported(), SHEET, 99),
    "name flagged UTF-8 that is not": lambda: damage.bad_utf8_name(exported(), "docProps/app.xml"),
    "wrong CRC": lambda: damage.wrong_crc(exported(), SHEET),
    "truncated": lambda: exported()[: len(exported()) * 2 // 3],
    "cut in the central directory": lambda: exported()[:-30],
    "no workbook relations": lambda: damage.without_part(exported(), "xl/_rels/workbook.xml.rels"),
    "sheet listed but missing": lambda: damage.without_part(exported(), SHEET),
    # The XML
    "merge reference empty": in_sheet(b'ref="B2:C2"', b'ref=""', merged),
    "merge reference ZZZZZ": in_sheet(b'ref="B2:C2"', b'ref="ZZZZZ"', merged),
    "merge reference beyond XFD": in_sheet(b'ref="B2:C2"', b'ref="B2:XFE2"', merged),
    "sheet XML not well-formed": in_sheet(b"</sheetData>", b"</sheetDat>"),
    "workbook XML not well-formed": lambda: damage.replace_part(
        exported(), "xl/workbook.xml", b"</workbook>", b"</workbk>"
    ),
    "cell reference A0": in_sheet(b'r="A2"', b'r="A0"'),
    "cell reference XFE1": in_sheet(b'r="A2"', b'r="XFE2"'),
    "cell reference empty": in_sheet(b'r="A2"', b'r=""'),
    "cell reference lower case garbage": in_sheet(b'r="A2"', b'r="a-2"'),
    "row number beyond Excel's last row": in_sheet(b'<row r="2"', b'<row r="99999999999"'),
    "row number zero": in_sheet(b'<row r="2"', b'<row r="0"'),
    "row number not a number": in_sheet(b'<row r="2"', b'<row r="two"'),
    "rows going backwards": in_sheet(b'<row r="2"', b'<row r="1"'),
    "shared string index out of range": lambda: shared_strings("7"),
    "shared string index negative": lambda: shared_strings("-1"),
    "shared string index not a number": lambda: shared_strings("x"),
    "number that is not one": in_sheet(
        b'<c r="A2" t="inlineStr"><is><t>A1</t></is></c>', b'<c r="A2"><v>1,5</v></c>'
    ),
    "style index not a number": in_sheet(b'<c r="A2" t=', b'<c r="A2" s="x" t='),
}


def write(tmp_path, data: bytes):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("damaged", DAMAGED_FILES.values(), ids=DAMAGED_FILES.keys())
def test_it_refuses_every_damaged_workbook_with_the_damaged_message(tmp_path, damaged, language):
    path = write(tmp_path, damaged())

    with translation.override(language), pytest.raises(FileRejected) as refused:
        read_file(path, "plan.xlsx")

    workbook, sheet = DAMAGED[language]
    assert refused.value.message == workbook or refused.value.message.endswith(sheet)


def test_the_good_workbooks_behind_the_damaged_ones_are_read(tmp_path):
    acties = read_file(write(tmp_path, exported()), "plan.xlsx")[0]
    assert acties.rows == [(2, tuple(GOOD_ROW) + (None,) * (len(ACTIONS.headers) - len(GOOD_ROW)))]
    acties = read_file(write(tmp_path, shared_strings("1")), "plan.xlsx")[0]
    assert acties.rows[0][1][0] == "A2"
    (merged_sheet,) = read_file(write(tmp_path, merged()), "plan.xlsx")
    assert [problem.cell for problem in merged_sheet.problems] == ["B2"]


# --- Where users meet it: the import page and the command -----------------------------------


def test_the_import_page_shows_the_damaged_message_in_the_form(plan, coordinator):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(coordinator)
    for name, damaged in DAMAGED_FILES.items():
        upload = SimpleUploadedFile("plan.xlsx", damaged())
        url = reverse("plans:transfer_import", args=[plan.short_name])

        response = client.post(url, {"file": upload})

        assert response.status_code == 200, name
        (error,) = response.context["form"].errors["file"]
        assert "is damaged and cannot be read." in error, name
    assert not Action.objects.exists()
    assert not any(root().iterdir())  # nothing kept for a file that cannot be read


@pytest.mark.parametrize(
    "damaged",
    [DAMAGED_FILES["corrupt deflate stream"], DAMAGED_FILES["merge reference ZZZZZ"]],
    ids=["zip", "xml"],
)
def test_the_import_command_prints_the_message_and_exits_with_status_1(
    plan, tmp_path, damaged, settings
):
    settings.LANGUAGE_CODE = "en"  # the commands speak the interface's language
    path = write(tmp_path, damaged())
    out = io.StringIO()

    with translation.override("en"), pytest.raises(CommandError) as failed:
        call_command("import_actions", str(path), stdout=out)

    assert failed.value.returncode == 1
    assert "is damaged and cannot be read." in out.getvalue()
    assert not Action.objects.exists()
