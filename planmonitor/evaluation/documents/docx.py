"""A ``Document`` (blocks.py) as DOCX, with python-docx, in the house style of the
meeting documents (network/meetings/docx.py): Word's own styles, nothing fancy, so an
administration can go on editing it.

The title page has no footer; a table-of-contents field on the next page, which Word fills in
when the file is opened (``updateFields`` in the settings: Word asks once). Every other
page has ``document.footer`` on the left and the page number (a PAGE field) on the right.

Speed (a report has ~600 blocks): python-docx looks a style up by name in the whole
styles part for every paragraph, walks the whole grid for every table cell and searches
the whole document for a free id for every picture, which together took seconds. So
styles are resolved once (``_Styles``), table rows are written as XML directly and
pictures get their ids from a counter. Markdown is converted and
sanitized by ``core.rich_text`` first; only the safe HTML it leaves is turned into
paragraphs, lists and tables here, so nothing a person typed reaches Word unchecked.
"""

from __future__ import annotations

import io
import itertools
from html.parser import HTMLParser

import docx
from django.utils import translation
from django.utils.translation import gettext as _
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.shared import Cm, Pt

from planmonitor.core.rich_text import render_markdown

from . import blocks
from .blocks import Document

# Word's language tags for the document's language.
LANGUAGE_TAGS = {"nl": "nl-BE", "en": "en-GB"}
# A4 with 2.5 cm margins leaves 16 cm; figures take the whole width.
FIGURE_WIDTH = Cm(16)
TABLE_WIDTH_TWIPS = 9070  # 16 cm in twentieths of a point


def render_docx(document: Document) -> bytes:
    """The document as the bytes of a .docx file."""
    with translation.override(document.language):
        word = _Word(docx.Document())
        _set_up(word.document, document)
        _title_page(word, document)
        _table_of_contents(word)
        _footer(word.document.sections[0], document.footer)
        for block in document.blocks:
            _write(word, block)
        buffer = io.BytesIO()
        word.document.save(buffer)
        return buffer.getvalue()


class _Word:
    """The python-docx document, with its style ids resolved once and a picture counter."""

    def __init__(self, document) -> None:
        self.document = document
        self.style_ids: dict[str, str] = {}
        self.picture_ids = itertools.count(1000)

    def add_paragraph(self, text: str = "", style: str | None = None):
        paragraph = self.document.add_paragraph()
        if style:
            if style not in self.style_ids:
                self.style_ids[style] = self.document.styles[style].style_id
            paragraph._p.style = self.style_ids[style]
        if text:
            paragraph.add_run(_xml_safe(text))
        return paragraph

    def add_picture(self, png: bytes, width):
        part = self.document.part
        relationship_id, image = part.get_or_add_image(io.BytesIO(png))
        cx, cy = image.scaled_dimensions(width, None)
        inline = CT_Inline.new_pic_inline(
            next(self.picture_ids), relationship_id, image.filename, cx, cy
        )
        paragraph = self.add_paragraph()
        paragraph.add_run()._r.add_drawing(inline)
        return paragraph, inline


# --- The document's settings, styles, title page, contents and footer ---------------


def _set_up(word, document: Document) -> None:
    """Properties, the language, field updating, our two paragraph styles, A4."""
    tag = LANGUAGE_TAGS.get(document.language, document.language)
    properties = word.core_properties
    properties.title = document.title
    properties.subject = document.subtitle
    properties.language = tag
    properties.author = "planmonitor"
    # The language of every run, unless a run says otherwise: Word's spelling checker
    # and hyphenation follow it.
    run_defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    run_properties = run_defaults.find(qn("w:rPr"))
    for old in run_properties.findall(qn("w:lang")):
        run_properties.remove(old)
    lang = OxmlElement("w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), tag)
    run_properties.append(lang)
    # Fields (the table of contents, page numbers) are updated when Word opens the file.
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    _insert_setting(word.settings.element, update)
    styles = word.styles
    note = styles.add_style("Note", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = styles["Normal"]
    note.font.size = Pt(9)
    note.font.italic = True
    lead = styles.add_style("Lead", WD_STYLE_TYPE.PARAGRAPH)
    lead.base_style = styles["Normal"]
    lead.font.size = Pt(13)
    section = word.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))


# The settings that come after ``w:updateFields`` in the schema's sequence (Word refuses a
# settings part whose elements are out of order).
_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)


def _insert_setting(settings, element) -> None:
    later = {qn(name) for name in _AFTER_UPDATE_FIELDS}
    for child in settings:
        if child.tag in later:
            child.addprevious(element)
            return
    settings.append(element)


