"""Opening uploaded files safely and turning them into rows of cell values.

Nothing here knows about plans: it checks the file (size, type, zip bomb,
password, encoding), finds the header row and hands back rows with their row
numbers. Whole-file failures raise ``FileRejected`` with a message for the user;
cell-level findings (formula without value, merged cells) are ``Problem``s.

``FileRejected`` is the only exception that leaves ``read_file``: whatever a
damaged file makes zipfile, zlib, expat or openpyxl raise becomes "the workbook
is damaged". Only the columns whose header the importer knows are kept, so
memory follows those columns, never what a sheet claims its size is.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import logging
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from planmonitor.core import errors
from planmonitor.core.text import normalise_newlines
from planmonitor.core.xlsx import NO_VALUE, SheetStream, WorkbookParts

from .columns import SHEETS, normalise_name, unescape_csv, unescape_formula
from .report import Problem

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

# Every header the importer can use, on any sheet; a column with another header is dropped
# as it is read, so a sheet claiming 16,384 columns costs what its known columns cost.
KNOWN_HEADERS = frozenset(
    name for spec in SHEETS for column in spec.columns for name in (column.name, column.alias)
)


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def max_bytes() -> int:
    return _limit("IMPORT_MAX_BYTES", 10 * 1024 * 1024)


class FileRejected(errors.FileRefused):
    """The file as a whole cannot be used; the message says why, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


def damaged() -> FileRejected:
    return FileRejected(_("The workbook is damaged and cannot be read."))


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
    # The kept columns: their headers, and where each one is in the sheet (0-based).
    header: list[str] = field(default_factory=list)
    columns: list[int] = field(default_factory=list)
    header_row: int = 1
    empty: bool = True  # no header row: not a single value in the sheet
    rows: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def problem(self, message: str, row: int | None = None, column: int | None = None) -> None:
        self.problems.append(self.place(message, row, column))

    def place(self, message: str, row: int | None, column: int | None) -> Problem:
        """A problem at a row and a sheet column (0-based), kept or not."""
        name = self.header[self.columns.index(column)] if column in self.columns else ""
        return self._at(message, row, column, name)

    def locate(self, message: str, row: int | None, index: int | None) -> Problem:
        """A problem at a row and a kept column's index, named as the user sees it ('D7')."""
        if index is None or index >= len(self.header):
            return self._at(message, row, None, "")
        return self._at(message, row, self.columns[index], self.header[index])

    def _at(self, message: str, row: int | None, column: int | None, name: str) -> Problem:
        cell = ""
        if column is not None and row is not None:
            cell = f"{get_column_letter(column + 1)}{row}"
        return Problem(message=message, sheet=self.title, row=row, column=name, cell=cell)


# --- Entry point ---------------------------------------------------------------------------


def read_file(path: Path, name: str, *, progress: Progress = no_progress) -> list[Sheet]:
    """All sheets of an XLSX workbook, or the one table of a CSV file."""
    if file_kind(path, name) == "xlsx":
        return read_xlsx(path, progress=progress)
    return [read_csv(path, name, progress=progress)]


def file_kind(path: Path, name: str) -> str:
    """ "xlsx" or "csv", by the file's first bytes (and a CSV by its name); ``FileRejected``
    for a file over the size limit, an old or encrypted Excel file, or anything else."""
    size = path.stat().st_size
    if size > max_bytes():
        raise too_large(size)
    with path.open("rb") as handle:
        start = handle.read(8)
    if start.startswith(ZIP_MAGIC):
        return "xlsx"
    if start.startswith(OLE_MAGIC):
        raise FileRejected(_ole_message(path))
    if name.lower().endswith(CSV_SUFFIXES):
        return "csv"
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
    except Exception as error:  # BadZipFile, a name flagged UTF-8 that is not, ...
        raise _damaged_by(path, error) from error
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


def _damaged_by(path: Path, error: Exception) -> FileRejected:
    logger.info("unreadable workbook %s: %r", path.name, error)
    return damaged()


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
        try:
            with archive.open(info) as stream:
                nested = stream.read(8).startswith(NESTED_MAGICS)
        except Exception as error:  # unknown compression method, corrupt deflate stream, ...
            raise _damaged_by(Path(archive.filename or ""), error) from error
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
            # XML and defusedxml errors, zlib errors, ...); for the user they all mean
            # "unreadable".
            raise _damaged_by(path, error) from error
        try:
            return [_read_sheet(book, title, member, progress) for title, member in book.sheets]
        finally:
            book.close()


