"""Turning one cell into one Python value, or a plain message saying why not.

Cells arrive as openpyxl gives them (str, int, float, bool, date) or as CSV
text; each parser accepts both. Empty cells arrive as ``None``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from planmonitor.core import formatting, limits

from .columns import NO, NO_WORDS, YES, YES_WORDS


class CellError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def show(value: Any) -> str:
    """A cell value quoted in a message the way the user typed it."""
    if isinstance(value, dt.date):
        return formatting.date(value)
    if isinstance(value, float):
        return _float_text(value)
    return str(value)


def _float_text(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def text(value: Any, *, max_length: int | None = None, required: bool = False) -> str:
    if value is None:
        if required:
            raise CellError(_("A value is required."))
        return ""
    if isinstance(value, bool):
        result = YES if value else NO
    elif isinstance(value, dt.datetime):
        result = value.isoformat(sep=" ")
    elif isinstance(value, dt.date):
        result = value.isoformat()
    elif isinstance(value, float):
        result = _float_text(value)
    else:
        result = str(value)
    if max_length is not None and len(result) > max_length:
        raise CellError(
            _("The text is %(length)s characters long; at most %(max)s are allowed.")
            % {"length": len(result), "max": max_length}
        )
    return result


def split_list(value: Any) -> list[str]:
    """'SG; IFG;;sg' -> ['SG', 'IFG', 'sg']: items separated by ';' (or line breaks)."""
    if value is None:
        return []
    return [item.strip() for item in re.split(r"[;\n]", text(value)) if item.strip()]


def yes_no(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    word = text(value).strip().casefold()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise CellError(_('Use "ja" or "nee", not "%(value)s".') % {"value": show(value)})


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_DMY_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


def date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = text(value).strip()
    if match := _ISO_DATE.match(raw):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DMY_DATE.match(raw):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise CellError(
            _('"%(value)s" is not a date; write dd/mm/yyyy or yyyy-mm-dd.') % {"value": raw}
        )
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise CellError(_('Date "%(value)s" does not exist.') % {"value": raw}) from error


_GROUPED = {
    ".": re.compile(r"^\d{1,3}(\.\d{3})+$"),
    ",": re.compile(r"^\d{1,3}(,\d{3})+$"),
}


def _number_text(raw: str) -> str:
    """Belgian '1.234,5', '12,5', plain '1234.5' and '1,234.5' -> '1234.5'.

    The last separator is the decimal one when both occur; a lone comma is decimal
    (Belgian); a lone point is decimal (plain numbers). Repeated ones group thousands.
    """
    sign = ""
    if raw[:1] in "+-":
        sign, raw = raw[0], raw[1:]
    commas, points = raw.count(","), raw.count(".")
    if commas and points:
        decimal_mark = "," if raw.rfind(",") > raw.rfind(".") else "."
    elif commas == 1:
        decimal_mark = ","
    elif points == 1:
        decimal_mark = "."
    else:
        decimal_mark = ""
    whole, _mark, fraction = raw.rpartition(decimal_mark) if decimal_mark else (raw, "", "")
    group_mark = ({",", "."} - {decimal_mark}).pop() if decimal_mark else ("," if commas else ".")
    if group_mark in whole:
        if not _GROUPED[group_mark].match(whole):
            raise ValueError(raw)
        whole = whole.replace(group_mark, "")
    if not whole.isdigit() or (fraction and not fraction.isdigit()) or (_mark and not fraction):
        raise ValueError(raw)
    return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"


def decimal(value: Any, *, max_digits: int, places: int) -> Decimal | None:
    """A number that is stored exactly, or a CellError: never rounded (see core/limits.py)."""
    if value is None:
        return None
    if isinstance(value, (bool, dt.date)):
        raise CellError(_('"%(value)s" is not a number.') % {"value": show(value)})
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
        # A spreadsheet keeps 15 significant digits; beyond them a float carries only
        # binary noise (0.1 + 0.2 = 0.30000000000000004): drop the noise, round nothing else.
        if number.is_finite() and number:
            number = number.quantize(Decimal(1).scaleb(number.adjusted() - 14))
    else:
        raw = re.sub(r"[\s\u00a0\u202f€]", "", text(value))
        try:
            number = Decimal(_number_text(raw))
        except (ValueError, InvalidOperation) as error:
            raise CellError(_('"%(value)s" is not a number.') % {"value": value}) from error
    if not number.is_finite():
        raise CellError(_('"%(value)s" is not a number.') % {"value": show(value)})
    # At most what both databases store exactly, whatever the column allows.
    max_digits = min(max_digits, limits.MAX_SIGNIFICANT_DIGITS)
    if abs(number) >= limits.number_bound(places, max_digits):
        raise CellError(
            _('"%(value)s" is too large: the largest number allowed is %(largest)s.')
            % {
                "value": show(value),
                "largest": formatting.belgian(limits.largest_number(places, max_digits)),
            }
        )
    if number.quantize(Decimal(1).scaleb(-places)) != number:
        raise CellError(
            _('"%(value)s" has too many decimals; at most %(places)s are allowed.')
            % {"value": show(value), "places": places}
        )
    if isinstance(value, float):
        number = number.quantize(Decimal(1).scaleb(-places))  # exact: checked just above
    return number


def year(value: Any, *, low: int, high: int) -> int:
    number = decimal(value, max_digits=4, places=0) if value is not None else None
    if number is None:
        raise CellError(_("A value is required."))
    if not low <= number <= high:
        raise CellError(
            _("Year %(value)s is not between %(low)s and %(high)s.")
            % {"value": show(value), "low": low, "high": high}
        )
    return int(number)


def word(value: Any, index: dict[str, str], message: str | Promise) -> str | None:
    """Look a vocabulary word up ('kwantitatief', 'Per kwartaal'); ``message`` has %(value)s."""
    if value is None:
        return None
    key = re.sub(r"\s+", " ", text(value).strip().casefold())
    if key not in index:
        raise CellError(message % {"value": show(value)})
    return index[key]