def _title_page(word, document: Document) -> None:
    word.add_paragraph(document.title, style="Title")
    if document.subtitle:
        word.add_paragraph(document.subtitle, style="Subtitle")
    for line in document.title_lines:
        word.add_paragraph(line)
    _page_break(word)


def _table_of_contents(word) -> None:
    word.add_paragraph(_("Contents"), style="TOC Heading")
    paragraph = word.add_paragraph()
    field = OxmlElement("w:fldSimple")
    # Levels 1 and 2, as hyperlinks, with page numbers; \u takes outline levels too.
    field.set(qn("w:instr"), r'TOC \o "1-2" \h \z \u')
    field.set(qn("w:dirty"), "true")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = _("The table of contents is filled in when the document is opened in Word.")
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _footer(section, text: str) -> None:
    # The title page (the section's first page) keeps its own, empty footer.
    section.different_first_page_header_footer = True
    paragraph = section.footer.paragraphs[0]
    paragraph.text = ""
    stops = paragraph.paragraph_format.tab_stops
    stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT)
    if text:
        paragraph.add_run(text)
    paragraph.add_run("\t")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    number = OxmlElement("w:t")
    number.text = "1"
    run.append(number)
    field.append(run)
    paragraph._p.append(field)


# --- Blocks -------------------------------------------------------------------------


def _write(word, block) -> None:
    if isinstance(block, blocks.Heading):
        word.add_paragraph(block.text, style=f"Heading {min(max(block.level, 1), 3)}")
    elif isinstance(block, blocks.Paragraph):
        style = {"note": "Note", "lead": "Lead"}.get(block.style)
        word.add_paragraph(block.text, style=style)
    elif isinstance(block, blocks.Markdown):
        _markdown(word, block.source)
    elif isinstance(block, blocks.BulletList):
        for item in block.items:
            word.add_paragraph(item, style="List Bullet")
    elif isinstance(block, blocks.Table):
        _table(word, block)
    elif isinstance(block, blocks.Figure):
        _figure(word, block)
    elif isinstance(block, blocks.PageBreak):
        _page_break(word)
    else:  # pragma: no cover - a new block type needs a renderer
        raise TypeError(f"no DOCX for {type(block).__name__}")


def _page_break(word) -> None:
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _caption(word, text: str) -> None:
    if text:
        word.add_paragraph(text, style="Caption")


def _table(word, table: blocks.Table) -> None:
    _caption(word, table.caption)
    columns = max(len(table.columns), max((len(row) for row in table.rows), default=0), 1)
    grid = word.document.add_table(rows=0, cols=columns)
    tbl = grid._tbl
    tbl.tblStyle_val = word.style_ids.setdefault(
        "Table Grid", word.document.styles["Table Grid"].style_id
    )
    width = TABLE_WIDTH_TWIPS // columns
    header = _row(table.columns, columns, width, table.numeric, header=True)
    tbl.append(header)
    for row in table.rows:
        tbl.append(_row(row, columns, width, table.numeric, header=False))
    word.add_paragraph()  # Word joins two tables that touch


def _row(values, columns: int, width: int, numeric: frozenset[int], *, header: bool):
    tr = OxmlElement("w:tr")
    properties = OxmlElement("w:trPr")
    if header:
        # Repeated at the top of every page the table runs onto.
        properties.append(OxmlElement("w:tblHeader"))
    properties.append(OxmlElement("w:cantSplit"))
    tr.append(properties)
    for index in range(columns):
        value = values[index] if index < len(values) else ""
        tc = OxmlElement("w:tc")
        cell_properties = OxmlElement("w:tcPr")
        cell_width = OxmlElement("w:tcW")
        cell_width.set(qn("w:w"), str(width))
        cell_width.set(qn("w:type"), "dxa")
        cell_properties.append(cell_width)
        tc.append(cell_properties)
        tc.append(_cell_paragraph(str(value), right=index in numeric, bold=header))
        tr.append(tc)
    return tr


def _cell_paragraph(text: str, *, right: bool, bold: bool):
    p = OxmlElement("w:p")
    if right:
        paragraph_properties = OxmlElement("w:pPr")
        justification = OxmlElement("w:jc")
        justification.set(qn("w:val"), "right")
        paragraph_properties.append(justification)
        p.append(paragraph_properties)
    run = OxmlElement("w:r")
    if bold:
        run_properties = OxmlElement("w:rPr")
        run_properties.append(OxmlElement("w:b"))
        run.append(run_properties)
    t = OxmlElement("w:t")
    t.text = _xml_safe(text)
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    p.append(run)
    return p


