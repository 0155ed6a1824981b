"""The two renderers of the document model: DOCX read back with python-docx, PDF with pypdf."""

from __future__ import annotations

import io
import re
import time

import docx
import pypdf
from docx.oxml.ns import qn

from planmonitor.evaluation.documents.blocks import Markdown, Paragraph
from planmonitor.evaluation.documents.docx import render_docx
from planmonitor.evaluation.documents.pdf import document_html, render_pdf

from .documents_samples import large_document, sample_document

# --- DOCX ---------------------------------------------------------------------------


def _word(document):
    return docx.Document(io.BytesIO(render_docx(document)))


def test_it_writes_the_title_page_and_the_headings_with_word_styles():
    word = _word(sample_document())
    styled = [(p.style.name, p.text) for p in word.paragraphs]
    assert ("Title", "Tussentijdse <evaluatie> & co") in styled
    assert ("Subtitle", "Actieplan genderrelated geweld") in styled
    assert ("Normal", "Bevat voorbeeldgegevens") in styled
    assert ("Heading 1", "Samenvatting") in styled
    assert ("Heading 2", "Acties per status") in styled
    assert ("Heading 3", "Details") in styled
    assert ("Lead", "Een eerste regel.") in styled
    assert ("Note", "Een toelichting.") in styled
    assert ("List Bullet", "Tweede punt") in styled
    assert ("Caption", "Acties per status") in styled


def test_it_writes_tables_with_a_repeated_header_and_right_aligned_numbers():
    word = _word(sample_document())
    table = word.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Status", "Aantal"]
    assert [c.text for c in table.rows[1].cells] == ["Lopend", "1.234"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    number = table.rows[1].cells[1].paragraphs[0]
    label = table.rows[1].cells[0].paragraphs[0]
    assert number.alignment is not None and number.alignment.name == "RIGHT"
    assert label.alignment is None
    assert table.style.name == "Table Grid"


def test_it_embeds_the_figure_with_its_alternative_text():
    word = _word(sample_document())
    assert len(word.inline_shapes) == 1
    properties = word.inline_shapes[0]._inline.docPr
    assert properties.get("descr") == "Lijn van indicator 1: van 10 naar 25"
    assert "Figuur 1" in [p.text for p in word.paragraphs]


def test_it_has_a_table_of_contents_word_fills_on_opening():
    word = _word(sample_document())
    fields = word.element.body.findall(".//" + qn("w:fldSimple"))
    assert any(f.get(qn("w:instr")).startswith("TOC ") for f in fields)
    update = word.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"
    # the schema's order: updateFields before compat
    names = [child.tag for child in word.settings.element]
    if qn("w:compat") in names:
        assert names.index(qn("w:updateFields")) < names.index(qn("w:compat"))


def test_it_numbers_pages_in_the_footer_but_not_on_the_title_page():
    word = _word(sample_document())
    section = word.sections[0]
    assert section.different_first_page_header_footer
    footer = section.footer._element
    instructions = [f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))]
    assert instructions == ["PAGE"]
    assert "Tussentijdse evaluatie – momentopname 30/06/2027" in section.footer.paragraphs[0].text
    assert not "".join(p.text for p in section.first_page_footer.paragraphs).strip()


def test_it_sets_the_document_language():
    for language, tag in (("nl", "nl-BE"), ("en", "en-GB")):
        word = _word(sample_document(language))
        lang = word.styles.element.find(".//" + qn("w:rPrDefault") + "//" + qn("w:lang"))
        assert lang.get(qn("w:val")) == tag
        assert word.core_properties.language == tag
    english = _word(sample_document("en"))
    assert "Contents" in [p.text for p in english.paragraphs]
    dutch = _word(sample_document("nl"))
    assert "Inhoud" in [p.text for p in dutch.paragraphs]


