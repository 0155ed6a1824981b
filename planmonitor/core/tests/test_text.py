"""Plain text as people read it (core/text.py): line endings, comparing, in-field diffs."""

import ast
import time
from pathlib import Path

from django import forms
from django.template.loader import render_to_string
from django.utils import translation

from planmonitor.core import locking, text
from planmonitor.core.forms import Textarea
from planmonitor.tests.html import parse_html

PACKAGE = Path(__file__).resolve().parents[2]


def test_it_turns_crlf_and_lone_cr_into_lf():
    assert text.normalise_newlines("a\r\nb\rc\nd\r\n\r\ne") == "a\nb\nc\nd\n\ne"
    assert text.normalise_newlines("") == ""
    assert text.normalise_value(None) is None
    assert text.normalise_value(3) == 3


def test_texts_compare_as_a_reader_reads_them():
    assert text.same("Eerste lijn\r\nTweede lijn", "Eerste lijn\nTweede lijn")
    assert text.same("Aanpak\r\n", "Aanpak")  # a form strips what the reader cannot see
    assert text.same("", None)
    assert not text.same("Aanpak", "Aanpak.")
    assert not text.same("a\nb", "a b")  # a line break the reader sees is a change
    assert not text.same(0, None)


def test_the_textarea_stores_lf_line_endings():
    class Form(forms.Form):
        body = forms.CharField(widget=Textarea, max_length=5)

    form = Form({"body": "a\r\nb\rc"})
    assert form.is_valid(), form.errors  # 5 characters once normalised, not 7
    assert form.cleaned_data["body"] == "a\nb\nc"
    assert not Form({"body": "a\r\nb"}, initial={"body": "a\nb"}).has_changed()


def test_every_form_uses_the_textarea_that_normalises():
    """A form with django's own Textarea would store CRLF again."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if {"tests", "migrations"} & set(path.parts) or path == PACKAGE / "core" / "forms.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr == "Textarea":
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []


def test_the_services_store_lf_line_endings():
    class Row:
        version = 1
        body = ""

        def full_clean(self):
            pass

        def save(self):
            pass

    row = Row()
    locking.apply_changes(row, {"body": "a\r\nb", "version_note": 2})
    assert row.body == "a\nb"


def _long(words: int, start: int = 0) -> str:
    return " ".join(f"woord{n}" for n in range(start, start + words))


def test_a_short_or_one_sided_change_has_no_in_field_diff():
    assert text.text_diff("Titel", "Andere titel") is None
    assert text.text_diff("", _long(40)) is None
    assert text.text_diff(_long(40), None) is None
    assert text.text_diff("a\r\nb" * 40, "a\nb" * 40) is None


def test_the_diff_marks_the_changed_words_with_a_little_context():
    before = _long(100)
    after = before.replace("woord50", "nieuw50 extra")
    diff = text.text_diff(before, after)
    assert diff is not None
    [passage] = diff.inline
    assert passage.cut_before and passage.cut_after
    kinds = [(part.kind, part.text.strip()) for part in passage.parts]
    assert ("removed", "woord50") in kinds
    assert ("added", "nieuw50 extra") in kinds
    context = "".join(part.text for part in passage.parts if part.kind == "same").split()
    assert len(context) == 2 * text.CONTEXT_WORDS  # not the whole text twice
    assert [p.kind for p in diff.before[0].parts] == ["same", "removed", "same"]
    assert [p.kind for p in diff.after[0].parts] == ["same", "added", "same"]


def test_changes_far_apart_are_separate_passages_and_the_ends_are_kept():
    before = _long(60)
    after = before.replace("woord0 ", "eerst ").replace("woord59", "laatst")
    diff = text.text_diff(before, after)
    first, last = diff.inline
    assert not first.cut_before and first.cut_after
    assert last.cut_before and not last.cut_after


def test_a_paragraph_added_after_a_sentence_leaves_the_sentence_alone():
    before = "Beperkte capaciteit bij de partners; we plannen de piekmomenten samen."
    diff = text.text_diff(before, before + "\r\n\r\nNieuwe stap: de evaluatie.")
    assert [p.kind for p in diff.inline[0].parts] == ["same", "added"]
    assert diff.inline[0].parts[1].text == "Nieuwe stap: de evaluatie."
    assert before.endswith(diff.before[0].parts[0].text)  # as the old text has it
    assert diff.before[0].cut_before  # eight words of context, not the whole sentence


def test_only_white_space_changed_has_no_in_field_diff():
    assert (
        text.text_diff("Een lange zin " * 10, ("Een lange zin " * 10).replace(" ", "\n", 1)) is None
    )


def test_line_breaks_survive_the_diff():
    before = "Eerste alinea over opleidingen.\n\nTweede alinea over sessies in het voorjaar."
    after = before.replace("voorjaar", "najaar")
    diff = text.text_diff(before, after.replace("\n", "\r\n"))
    joined = "".join(part.text for part in diff.after[0].parts)
    assert "\n\n" in joined and "\r" not in joined


def test_a_long_text_diffs_fast():
    # ~3,000 words of few distinct ones, as prose repeats "de", "het", "van".
    words = ["de", "het", "van", "een", "en", "in", "op", "te", "voor", "met", "aan", "door"]
    before = "\n".join(
        " ".join(words[(n * 7 + k) % len(words)] for k in range(15)) + f" zin{n}."
        for n in range(200)
    )
    after = before.replace("zin20.", "andere zin.").replace("zin190.", "ook anders.")
    started = time.perf_counter()
    diff = text.text_diff(before, after)
    assert time.perf_counter() - started < 2
    assert len(diff.inline) == 2


def test_the_diff_is_rendered_escaped_and_labelled_for_screen_readers():
    before = "<script>alert(1)</script> " + _long(20)
    after = "<script>alert(2)</script> " + _long(20)
    diff = text.text_diff(before, after)
    with translation.override("en"):
        html = render_to_string("core/_text_diff.html", {"passages": diff.inline})
    assert "<script>" not in html
    page = parse_html(html)
    assert page.select_one("del").get_text(" ", strip=True).startswith("removed:")
    assert page.select_one("ins").get_text(" ", strip=True).startswith("added:")
    assert page.select_one("del .visually-hidden").get_text(strip=True) == "removed:"
    assert "alert(1)" in page.select_one("del").get_text()
    assert "alert(2)" in page.select_one("ins").get_text()