def _read_sheet(book: WorkbookParts, title: str, member: str, progress: Progress) -> Sheet:
    sheet = Sheet(title=title)
    try:
        stream = book.sheet(member)
        _collect(sheet, progress(stream, desc=title, total=None), unescape_formula)
        _check_merges(sheet, stream)
    except Exception as error:
        # Malformed XML, entities, references beyond Excel's limits, a corrupt zip
        # stream or CRC: whatever it is, this sheet cannot be read.
        logger.info("unreadable sheet %s: %r", title, error)
        raise FileRejected(
            _('The sheet "%(sheet)s" is damaged and cannot be read.') % {"sheet": title}
        ) from error
    if stream.formulas:
        sheet.warnings.append(
            Problem(
                _("%(count)s cells hold formulas; their calculated values are used.")
                % {"count": stream.formulas},
                sheet=title,
            )
        )
    return sheet


def _cell_value(value: Any, unescape: Callable[[str], str]) -> Any:
    """Cell values as the importer wants them: text stripped, unescaped and with LF line
    endings (Excel keeps CR or CRLF inside a cell), dates as dates."""
    if isinstance(value, str):
        # Trimmed around the escape too: the exporter escapes "' =1" for " =1".
        value = normalise_newlines(unescape(value.strip()).strip())
        return value or None
    if isinstance(value, dt.datetime) and value.time() == dt.time(0, 0):
        return value.date()
    return value


def _collect(
    sheet: Sheet,
    numbered_rows: Iterable[tuple[int, Mapping[int, Any]]],
    unescape: Callable[[str], str],
) -> None:
    """Find the header (first non-empty row) and keep the non-empty rows after it.

    Rows are {0-based column: raw value}. Of each row only the columns with a known
    header are kept, in a tuple as wide as the header: never wider than the importer's
    own columns, whatever the sheet claims.
    """
    last_header = -1  # the header's last column: values right of it have no header
    stray = False
    for number, raw in numbered_rows:
        values = {column: _cell_value(value, unescape) for column, value in raw.items()}
        empty = not any(value is not None and value is not NO_VALUE for value in values.values())
        if sheet.empty:
            _formulas_without_value(sheet, number, values)
            if not empty:
                last_header = _set_header(sheet, number, values)
            continue
        kept = {column: values.get(column) for column in sheet.columns}
        _formulas_without_value(sheet, number, kept)
        if empty:
            continue
        stray = stray or any(
            column > last_header and value is not None and value is not NO_VALUE
            for column, value in values.items()
        )
        for column, value in kept.items():
            if isinstance(value, str) and value in EXCEL_ERRORS:
                sheet.problem(
                    _("The cell holds the error value %(value)s.") % {"value": value},
                    number,
                    column,
                )
        sheet.rows.append((number, tuple(None if v is NO_VALUE else v for v in kept.values())))
    if stray:
        sheet.warnings.append(
            Problem(_("Values in columns without a header are ignored."), sheet=sheet.title)
        )


def _set_header(sheet: Sheet, number: int, values: Mapping[int, Any]) -> int:
    """Keep the columns with a known header, each name once; the last header column."""
    sheet.empty = False
    sheet.header_row = number
    seen: set[str] = set()
    named = sorted(
        (column, str(value))
        for column, value in values.items()
        if value is not None and value is not NO_VALUE
    )
    for column, header in named:
        name = normalise_name(header)
        if name not in KNOWN_HEADERS:
            message = _('The column "%(column)s" is not known and is ignored.')
            sheet.warnings.append(sheet.place(message % {"column": header}, number, column))
        elif name in seen:
            sheet.problem(
                _('The column "%(column)s" appears more than once.') % {"column": header},
                number,
                column,
            )
        else:
            seen.add(name)
            sheet.header.append(header)
            sheet.columns.append(column)
    return named[-1][0]


def _formulas_without_value(sheet: Sheet, number: int, values: Mapping[int, Any]) -> None:
    for column, value in values.items():
        if value is NO_VALUE:
            sheet.problem(
                _(
                    "The cell holds a formula without a calculated value; type the value, "
                    "or open and save the file in Excel first."
                ),
                number,
                column,
            )


def _check_merges(sheet: Sheet, stream: SheetStream) -> None:
    for ref, row, column in stream.merges:
        if row == sheet.header_row:
            message = _("Header cells %(range)s are merged; unmerge them.") % {"range": ref}
        else:
            message = _(
                "Merged cells %(range)s are not supported; unmerge them and fill in every cell."
            ) % {"range": ref}
        sheet.problem(message, row, column)


# --- CSV -----------------------------------------------------------------------------------


def read_csv(path: Path, name: str, *, progress: Progress = no_progress) -> Sheet:
    text = decode_csv(path.read_bytes())
    delimiter = sniff_delimiter(text)
    sheet = Sheet(title=Path(name).name, is_csv=True)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = _numbered(progress(reader, desc=sheet.title, total=None))
        _collect(sheet, rows, unescape_csv)
    except csv.Error as error:
        raise FileRejected(
            _("The CSV file cannot be read: %(error)s.") % {"error": error}
        ) from error
    return sheet


def _numbered(rows: Iterable[list[str]]) -> Iterator[tuple[int, dict[int, str]]]:
    for number, row in enumerate(rows, start=1):
        yield number, {column: value for column, value in enumerate(row) if value}


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
