"""Markdown written by users, rendered safely for every output (HTML, PDF, DOCX, API).

Markdown is converted, then sanitized with nh3 (an allow-list): no script, no
event handler, no style, no iframe survives, whatever the author typed.

No text can take a page down, however it is written (docs/security.md, "Text written by
users"): cmark-gfm parses in linear time; at most ``MAX_LENGTH`` characters are rendered
(the rest is cut, with a note); elements nested deeper than ``MAX_DEPTH`` are unwrapped
(their text stays) before nh3 and WeasyPrint see them, which both slow down or recurse
on deep trees; and if the parser fails after all, the text is shown as escaped plain text.
"""

import html
import logging
import re

import cmarkgfm
import nh3
from django.utils.formats import number_format
from django.utils.html import format_html, linebreaks
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

# Characters rendered per text: well above any field's maximum length, so only text
# stored before those limits can be cut. Rendering this much costs well under 0.1 s.
MAX_LENGTH = 100_000
# Elements nested in one text: deep enough for a table cell's bold link (4 levels) or a
# list 10 levels deep; far from where WeasyPrint fails (~150) or nh3 slows down.
MAX_DEPTH = 20

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

# cmark writes every tag itself (raw HTML is escaped before it parses) and escapes
# ``>`` in attribute values, so this finds each tag of its output.
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_VOID = {"br", "hr", "img", "input"}


def render_markdown(text: str) -> str:
    """Markdown to sanitized HTML. Raw HTML in the input is escaped, not interpreted."""
    if not text:
        return ""
    shown = _shown_part(text)
    # Lone surrogates (never from a form, maybe from elsewhere) cannot be encoded: replace them.
    shown = shown.encode("utf-8", "replace").decode("utf-8")
    try:
        rendered = _to_html(shown)
    except Exception:
        logger.exception("Markdown could not be rendered; shown as plain text instead")
        rendered = linebreaks(shown, autoescape=True)
    if len(shown) < len(text):
        rendered += format_html(
            '\n<p class="rich-text-cut"><em>{}</em></p>',
            gettext(
                "This text is too long to show in full here: "
                "only its first %(count)s characters are shown."
            )
            % {"count": number_format(MAX_LENGTH, force_grouping=True)},
        )
    return rendered


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown field, for spreadsheets and other plain outputs."""
    return html.unescape(nh3.clean(render_markdown(text), tags=set())).strip()


def _shown_part(text: str) -> str:
    """The text itself, or its first ``MAX_LENGTH`` characters ending at a line break if near."""
    if len(text) <= MAX_LENGTH:
        return text
    cut = text[:MAX_LENGTH]
    line_end = cut.rfind("\n", MAX_LENGTH - 2_000)
    return cut[:line_end] if line_end > 0 else cut


def _to_html(text: str) -> str:
    # No footnotes: each reference repeats in the notes (20,000 references, 5 MB of HTML), and
    # their links never worked once sanitized (nh3 drops the ids they point to).
    converted = cmarkgfm.markdown_to_html_with_extensions(
        text.replace("<", "&lt;"), extensions=["table"]
    )
    return nh3.clean(
        _flattened(converted),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_drop_empty_link,
    )


def _flattened(converted: str) -> str:
    """cmark's HTML with the elements nested deeper than ``MAX_DEPTH`` unwrapped (text kept)."""
    parts = []
    kept = []  # for each open element: was its tag kept?
    depth = position = 0
    for tag in _TAG.finditer(converted):
        parts.append(converted[position : tag.start()])
        position = tag.end()
        closing, name = tag.group(1), tag.group(2).lower()
        if name in _VOID or tag.group().endswith("/>"):
            parts.append(tag.group())
        elif not closing:
            keep = depth < MAX_DEPTH
            kept.append(keep)
            if keep:
                depth += 1
                parts.append(tag.group())
            else:
                parts.append(" ")  # words of unwrapped blocks stay apart
        elif kept and kept.pop():
            depth -= 1
            parts.append(tag.group())
    parts.append(converted[position:])
    return "".join(parts)


def _drop_empty_link(element: str, attribute: str, value: str) -> str | None:
    # cmark empties a link's unsafe target (javascript:, data:); drop it, as nh3 drops the others.
    if element == "a" and attribute == "href" and not value:
        return None
    return value
