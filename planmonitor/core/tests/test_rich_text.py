"""Markdown written by users: rendered safely, in bounded time and depth, never failing."""

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from planmonitor.core import rich_text
from planmonitor.core.rich_text import MAX_DEPTH, MAX_LENGTH, markdown_to_text, render_markdown
from planmonitor.tests.html import parse_html as soup

from .markdown_inputs import NESTED_LIST, PATHOLOGICAL, deadline, nesting_depth

# --- what users write keeps rendering as before ------------------------------------------------


def test_it_renders_the_markdown_people_write():
    html = render_markdown(
        "## Aanpak\n\n"
        'Een zin met *nadruk*, **vet**, `code` en een [link](https://example.org "titel").\n\n'
        "- opleiding\n- pilootsessies\n    - Gent\n\n"
        "1. eerst\n2. dan\n\n"
        "> geciteerd\n\n"
        "| Jaar | Sessies |\n|---|---:|\n| 2026 | 12 |\n\n"
        "```\nfenced <code>\n```\n\n"
        "---\n"
    )
    page = soup(html)
    assert page.h2.get_text() == "Aanpak"
    assert page.em.get_text() == "nadruk" and page.strong.get_text() == "vet"
    link = page.a
    assert link["href"] == "https://example.org" and link["title"] == "titel"
    assert link["rel"] == ["noopener", "noreferrer", "nofollow"]
    assert [li.get_text(strip=True) for li in page.select("ul > li > ul > li")] == ["Gent"]
    assert [li.get_text() for li in page.select("ol > li")] == ["eerst", "dan"]
    assert page.blockquote.get_text(strip=True) == "geciteerd"
    assert [td.get_text() for td in page.select("table tbody td")] == ["2026", "12"]
    assert page.select_one("pre code").get_text().startswith("fenced ")
    assert page.hr is not None


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script>",
        '<img src="x" onerror="alert(1)">',
        "[klik](javascript:alert(1))",
        '<a href="javascript:alert(2)">hier</a>',
        "<iframe src=//evil.example></iframe>",
        '<p style="color:red" onclick="alert(3)">x</p>',
        "![beeld](https://tracker.example/p.png)",
        '[x](https://example.org "t" onmouseover=alert(4))',
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_it_lets_no_script_or_html_through(text):
    page = soup(render_markdown(text))
    assert page.find(["script", "img", "iframe", "style"]) is None
    for element in page.find_all(True):
        assert not any(name.startswith("on") or name == "style" for name in element.attrs)
        href = element.get("href")
        assert href is None or href.startswith(("http:", "https:", "mailto:")), element


def test_raw_html_stays_readable_as_text():
    page = soup(render_markdown("Aanpak <script>alert('x')</script> en [klik](javascript:x)"))
    assert page.get_text().strip() == "Aanpak <script>alert('x')</script> en klik"
    assert page.a.get("href") is None  # the dangerous target is dropped, the words stay


def test_markdown_to_text_gives_plain_unescaped_text():
    assert markdown_to_text("**Vet** & *schuin* <b>\n\n- een") == "Vet & schuin <b>\n\neen"
    assert markdown_to_text("") == ""


# --- no text can take a page down -------------------------------------------------------------


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_it_renders_pathological_markdown_quickly_and_shallow(text):
    with deadline(2):  # generous: the worst takes 0.2 s on one busy core
        html = render_markdown(text)
    assert isinstance(html, str) and html
    assert nesting_depth(html) <= MAX_DEPTH
    assert isinstance(markdown_to_text(text), str)


def test_text_nested_too_deep_is_flattened_not_lost():
    html = render_markdown(NESTED_LIST)
    assert nesting_depth(html) <= MAX_DEPTH
    assert soup(html).get_text().split() == ["x"] * 300


def test_it_cuts_text_beyond_the_maximum_with_a_visible_note():
    text = "begin " + "woord " * (MAX_LENGTH // 6) + "EINDE"
    with translation.override("nl"):
        html = render_markdown(text)
        plain = markdown_to_text(text)
    assert "begin" in html and "EINDE" not in html
    note = soup(html).select("p")[-1]
    assert note["class"] == ["rich-text-cut"]
    assert note.get_text() == (
        "Deze tekst is te lang om hier volledig te tonen: "
        "alleen de eerste 100.000 tekens staan hier."
    )
    assert "te lang" in plain


def test_text_up_to_the_maximum_is_shown_whole():
    text = ("woord " * MAX_LENGTH)[: MAX_LENGTH - 5] + "EINDE"
    html = render_markdown(text)
    assert "EINDE" in html and "rich-text-cut" not in html


def test_a_failing_parser_falls_back_to_escaped_plain_text(monkeypatch):
    def explode(text):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(rich_text, "_to_html", explode)
    html = render_markdown("Eerste *regel* <script>x</script>\ntweede\n\nderde")
    assert html == (
        "<p>Eerste *regel* &lt;script&gt;x&lt;/script&gt;<br>tweede</p>\n\n<p>derde</p>"
    )


# --- for any text at all -----------------------------------------------------------------------

MARKDOWNISH = st.text(alphabet=st.sampled_from(list("[]()!*_`~<>&#;-+=|:^\\/ \t\n1.ax\x00é")))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), MARKDOWNISH))
def test_any_text_renders_to_a_string_and_never_raises(text):
    html = render_markdown(text)
    assert isinstance(html, str)
    assert nesting_depth(html) <= MAX_DEPTH
    assert isinstance(markdown_to_text(text), str)
