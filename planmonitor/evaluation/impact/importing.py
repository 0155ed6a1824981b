"""Reading a file of context figures (CSV or XLSX, the columns of data/context-indicators.csv).

The file is opened the way the plan import opens one (plans/transfer/reading.py: the size
limit, the zip checks against bombs and embedded files, openpyxl's parts streamed through
defusedxml, the CSV encodings Excel writes); a file that cannot be used raises
``FileRejected`` with the reason, for the user. Rows are then checked one by one: a row
with a problem is reported with its number and nothing of the file is imported.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify
from django.utils.translation import gettext as _

from planmonitor.core.xlsx import WorkbookParts
from planmonitor.plans.transfer.reading import (
    FileRejected,
    check_zip,
    damaged,
    decode_csv,
    file_kind,
    sniff_delimiter,
)

DEFAULT_FILE = Path(__file__).parent / "data" / "context-indicators.csv"
COLUMNS = ("indicator", "area", "year", "value", "unit", "note", "source")
REQUIRED = ("indicator", "year", "value")
MAX_ROWS = 5000


@dataclass(frozen=True)
class ContextRow:
    key: str
    name: str
    area: str
    unit: str
    year: int
    value: Decimal
    note: str
    source: str
    line: int


class RowsRejected(FileRejected):
    """Rows of the file have problems: ``problems`` names each, with its row number."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(_("The file has problems; nothing was imported."))
        self.problems = problems


def series_key(name: str, area: str) -> str:
    """The series' key in the plan: the same indicator and area always land in one series."""
    return slugify(f"{name} {area}")[:80] or "series"


def read_context_file(path: Path, name: str) -> list[ContextRow]:
    """The rows of a CSV or XLSX file, checked; raises ``FileRejected`` (or its
    ``RowsRejected``, listing every problem) when the file cannot be imported."""
    if file_kind(path, name) == "xlsx":
        table = _xlsx_rows(path)
    else:
        text = decode_csv(path.read_bytes())
        try:
            table = list(csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text)))
        except csv.Error as error:
            raise FileRejected(
                _("The CSV file cannot be read: %(error)s.") % {"error": error}
            ) from error
    return _checked(table)


def _xlsx_rows(path: Path) -> list[list[Any]]:
    """The first sheet as rows of values (empty cells as None)."""
    check_zip(path)
    with path.open("rb") as handle:
        try:
            book = WorkbookParts.open(handle)
        except Exception as error:  # openpyxl raises many kinds on a malformed part
            raise damaged() from error
        try:
            if not book.sheets:
                raise FileRejected(_("The workbook has no sheet."))
            rows: list[list[Any]] = []
            for _number, cells in book.sheet(book.sheets[0][1]):
                width = max(cells, default=-1) + 1
                rows.append([cells.get(index) for index in range(width)])
                if len(rows) > MAX_ROWS + 1:
                    break
            return rows
        except FileRejected:
            raise
        except Exception as error:
            raise damaged() from error
        finally:
            book.close()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _checked(table: list[list[Any]]) -> list[ContextRow]:
    table = [row for row in table if any(_text(cell) for cell in row)]
    if not table:
        raise FileRejected(_("The file is empty."))
    header = [_text(cell).lower() for cell in table[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise FileRejected(
            _("The file lacks the columns %(columns)s (expected: %(expected)s).")
            % {"columns": ", ".join(missing), "expected": ", ".join(COLUMNS)}
        )
    if len(table) - 1 > MAX_ROWS:
        raise FileRejected(_("The file has more than %(count)d rows.") % {"count": MAX_ROWS})
    where = {name: header.index(name) for name in COLUMNS if name in header}
    rows: list[ContextRow] = []
    problems: list[str] = []
    seen: dict[tuple[str, int], int] = {}
    for line, cells in enumerate(table[1:], start=2):

        def cell(name: str, cells: list[Any] = cells) -> Any:
            index = where.get(name)
            return cells[index] if index is not None and index < len(cells) else None

        row, row_problems = _row(cell, line)
        problems += row_problems
        if row is None:
            continue
        earlier = seen.get((row.key, row.year))
        if earlier is not None:
            problems.append(
                _("Row %(line)d: %(name)s %(year)d is already in row %(earlier)d.")
                % {"line": line, "name": row.name, "year": row.year, "earlier": earlier}
            )
            continue
        seen[(row.key, row.year)] = line
        rows.append(row)
    if problems:
        raise RowsRejected(problems)
    return rows


def _row(cell, line: int) -> tuple[ContextRow | None, list[str]]:
    problems = []
    name = _text(cell("indicator"))
    area = _text(cell("area"))
    if not name:
        problems.append(_("Row %(line)d: the indicator is empty.") % {"line": line})
    year = _year(cell("year"))
    if year is None:
        problems.append(_("Row %(line)d: the year must be a year such as 2024.") % {"line": line})
    value = _number(cell("value"))
    if value is None:
        problems.append(
            _("Row %(line)d: the value must be a number (such as 1234 or 12.5).") % {"line": line}
        )
    source = _text(cell("source"))
    if source:
        try:
            URLValidator(schemes=["http", "https"])(source)
        except ValidationError:
            problems.append(
                _("Row %(line)d: the source must be a web address (https://...).") % {"line": line}
            )
    lengths = {"indicator": (name, 300), "area": (area, 100), "note": (_text(cell("note")), 500)}
    lengths |= {"unit": (_text(cell("unit")), 60), "source": (source, 500)}
    for column, (text, limit) in lengths.items():
        if len(text) > limit:
            problems.append(
                _("Row %(line)d: %(column)s is longer than %(limit)d characters.")
                % {"line": line, "column": column, "limit": limit}
            )
    if problems or year is None or value is None:
        return None, problems
    return (
        ContextRow(
            key=series_key(name, area),
            name=name,
            area=area,
            unit=_text(cell("unit")),
            year=year,
            value=value,
            note=_text(cell("note")),
            source=source,
            line=line,
        ),
        [],
    )


def _year(value: Any) -> int | None:
    if isinstance(value, dt.date):
        return value.year
    text = _text(value)
    if not text.isdigit() or not 1900 <= int(text) <= 2200:
        return None
    return int(text)


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        # A Belgian spreadsheet writes 1.234,5; a plain CSV writes 1234.5.
        text = _text(value).replace(" ", "").replace("\u00a0", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
    if not number.is_finite() or abs(number) >= Decimal(10) ** 15:
        return None
    exponent = number.as_tuple().exponent
    return (
        number.quantize(Decimal("0.0001"))
        if isinstance(exponent, int) and exponent < -4
        else number
    )
