"""Template filters of the progress report pages."""

from decimal import Decimal

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def report_number(value) -> str:
    """An indicator value as people write it: ``Decimal("1234.5000")`` → ``1.234,5`` in Dutch."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    plain = Decimal(format(number.normalize(), "f"))
    return formats.number_format(plain, use_l10n=True, force_grouping=True)
