"""Opening uploaded files safely and turning them into rows of cell values.

Nothing here knows about plans: it checks the file (size, type, zip bomb,
password, encoding), finds the header row and hands back rows with their row
numbers. Whole-file failures raise ``FileRejected`` with a message for the user;
cell-level findings (formula without value, merged cells) are ``Problem``s.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import logging
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from .columns import unescape_formula
from .report import Problem
from .xlsx import WorkbookParts

logger = logging.getLogger(__name__)

T = TypeVar("T")

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted OOXML file is an OLE container holding a stream with this name.
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
NESTED_MAGICS = (ZIP_MAGIC, OLE_MAGIC, b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!")
NESTED_SUFFIXES = (".zip", ".xlsx", ".xlsm", ".docx", ".pptx", ".jar", ".gz", ".7z", ".rar", ".bin")
EXCEL_ERRORS = frozenset({"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"})

CSV_SUFFIXES = (".csv", ".txt")
CSV_DELIMITERS = (",", ";", "\t")


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def max_bytes() -> int:
    return _limit("IMPORT_MAX_BYTES", 10 * 1024 * 1024)


class FileRejected(Exception):
    """The file as a whole cannot be used; the message says why, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def too_large(size: int) -> FileRejected:
    return FileRejected(
        _("The file is %(size)s, more than the limit of %(limit)s.")
        % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes())}
    )


class Progress(Protocol):
    def __call__(self, rows: Iterable[T], *, desc: str, total: int | None) -> Iterable[T]: ...


def no_progress(rows: Iterable[T], *, desc: str, total: int | None) -> Iterable[T]:
    return rows


@dataclass
class Sheet:
    """A table read from a workbook sheet or a CSV file. Row numbers are the file's own."""

    title: str
    is_csv: bool = False
    header: list[str] = field(default_factory=list)
    header_row: int = 1
    rows: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def problem(self, message: str, row: int | None = None, index: int | None = None) -> None:
        self.problems.append(self.locate(message, row, index))

    def locate(self, message: str, row: int | None, index: int | None) -> Problem:
        """A problem at a row and 0-based column index, named as the user sees it ('D7')."""
        column = cell = ""
        if index is not None:
            column = self.header[index] if index < len(self.header) else ""
            if row is not None:
                cell = f"{get_column_letter(index + 1)}{row}"
        return Problem(message=message, sheet=self.title, row=row, column=column, cell=cell)


# --- Entry point ---------------------------------------------------------------------------


def read_file(path: Path, name: str, *, progress: Progress = no_progress) -> list[Sheet]:
    """All sheets of an XLSX workbook, or the one table of a CSV file."""
    size = path.stat().st_size
    if size > max_bytes():
        raise too_large(size)
    with path.open("rb") as handle:
        start = handle.read(8)
    if start.startswith(ZIP_MAGIC):
        return read_xlsx(path, progress=progress)
    if start.startswith(OLE_MAGIC):
        raise FileRejected(_ole_message(path))
    if name.lower().endswith(CSV_SUFFIXES):
        return [read_csv(path, name, progress=progress)]
    raise FileRejected(_("This is neither an Excel workbook (.xlsx) nor a CSV file."))


def _ole_message(path: Path) -> str:
    if ENCRYPTED_PACKAGE in path.read_bytes():
        return _(
            "The workbook is protected with a password. Remove the password in Excel "
            "(File > Info > Protect workbook) and upload it again."
        )
    return _(
        "This is an old Excel file (.xls) or a password-protected workbook. "
        "Save it as an Excel workbook (.xlsx) without a password."
    )


# --- XLSX ----------------------------------------------------------------------------------


