"""The evidence file check: extension, content (magic bytes / zip directory) and size."""

import pytest
from django.core.exceptions import ValidationError

from planmonitor.monitoring import uploads

from .reports_helpers import (
    EXE_BYTES,
    MINIMAL_PDF,
    PNG_BYTES,
    docx_bytes,
    odf_bytes,
    upload,
    xlsx_bytes,
    zip_bytes,
)

JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\xff\xd9"


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("verslag.pdf", MINIMAL_PDF, "application/pdf"),
        ("nota.docx", docx_bytes(), uploads.KINDS[".docx"].content_type),
        ("cijfers.xlsx", xlsx_bytes(), uploads.KINDS[".xlsx"].content_type),
        ("nota.odt", odf_bytes("text"), "application/vnd.oasis.opendocument.text"),
        ("cijfers.ods", odf_bytes("spreadsheet"), "application/vnd.oasis.opendocument.spreadsheet"),
        ("foto.png", PNG_BYTES, "image/png"),
        ("foto.jpg", JPEG_BYTES, "image/jpeg"),
        ("FOTO.JPEG", JPEG_BYTES, "image/jpeg"),
        ("lijst.csv", b"gemeente;aantal\nGent;12,5\n", "text/csv"),
        ("lijst.csv", "Liège;3\n".encode("cp1252"), "text/csv"),
        ("notities.txt", b"Opleiding gestart.\r\n", "text/plain"),
    ],
)
def test_it_accepts_real_files_of_the_allowed_types(name, content, content_type):
    assert uploads.check_upload(upload(name, content)).content_type == content_type


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("verslag.pdf", EXE_BYTES),
        ("verslag.pdf", b"<html><script>alert(1)</script></html>"),
        ("foto.png", MINIMAL_PDF),
        ("foto.jpg", PNG_BYTES),
        ("nota.docx", MINIMAL_PDF),
        ("nota.docx", xlsx_bytes()),  # a zip, but not a Word document
        ("cijfers.xlsx", zip_bytes({"payload.exe": EXE_BYTES})),
        ("nota.odt", odf_bytes("spreadsheet")),  # the wrong ODF kind
        ("nota.odt", b"PK\x03\x04 not really a zip"),
        ("lijst.csv", EXE_BYTES),
        ("notities.txt", b"tekst\x00met NUL"),
    ],
)
def test_it_refuses_content_that_is_not_what_the_name_says(name, content):
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(upload(name, content))
    assert refused.value.code == "content"


@pytest.mark.parametrize("name", ["setup.exe", "verslag.pdf.exe", "index.html", "image.svg", "x"])
def test_it_refuses_other_extensions(name):
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(upload(name, MINIMAL_PDF))
    assert refused.value.code == "type"


def test_it_refuses_a_file_above_the_limit_before_reading_it(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 100)
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(upload("groot.pdf", MINIMAL_PDF))
    assert refused.value.code == "size"


def test_it_refuses_an_empty_file():
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(upload("leeg.txt", b""))
    assert refused.value.code == "empty"


def test_the_file_is_read_from_the_start_after_the_check():
    checked = upload("verslag.pdf", MINIMAL_PDF)
    uploads.check_upload(checked)
    assert checked.read(5) == b"%PDF-"


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("Verslag été 2026.PDF", "verslag-ete-2026.pdf"),
        ("<script>.pdf", "script.pdf"),
        ("¿¿.pdf", "bijlage.pdf"),
        ("C:\\Users\\x\\nota.docx", "cusersxnota.docx"),
    ],
)
def test_stored_names_are_safe(name, safe):
    assert uploads.safe_name(name) == safe
