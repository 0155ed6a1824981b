"""Template filters of the action sheet pages: euros the Belgian way, snapshot values."""

from django import template

from planmonitor.core import formatting

from . import compare

register = template.Library()


@register.filter
def euro(value) -> str:
    """``1234.5`` → ``€ 1.234,50``, whatever the interface language: amounts are Belgian."""
    return formatting.euro(value) or formatting.EMPTY


@register.filter
def snapshot_value(value, name: str) -> str:
    """A value of an approved version's snapshot, shown like the live sheet shows it."""
    return compare.display(name, value) or "—"