def check_zip(path: Path) -> None:
    """Refuse zip bombs and smuggled content before any XML parser sees the file.

    The sizes come from the zip directory; Python's zipfile never inflates an entry
    beyond its declared size, so a lying directory cannot get past these checks.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise FileRejected(_("The workbook is damaged and cannot be read.")) from error
    with archive:
        infos = archive.infolist()
        if len(infos) > _limit("IMPORT_MAX_ZIP_ENTRIES", 1000):
            raise FileRejected(
                _("The workbook has too many parts (%(count)s); it is refused for safety.")
                % {"count": len(infos)}
            )
        total = sum(info.file_size for info in infos)
        limit = _limit("IMPORT_MAX_UNZIPPED_BYTES", 200 * 1024 * 1024)
        if total > limit:
            raise FileRejected(
                _("The workbook unpacks to more than %(limit)s; it is refused for safety.")
                % {"limit": filesizeformat(limit)}
            )
        names = {info.filename for info in infos}
        if "xl/workbook.xml" not in names:
            raise FileRejected(
                _("This is not an Excel workbook. Save it as an Excel workbook (.xlsx).")
            )
        for info in infos:
            _check_entry(archive, info)


def _check_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    if info.flag_bits & 0x1:
        raise FileRejected(_("The workbook is protected with a password; remove the password."))
    # Small parts may compress extremely well and harmlessly; only big ones can hurt.
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > 1024 * 1024 and ratio > _limit("IMPORT_MAX_ZIP_RATIO", 200):
        raise FileRejected(
            _(
                "A part of the workbook (%(name)s) is compressed suspiciously strongly; "
                "it is refused for safety."
            )
            % {"name": info.filename}
        )
    nested = info.filename.lower().endswith(NESTED_SUFFIXES)
    if not nested and not info.is_dir():
        with archive.open(info) as stream:
            nested = stream.read(8).startswith(NESTED_MAGICS)
    if nested:
        raise FileRejected(
            _(
                "The workbook contains an embedded file, macro or archive (%(name)s). "
                "Save it as a plain workbook (.xlsx) without embedded objects."
            )
            % {"name": info.filename}
        )


def read_xlsx(path: Path, *, progress: Progress = no_progress) -> list[Sheet]:
    check_zip(path)
    with path.open("rb") as handle:
        try:
            book = WorkbookParts.open(handle)
        except Exception as error:
            # openpyxl raises a dozen types on malformed parts (KeyError, ValueError,
            # XML and defusedxml errors, ...); for the user they all mean "unreadable".
            logger.info("unreadable workbook %s: %r", path.name, error)
            raise FileRejected(_("The workbook is damaged and cannot be read.")) from error
        try:
            return [_read_sheet(book, title, member, progress) for title, member in book.sheets]
        finally:
            book.close()


def _read_sheet(book: WorkbookParts, title: str, member: str, progress: Progress) -> Sheet:
    sheet = Sheet(title=title)
    stream = book.sheet(member)
    try:
        _collect(sheet, progress(stream, desc=title, total=None))
    except Exception as error:  # malformed XML or entities: see read_xlsx
        logger.info("unreadable sheet %s: %r", title, error)
        raise FileRejected(
            _('The sheet "%(sheet)s" is damaged and cannot be read.') % {"sheet": title}
        ) from error
    _check_merges(sheet, stream.merges)
    for row, index in stream.formulas_without_value:
        sheet.problem(
            _(
                "The cell holds a formula without a calculated value; type the value, "
                "or open and save the file in Excel first."
            ),
            row,
            index,
        )
    if stream.formulas:
        sheet.warnings.append(
            Problem(
                _("%(count)s cells hold formulas; their calculated values are used.")
                % {"count": stream.formulas},
                sheet=title,
            )
        )
    return sheet


def _cell_value(value: Any) -> Any:
    """Cell values as the importer wants them: text stripped and unescaped, dates as dates."""
    if isinstance(value, str):
        value = unescape_formula(value.strip())
        return value or None
    if isinstance(value, dt.datetime) and value.time() == dt.time(0, 0):
        return value.date()
    return value


def _collect(sheet: Sheet, numbered_rows: Iterable[tuple[int, tuple[Any, ...]]]) -> None:
    """Find the header (first non-empty row) and keep the non-empty rows after it."""
    width = 0
    stray = False
    for number, raw in numbered_rows:
        values = tuple(_cell_value(value) for value in raw)
        if not any(value is not None for value in values):
            continue
        if not sheet.header:
            sheet.header = ["" if value is None else str(value) for value in values]
            while sheet.header and not sheet.header[-1]:
                sheet.header.pop()
            sheet.header_row = number
            width = len(sheet.header)
            continue
        if len(values) > width:
            stray = stray or any(value is not None for value in values[width:])
            values = values[:width]
        elif len(values) < width:
            values = values + (None,) * (width - len(values))
        for index, value in enumerate(values):
            if isinstance(value, str) and value in EXCEL_ERRORS:
                sheet.problem(
                    _("The cell holds the error value %(value)s.") % {"value": value},
                    number,
                    index,
                )
        sheet.rows.append((number, values))
    if stray:
        sheet.warnings.append(
            Problem(_("Values in columns without a header are ignored."), sheet=sheet.title)
        )


def _check_merges(sheet: Sheet, merges: list[str]) -> None:
    for ref in merges:
        column, row = coordinate_from_string(ref.split(":")[0])
        index = column_index_from_string(column) - 1
        if row == sheet.header_row:
            message = _("Header cells %(range)s are merged; unmerge them.") % {"range": ref}
        else:
            message = _(
                "Merged cells %(range)s are not supported; unmerge them and fill in every cell."
            ) % {"range": ref}
        sheet.problem(message, row, index)


# --- CSV -----------------------------------------------------------------------------------


def read_csv(path: Path, name: str, *, progress: Progress = no_progress) -> Sheet:
    text = decode_csv(path.read_bytes())
    delimiter = sniff_delimiter(text)
    sheet = Sheet(title=Path(name).name, is_csv=True)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        _collect(sheet, enumerate(progress(reader, desc=sheet.title, total=None), start=1))
    except csv.Error as error:
        raise FileRejected(
            _("The CSV file cannot be read: %(error)s.") % {"error": error}
        ) from error
    return sheet


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252 (Excel's 'CSV')."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16")
    # NUL never occurs in text: UTF-16 without a BOM, or not a text file at all.
    if b"\x00" in data:
        raise FileRejected(_unknown_encoding())
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's plain "CSV" in Belgium is Windows-1252; its five undefined bytes
        # mean yet another encoding.
        return _decode(data, "cp1252")


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise FileRejected(_unknown_encoding()) from error


def _unknown_encoding() -> str:
    return _(
        'The CSV file has an unknown character encoding. Save it as "CSV UTF-8" '
        "(or as CSV from Excel) and upload it again."
    )


def sniff_delimiter(text: str) -> str:
    """The delimiter used most in the header line; headers never contain one themselves."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts: dict[str, int] = {
        delimiter: first_line.count(delimiter) for delimiter in CSV_DELIMITERS
    }
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","
