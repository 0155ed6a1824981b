"""A ``Document`` (blocks.py) as PDF: our own HTML with paged-media CSS, through WeasyPrint.

The title page has no page number; the table of contents lists the headings of levels 1
and 2 with their real page numbers (CSS ``target-counter``); every other page carries
``document.footer`` and "page n / N". The PDF is tagged (``pdf_tags``: headings, lists,
tables and figures with their alternative text reach screen readers), its language is the
document's, and its bookmarks are the headings.

As for the action sheet (monitoring/sheets/pdf.py), WeasyPrint fetches only our static
files (the print stylesheet) and the figures, which travel inside the HTML as data URLs;
every text is escaped by the template and Markdown is sanitized by ``core.rich_text``.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

import weasyprint
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from weasyprint.urls import URLFetcherResponse

from planmonitor.core.rich_text import render_markdown
from planmonitor.monitoring.sheets.pdf import BASE_URL, StaticFilesOnly

from .blocks import (
    BulletList,
    Document,
    Figure,
    Heading,
    Markdown,
    PageBreak,
    Paragraph,
    Table,
)

TEMPLATE = "evaluation/documents/document_pdf.html"
# Levels in the table of contents.
CONTENTS_LEVELS = 2


class StaticFilesAndFigures(StaticFilesOnly):
    """Our static files, and the figures' own data URLs; nothing else."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        prefix = "data:image/svg+xml;base64,"
        if url.startswith(prefix):
            body = base64.b64decode(url[len(prefix) :])
            return URLFetcherResponse(url, body=body, headers={"Content-Type": "image/svg+xml"})
        return super().fetch(url, headers)


@dataclass(frozen=True)
class _Item:
    """One block as the template shows it."""

    kind: str
    block: object
    anchor: str = ""
    html: str = ""
    # A table's header and rows as (text, is numeric) cells.
    header: tuple[tuple[str, bool], ...] = ()
    rows: tuple[tuple[tuple[str, bool], ...], ...] = ()


def render_pdf(document: Document) -> bytes:
    """The document as the bytes of a tagged PDF."""
    return html_to_pdf(document_html(document))


def html_to_pdf(html: str) -> bytes:
    return weasyprint.HTML(
        string=html, base_url=BASE_URL, url_fetcher=StaticFilesAndFigures()
    ).write_pdf(pdf_tags=True)


def document_html(document: Document) -> str:
    """The HTML WeasyPrint lays out (tests and the benchmark read it too)."""
    items = [_item(number, block) for number, block in enumerate(document.blocks)]
    contents = [
        item
        for item in items
        if item.kind == "heading" and item.block.level <= CONTENTS_LEVELS  # type: ignore[attr-defined]
    ]
    with translation.override(document.language):
        return render_to_string(
            TEMPLATE, {"document": document, "items": items, "contents": contents}
        )


def _item(number: int, block) -> _Item:
    if isinstance(block, Heading):
        return _Item("heading", block, anchor=f"section-{number}")
    if isinstance(block, Paragraph):
        return _Item("paragraph", block)
    if isinstance(block, Markdown):
        # Sanitized by rich_text (an allow-list), hence safe to place as it is.
        return _Item("markdown", block, html=mark_safe(render_markdown(block.source)))  # noqa: S308
    if isinstance(block, BulletList):
        return _Item("list", block)
    if isinstance(block, Table):

        def cells(values):
            return tuple((str(value), index in block.numeric) for index, value in enumerate(values))

        return _Item(
            "table", block, header=cells(block.columns), rows=tuple(map(cells, block.rows))
        )
    if isinstance(block, Figure):
        data = base64.b64encode(block.svg.encode("utf-8")).decode("ascii")
        return _Item("figure", block, html=f"data:image/svg+xml;base64,{data}")
    if isinstance(block, PageBreak):
        return _Item("pagebreak", block)
    raise TypeError(f"no PDF for {type(block).__name__}")  # pragma: no cover
