"""import_context_series and the file reader: the published figures, idempotence, bad files."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from planmonitor.evaluation.impact import importing
from planmonitor.evaluation.models import ContextSeries, ContextValue

pytestmark = pytest.mark.django_db

HEADER = "indicator,area,year,value,unit,note,source\n"


def _run(plan, *args) -> str:
    out = io.StringIO()
    call_command("import_context_series", "--plan", plan.short_name, *args, stdout=out)
    return out.getvalue()


def _write(tmp_path: Path, text: str, name: str = "figures.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_it_imports_the_published_figures_by_default_with_their_sources(plan):
    _run(plan)
    rows = len(importing.DEFAULT_FILE.read_text(encoding="utf-8").strip().splitlines()) - 1
    assert ContextValue.objects.filter(series__plan=plan).count() == rows
    helpline = ContextSeries.objects.get(plan=plan, key="oproepen-hulplijn-1712-vlaanderen")
    assert (helpline.unit, helpline.is_example) == ("oproepen", False)
    value = helpline.values.get(year=2021)
    assert value.value == Decimal(8515)
    assert value.source == "https://dwvg.be/jaarverslag21/cijfers-hulplijnen"
    assert value.note == "concerning 11312 victims"


def test_importing_again_changes_nothing_and_records_no_history(plan):
    _run(plan)
    history = ContextValue.history.count()
    output = _run(plan)
    assert ContextValue.history.count() == history
    assert "0 nieuwe reeksen, 0 waarden toegevoegd" in output


def test_a_changed_value_is_updated_in_place(plan, tmp_path):
    _run(plan, str(_write(tmp_path, HEADER + "Reeks,Vlaanderen,2020,10,x,,\n")))
    _run(plan, str(_write(tmp_path, HEADER + "Reeks,Vlaanderen,2020,12,x,herzien,\n")))
    [value] = ContextValue.objects.filter(series__plan=plan)
    assert (value.value, value.note, value.version) == (Decimal(12), "herzien", 2)


def test_it_reads_an_xlsx_in_the_same_columns(plan, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["indicator", "area", "year", "value", "unit", "note", "source"])
    sheet.append(["Reeks", "België", 2021, 3287.5, "slachtoffers", "", "https://example.org/a"])
    path = tmp_path / "figures.xlsx"
    book.save(path)
    _run(plan, str(path))
    [value] = ContextValue.objects.filter(series__plan=plan)
    assert (value.year, value.value) == (2021, Decimal("3287.5"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (HEADER + "Reeks,,twintig,10,,,\n", "Rij 2"),
        (HEADER + "Reeks,,2020,veel,,,\n", "Rij 2"),
        (HEADER + "Reeks,,2020,1,,,geen-adres\n", "Rij 2"),
        (HEADER + "Reeks,,2020,1,,,\nReeks,,2020,2,,,\n", "Rij 3"),
        ("name,when\nReeks,2020\n", "kolommen indicator"),
    ],
)
def test_a_bad_file_is_refused_whole_with_a_clear_message(plan, tmp_path, text, message):
    # A good row after the bad one: it is not imported either.
    path = _write(tmp_path, text + "Goed,,2019,5,,,\n")
    with pytest.raises(CommandError) as refused:
        _run(plan, str(path))
    assert message in str(refused.value)
    assert not ContextValue.objects.filter(series__plan=plan).exists()


def test_an_empty_file_is_refused(tmp_path):
    with pytest.raises(importing.FileRejected, match="leeg"):
        importing.read_context_file(_write(tmp_path, ""), "figures.csv")


def test_neither_csv_nor_xlsx_is_refused(tmp_path):
    path = tmp_path / "figures.pdf"
    path.write_bytes(b"%PDF-1.7")
    with pytest.raises(importing.FileRejected, match="geen Excel"):
        importing.read_context_file(path, path.name)


def test_a_damaged_workbook_is_refused(tmp_path):
    path = tmp_path / "figures.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(importing.FileRejected):
        importing.read_context_file(path, path.name)


def test_a_belgian_number_is_read():
    [row] = importing._checked([list(HEADER.strip().split(",")), ["R", "", "2020", "1.234,5"]])
    assert row.value == Decimal("1234.5")
