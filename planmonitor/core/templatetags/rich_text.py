from django import template
from django.utils.safestring import mark_safe

from planmonitor.core.rich_text import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    # Safe to mark: render_markdown sanitizes with an allow-list (nh3).
    return mark_safe(render_markdown(text or ""))  # noqa: S308
