"""Numbers, amounts and dates as pages, PDFs and messages show them; Dutch numbers read back.

Two ways to write a number, on purpose:

- ``belgian``: always the Belgian way (``1.234,5``), whatever the interface
  language: amounts on the action sheet, limits in messages.
- ``localized``: the interface language's way (``1.234,5`` in Dutch,
  ``1,234.5`` in English): indicator values, charts, progress explanations.

Both show a stored decimal without trailing zeros (``12.5000`` is ``12,5``)
unless ``places`` fixes the decimals. ``parse_belgian`` reads what ``belgian``
and Dutch ``localized`` write (and what people type: ``€ 1.234,50``,
``1234.5``); ``parse_localized`` prepares input for a localized DecimalField.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format

EMPTY = "—"  # no value, on a page


def plain_decimal(number: Decimal | None) -> Decimal | None:
    """12.5000 → 12.5 (a stored value without trailing zeros), 100 stays 100 (not 1E+2)."""
    if number is None:
        return None
    return Decimal(plain(number))


def plain(number: Decimal | None) -> str:
    """Plain digits without trailing zeros or exponent: ``Decimal("12.5000")`` → ``"12.5"``."""
    return "" if number is None else format(number.normalize(), "f")


def _decimal(value: Decimal | int | float | str) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def belgian(value: Decimal, *, places: int | None = None) -> str:
    """``1234.5`` → ``1.234,5`` in every language (``places`` fixes the decimals)."""
    text = plain(value) if places is None else f"{value:.{places}f}"
    sign = "-" if text.startswith("-") else ""
    whole, _dot, decimals = text.lstrip("-").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{decimals}" if decimals else f"{sign}{grouped}"


def euro(value) -> str:
    """An amount the Belgian way: ``€ 1.234,50``. Empty for no amount; other text as it is."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        return str(value)
    return f"€ {belgian(amount, places=2)}"


def localized(value: Decimal | int | float | str | None, *, empty: str = EMPTY) -> str:
    """The interface language's format, grouped, with the decimals the value has: 1.234,5 · 120."""
    if value is None or value == "":
        return empty
    number = _decimal(value)
    exponent = number.normalize().as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


def percent(share: Decimal | None) -> str:
    """A share in [0, 1] as a whole percentage: 0,456 → "46 %"."""
    if share is None:
        return EMPTY
    return f"{localized((share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))} %"


def date(day: dt.date) -> str:
    """dd/mm/yyyy, as Belgians write a date."""
    return day.strftime("%d/%m/%Y")


# 1.234 is one thousand two hundred thirty-four in Belgium; 0.125 stays a fraction.
_GROUPED = re.compile(r"-?[1-9]\d{0,2}(\.\d{3})+")


def parse_belgian(text: str) -> str:
    """``1.234,50`` or ``€ 1234,5`` → ``1234.50`` / ``1234.5``; plain ``12.5`` stays.

    Returns the text a ``Decimal`` (or a form's DecimalField) reads; what is no
    number stays no number.
    """
    text = text.strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    if "," in text:
        return text.replace(".", "").replace(",", ".")
    if _GROUPED.fullmatch(text):
        return text.replace(".", "")
    return text


def parse_localized(text: str) -> str:
    """What a localized DecimalField reads: no spaces; ``1.234,5`` → ``1234,5``.

    The field then applies the interface language's decimal mark, so a lone dot
    stays a decimal point (``12.5``), unlike in ``parse_belgian`` where
    ``1.234`` is a thousand and more: indicator values are typed both ways.
    """
    text = "".join(text.split()).replace("\u202f", "")
    if "," in text and "." in text:
        return text.replace(".", "")  # the dots group thousands
    return text