def _figure(word, figure: blocks.Figure) -> None:
    paragraph, inline = word.add_picture(figure.png, FIGURE_WIDTH)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # The alternative text screen readers read (Word: "Alt Text").
    inline.docPr.set("descr", _xml_safe(figure.alt))
    inline.docPr.set("title", _xml_safe(figure.caption or figure.alt))
    _caption(word, figure.caption)


def _xml_safe(text: str) -> str:
    """Text without the control characters XML cannot hold (lxml refuses them)."""
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 32)


# --- Markdown: the sanitized HTML of core.rich_text as Word paragraphs ----------------


def _markdown(word, source: str) -> None:
    converter = _HtmlToWord(word)
    converter.feed(render_markdown(source))
    converter.close()


class _HtmlToWord(HTMLParser):
    """Turns the few tags ``rich_text`` allows into paragraphs, runs, lists and tables.

    Headings inside a text become bold paragraphs, not Word headings: a coordinator's
    "## Conclusion" must not enter the document's table of contents at a random level.
    """

    def __init__(self, word) -> None:
        super().__init__(convert_charrefs=True)
        self.word = word
        self.paragraph = None
        self.bold = self.italic = self.code = 0
        self.lists: list[str] = []  # "ul" / "ol" for each open list
        self.quote = 0
        self.link: str | None = None
        self.table_rows: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.header_cells = 0

    def _open(self, style: str | None = None) -> None:
        if self.quote and style is None:
            style = "Quote"
        self.paragraph = self.word.add_paragraph(style=style)

    def handle_starttag(self, tag: str, attrs) -> None:
        if self.table_rows is not None:
            if tag == "tr":
                self.table_rows.append([])
            elif tag in ("td", "th"):
                self.cell = []
                if tag == "th" and len(self.table_rows) == 1:
                    self.header_cells += 1
            return
        if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "pre"):
            if not (self.lists and self.paragraph is not None):
                self._open()
            if tag.startswith("h"):
                self.bold += 1
            if tag == "pre":
                self.code += 1
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
            self.paragraph = None
        elif tag == "li":
            kind = self.lists[-1] if self.lists else "ul"
            base = "List Bullet" if kind == "ul" else "List Number"
            depth = min(len(self.lists), 3)
            self._open(base if depth == 1 else f"{base} {depth}")
        elif tag == "blockquote":
            self.quote += 1
        elif tag == "strong":
            self.bold += 1
        elif tag == "em":
            self.italic += 1
        elif tag == "code":
            self.code += 1
        elif tag == "a":
            self.link = dict(attrs).get("href")
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()
        elif tag == "table":
            self.table_rows = []
            self.header_cells = 0

    def handle_endtag(self, tag: str) -> None:
        if self.table_rows is not None:
            if tag in ("td", "th") and self.cell is not None and self.table_rows:
                self.table_rows[-1].append("".join(self.cell).strip())
                self.cell = None
            elif tag == "table":
                rows, self.table_rows = self.table_rows, None
                if rows:
                    header = tuple(rows[0]) if self.header_cells else ()
                    body = rows[1:] if self.header_cells else rows
                    _table(self.word, blocks.Table(columns=header, rows=tuple(map(tuple, body))))
            return
        if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "pre"):
            if tag.startswith("h"):
                self.bold -= 1
            if tag == "pre":
                self.code -= 1
            if not self.lists:
                self.paragraph = None
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.paragraph = None
        elif tag == "li":
            self.paragraph = None
        elif tag == "blockquote":
            self.quote -= 1
        elif tag == "strong":
            self.bold -= 1
        elif tag == "em":
            self.italic -= 1
        elif tag == "code":
            self.code -= 1
        elif tag == "a":
            self.link = None

    def handle_data(self, data: str) -> None:
        if self.table_rows is not None:
            if self.cell is not None:
                self.cell.append(data)
            return
        if not data.strip() and self.paragraph is None:
            return  # the line breaks between block tags
        if self.paragraph is None:
            self._open()
        paragraph = self.paragraph
        assert paragraph is not None  # _open made it
        run = paragraph.add_run(_xml_safe(data))
        run.bold = bool(self.bold) or None
        run.italic = bool(self.italic) or None
        if self.code:
            run.font.name = "Courier New"
        if self.link and self.link.strip() != data.strip():
            # Word shows the target after the text: a printed link still says where it goes.
            paragraph.add_run(_xml_safe(f" ({self.link})"))
            self.link = None
