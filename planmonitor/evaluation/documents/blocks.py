"""A small document model: what the evaluation reports and the plan document are made of.

The reports (interim, final) and the plan document for Parliament are built as a
``Document``: a title page and a list of blocks. One renderer writes it as DOCX
(``documents/docx.py``: python-docx, a table-of-contents field Word fills on opening,
page numbers in the footer) and one as PDF (``documents/pdf.py``: WeasyPrint, a real
table of contents with page numbers, tagged PDF). Builders never write DOCX or HTML
themselves, so the two formats always say the same thing.

All text is plain text (escaped by the renderers), except ``Markdown`` (the sections
the coordinator writes), which the renderers sanitize as every rich text is.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    """A section title; levels 1 and 2 appear in the table of contents."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """Plain text; ``note`` is smaller, for explanations under a table or a figure."""

    text: str
    style: str = "normal"  # "normal" | "note" | "lead" (a larger opening line)


@dataclass(frozen=True)
class Markdown:
    """Text a person wrote in the product (Markdown, sanitized on output)."""

    source: str


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A data table: ``numeric`` columns (by index) are right-aligned."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    numeric: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Figure:
    """A chart: the same SVG as on screen (PDF), its PNG rendering (DOCX), and its
    alternative text; a data table with the same figures always goes beside it."""

    svg: str
    png: bytes
    alt: str
    caption: str = ""


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Markdown | BulletList | Table | Figure | PageBreak


@dataclass
class Document:
    """A whole document. ``language`` is "nl" or "en"; ``title_lines`` are printed under
    the title on the title page (date, status, version, "example data" warnings)."""

    title: str
    subtitle: str = ""
    title_lines: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    language: str = "nl"
    # The footer's left part, e.g. "Tussentijdse evaluatie – momentopname 30/06/2027".
    footer: str = ""

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def headings(self, max_level: int = 2) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading) and b.level <= max_level]