def test_it_writes_markdown_sanitized_as_runs_lists_and_tables():
    word = _word(sample_document())
    bold = [r.text for p in word.paragraphs for r in p.runs if r.bold]
    italic = [r.text for p in word.paragraphs for r in p.runs if r.italic]
    assert "Vet" in bold and "schuin" in italic
    styled = [(p.style.name, p.text) for p in word.paragraphs]
    assert ("List Bullet", "een") in styled
    text = "\n".join(p.text for p in word.paragraphs)
    assert "javascript" not in text  # the unsafe link target is dropped, its text stays
    assert "klik" in text
    assert "<script>alert('x')</script>" in text  # typed HTML stays text, never markup
    assert [c.text for c in word.tables[1].rows[1].cells] == ["rij", "42"]


def test_it_survives_control_characters_in_text():
    document = sample_document()
    document.add(Paragraph("bel\x07 en \x0bvert"))
    assert "bel en vert" in [p.text for p in _word(document).paragraphs]


def test_it_renders_a_large_document_quickly():
    document = large_document(100)
    assert len(document.blocks) == 600
    started = time.perf_counter()
    content = render_docx(document)
    elapsed = time.perf_counter() - started
    assert len(docx.Document(io.BytesIO(content)).inline_shapes) == 100
    assert elapsed < 5, elapsed  # ~0.4 s on the development machine


# --- PDF ----------------------------------------------------------------------------


def _pages(document) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(document)))
    return [page.extract_text() for page in reader.pages]


def test_the_pdf_has_a_title_page_contents_with_page_numbers_and_the_blocks():
    pages = _pages(sample_document())
    assert "Tussentijdse <evaluatie> & co" in pages[0]
    assert "Bevat voorbeeldgegevens" in pages[0]
    assert "/ " not in pages[0]  # no page number on the title page
    contents = pages[1]
    assert "Inhoud" in contents
    listed = dict(
        re.findall(r"^(Samenvatting|Acties per status|Conclusies)\s*\.*\s*(\d+)$", contents, re.M)
    )
    assert set(listed) == {"Samenvatting", "Acties per status", "Conclusies"}
    assert "Details" not in contents  # level 3 stays out of the contents
    for heading, number in listed.items():
        assert heading in pages[int(number) - 1]
    everything = "\n".join(pages)
    for text in ("Lopend", "1.234", "Acties per status", "Grafiektekst", "Figuur 1", "rij"):
        assert text in everything
    assert "javascript" not in everything


def test_the_pdf_footer_has_the_text_and_the_page_number():
    pages = _pages(sample_document())
    total = len(pages)
    for number, text in enumerate(pages[1:], start=2):
        assert f"{number} / {total}" in text
        assert "Tussentijdse evaluatie – momentopname 30/06/2027" in text


def test_the_pdf_is_tagged_in_the_documents_language_with_figure_alt_text():
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(sample_document("en"))))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"]
    alts = []

    def walk(node):
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if "/Alt" in node:
                alts.append((node.get("/S"), node["/Alt"]))
            if "/K" in node:
                walk(node["/K"])
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(root["/StructTreeRoot"])
    assert ("/Figure", "Lijn van indicator 1: van 10 naar 25") in alts
    assert "Contents" in reader.pages[1].extract_text()


def test_the_pdf_html_escapes_text_and_sanitizes_markdown():
    html = document_html(sample_document())
    assert "Tussentijdse &lt;evaluatie&gt; &amp; co" in html
    assert "<script>" not in html
    assert "javascript:" not in html
    assert "<strong>Vet</strong>" in html
    assert 'alt="Lijn van indicator 1: van 10 naar 25"' in html
    assert '<th scope="col" class="numeric">Aantal</th>' in html


def test_headings_inside_a_written_text_are_no_bookmarks():
    document = sample_document()
    document.add(Markdown("## Een tussentitel\n\nTekst."))
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(document)))
    titles = []

    def collect(items):
        for item in items:
            collect(item) if isinstance(item, list) else titles.append(item.title)

    collect(reader.outline)
    assert "Conclusies" in titles
    assert "Een tussentitel" not in titles
    word = _word(document)
    assert ("Normal", "Een tussentitel") in [(p.style.name, p.text) for p in word.paragraphs]
