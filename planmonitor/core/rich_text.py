"""Markdown written by users, rendered safely for every output (HTML, PDF, DOCX, API).

Markdown is converted, then sanitized with nh3 (an allow-list): no script, no
event handler, no style, no iframe survives, whatever the author typed.
"""

import markdown
import nh3

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


def render_markdown(text: str) -> str:
    """Markdown to sanitized HTML. Raw HTML in the input is escaped, not interpreted."""
    if not text:
        return ""
    html = markdown.markdown(
        text.replace("<", "&lt;"), extensions=["extra", "sane_lists"], output_format="html"
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown field, for spreadsheets and other plain outputs."""
    return nh3.clean(render_markdown(text), tags=set()).strip()
