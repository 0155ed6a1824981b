"""Template filters of the progress report pages."""

from django import template

from planmonitor.core import formatting

register = template.Library()


@register.filter
def report_number(value) -> str:
    """An indicator value as people write it: ``Decimal("1234.5000")`` → ``1.234,5`` in Dutch."""
    return formatting.localized(value, empty="")
