"""A snapshot's report as a file: build the Document, hand it to the documents part's
renderer (DOCX or PDF)."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.text import slugify

from .models import Snapshot
from .report import build_report

FORMATS = ("docx", "pdf")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def render(
    snapshot: Snapshot,
    *,
    kind: str,
    format: str,
    language: str = "nl",
    progress: Callable[[int], None] = lambda percent: None,
) -> bytes:
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}")
    progress(10)
    document = build_report(snapshot, kind, language)
    progress(50)
    if format == "docx":
        from planmonitor.evaluation.documents.docx import render_docx

        data = render_docx(document)
    else:
        from planmonitor.evaluation.documents.pdf import render_pdf

        data = render_pdf(document)
    progress(95)
    return data


def filename(snapshot: Snapshot, *, kind: str, format: str) -> str:
    word = "tussentijdse-evaluatie" if kind == "interim" else "eindevaluatie"
    return f"{word}-{slugify(snapshot.name) or snapshot.pk}-{snapshot.as_of:%Y-%m-%d}.{format}"
