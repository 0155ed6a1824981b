"""The evidence file check: extension, content (magic bytes / zip directory) and size."""

import random

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from planmonitor.monitoring.reports import uploads
from planmonitor.tests import damaged_zips as damage

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


# Deflated, as Word and LibreOffice write them (the helpers above store their entries).
ODT = damage.rezip(
    {
        "mimetype": b"application/vnd.oasis.opendocument.text",
        "content.xml": b"<office:document-content>" + b"<text:p>Verslag</text:p>" * 50,
    }
)
DOCX = damage.rezip(
    {
        "[Content_Types].xml": b"<Types/>",
        "word/document.xml": b"<w:document>" + b"<w:p>Verslag</w:p>" * 50 + b"</w:document>",
    }
)
XLSX = damage.rezip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
DOCUMENTS = {
    "odt": ("nota.odt", ODT, "content.xml"),
    "docx": ("nota.docx", DOCX, "word/document.xml"),
    "xlsx": ("cijfers.xlsx", XLSX, "xl/workbook.xml"),
}
DAMAGES = {
    "corrupt deflate stream": damage.corrupt_deflate,
    "compression method 99": lambda data, member: damage.set_method(data, member, 99),
    "wrong CRC": damage.wrong_crc,
    "name flagged UTF-8 that is not": damage.bad_utf8_name,
}
DAMAGED = {
    f"{kind}, {what}": (name, hurt(data, member))
    for kind, (name, data, member) in DOCUMENTS.items()
    for what, hurt in DAMAGES.items()
}
# The one that answered 500: ODF's mimetype entry is the one the check reads itself.
DAMAGED["odt, corrupt deflate stream in mimetype"] = (
    "nota.odt",
    damage.corrupt_deflate(ODT, "mimetype"),
)


def test_the_deflated_documents_behind_the_damaged_ones_are_accepted():
    assert uploads.check_upload(upload("nota.odt", ODT)).label == "ODT"
    assert uploads.check_upload(upload("nota.docx", DOCX)).label == "DOCX"


@pytest.mark.parametrize(("name", "content"), DAMAGED.values(), ids=DAMAGED.keys())
def test_it_refuses_a_damaged_document_as_damaged(name, content):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        uploads.check_upload(upload(name, content))
    assert refused.value.code == "damaged"
    assert "damaged" in refused.value.messages[0]


def test_the_damaged_message_is_dutch_by_default():
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        uploads.check_upload(upload(*DAMAGED["odt, corrupt deflate stream in mimetype"]))
    assert refused.value.messages[0].startswith("Het bestand is beschadigd")


def test_mutated_documents_are_accepted_or_refused_never_crash():
    rng = random.Random(20261201)
    outcomes = set()
    for name, original in (("nota.odt", ODT), ("nota.docx", DOCX)) * 100:
        content = damage.mutate_bytes(original, rng) or b"PK"
        try:
            uploads.check_upload(upload(name, content))
            outcomes.add("accepted")
        except ValidationError as refused:
            outcomes.add(refused.code)
    assert {"accepted", "damaged", "content"} <= outcomes, outcomes


def test_it_refuses_a_zip_that_unpacks_beyond_the_limit(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UNPACKED_BYTES", 500)
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(upload("nota.docx", DOCX))
    assert refused.value.code == "size"


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
