"""Checks on evidence files: the extension, the content behind it, and the size.

A file is accepted only when its extension is on the list *and* its first bytes
(or, for OOXML and ODF, its zip directory) are what that extension promises: an
.exe renamed to .pdf is refused. A zip (DOCX, XLSX, ODT, ODS) must also read back
whole: every entry is inflated once, in chunks, and its CRC checked, so a damaged
file is refused as damaged rather than stored (or crashing the check). Nothing is
kept in memory, and the sizes the zip directory declares are capped first (zipfile
never inflates an entry beyond its declared size).
"""

from __future__ import annotations

import codecs
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from planmonitor.core import errors

MAX_BYTES = 10 * 1024 * 1024  # 10 MB, stated in the form's help text
HEAD_BYTES = 64 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # a zip bomb stops here; real documents stay far below
CHUNK = 1024 * 1024


class Damaged(errors.FileRefused):
    """The file has the right form (a zip directory) but its content cannot be read back."""


class UnpacksTooLarge(errors.FileRefused):
    """The zip directory declares more than MAX_UNPACKED_BYTES."""


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    matches: Callable[[object, bytes], bool]


def _starts_with(*signatures: bytes) -> Callable[[object, bytes], bool]:
    return lambda upload, head: head.startswith(signatures)


def _read_zip(upload) -> tuple[set[str], bytes] | None:
    """The entry names and the start of ``mimetype`` (ODF), after reading every entry back.

    None when this is no zip at all; ``Damaged`` when it is one that cannot be read
    (corrupt deflate stream, wrong CRC, unknown compression method, a name flagged
    UTF-8 that is not, ...).
    """
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, EOFError):
        return None
    except Exception as error:
        raise Damaged from error
    with archive:
        try:
            infos = archive.infolist()
            if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
                raise UnpacksTooLarge
            mimetype = b""
            for info in infos:
                with archive.open(info) as entry:
                    if info.filename == "mimetype":
                        mimetype = entry.read(100)
                    while entry.read(CHUNK):  # zipfile checks the CRC at the end
                        pass
        except UnpacksTooLarge:
            raise
        except Exception as error:
            raise Damaged from error
    return {info.filename for info in infos}, mimetype


def _ooxml(main_part: str) -> Callable[[object, bytes], bool]:
    def matches(upload, head: bytes) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        archive = _read_zip(upload)
        return archive is not None and {"[Content_Types].xml", main_part} <= archive[0]

    return matches


def _odf(mimetype: str) -> Callable[[object, bytes], bool]:
    def matches(upload, head: bytes) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        archive = _read_zip(upload)
        return archive is not None and archive[1].strip() == mimetype.encode("ascii")

    return matches


_CONTROL = {byte for byte in range(32) if byte not in (9, 10, 12, 13)}


def _plain_text(upload, head: bytes) -> bool:
    """Text: no control bytes (executables are full of NULs), UTF-8 or Windows-1252."""
    if not head or _CONTROL & set(head):
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        try:
            head.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return True


OOXML = "application/vnd.openxmlformats-officedocument"
KINDS: dict[str, FileKind] = {
    ".pdf": FileKind("PDF", "application/pdf", _starts_with(b"%PDF-")),
    ".docx": FileKind("DOCX", f"{OOXML}.wordprocessingml.document", _ooxml("word/document.xml")),
    ".xlsx": FileKind("XLSX", f"{OOXML}.spreadsheetml.sheet", _ooxml("xl/workbook.xml")),
    ".odt": FileKind(
        "ODT",
        "application/vnd.oasis.opendocument.text",
        _odf("application/vnd.oasis.opendocument.text"),
    ),
    ".ods": FileKind(
        "ODS",
        "application/vnd.oasis.opendocument.spreadsheet",
        _odf("application/vnd.oasis.opendocument.spreadsheet"),
    ),
    ".png": FileKind("PNG", "image/png", _starts_with(b"\x89PNG\r\n\x1a\n")),
    ".jpg": FileKind("JPEG", "image/jpeg", _starts_with(b"\xff\xd8\xff")),
    ".jpeg": FileKind("JPEG", "image/jpeg", _starts_with(b"\xff\xd8\xff")),
    ".txt": FileKind("TXT", "text/plain", _plain_text),
    ".csv": FileKind("CSV", "text/csv", _plain_text),
}
ALLOWED_LABEL = "PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG, TXT, CSV"


def extension(name: str) -> str:
    return os.path.splitext(os.path.basename(name or ""))[1].lower()


def check_upload(upload) -> FileKind:
    """The kind of an uploaded file, or a ValidationError that tells the user what to do."""
    kind = KINDS.get(extension(upload.name))
    if kind is None:
        raise ValidationError(
            _("Files of this type are not accepted. Allowed types: %(types)s.")
            % {"types": ALLOWED_LABEL},
            code="type",
        )
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The file is too large: at most %(max)d MB is allowed.")
            % {"max": MAX_BYTES // (1024 * 1024)},
            code="size",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    try:
        matches = kind.matches(upload, head)
    except Damaged:
        raise ValidationError(
            _(
                "The file is damaged and cannot be opened. Open it and save it again, "
                "or choose another file."
            ),
            code="damaged",
        ) from None
    except UnpacksTooLarge:
        raise ValidationError(
            _("The file unpacks to more than %(max)d MB; it is refused for safety.")
            % {"max": MAX_UNPACKED_BYTES // (1024 * 1024)},
            code="size",
        ) from None
    finally:
        upload.seek(0)
    if not matches:
        raise ValidationError(
            _(
                "The content of the file is not a real %(kind)s file, although its name says so. "
                "Save it again in that format, or choose another file."
            )
            % {"kind": kind.label},
            code="content",
        )
    return kind


def safe_name(name: str) -> str:
    """A file name that is safe on disk and in a download header: ASCII, no path."""
    stem, ext = os.path.splitext(os.path.basename(name or ""))
    return f"{slugify(stem)[:80] or 'bijlage'}{ext.lower()}"
