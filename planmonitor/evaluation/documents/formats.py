"""The two formats every evaluation document is written in, for commands and downloads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .blocks import Document
from .docx import render_docx
from .pdf import render_pdf


@dataclass(frozen=True)
class Format:
    render: Callable[[Document], bytes]
    content_type: str


FORMATS = {
    "docx": Format(
        render_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    "pdf": Format(render_pdf, "application/pdf"),
}


def document_language(language: str | None) -> str:
    """A document is Dutch or English: the active language's, Dutch for any other."""
    code = (language or "nl").split("-")[0].lower()
    return code if code in ("nl", "en") else "nl"
