"""The SMART table as XLSX: the rows the page shows, the reasons in full.

Written as the plan export writes its sheets (``plans.transfer.exporting.write_sheet``):
text that a spreadsheet would run as a formula is escaped, numbers stay numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from planmonitor.plans.transfer.exporting import write_sheet

from .smart import LETTER_NAMES, LETTERS, ActionVerdicts


def smart_headers() -> list[str]:
    headers = [_("Code"), _("Title"), _("Letters passed")]
    for letter in LETTERS:
        headers += [
            f"{letter} ({LETTER_NAMES[letter]})",
            _("%(letter)s: reason") % {"letter": letter},
        ]
    return headers


def _rows(results: Iterable[ActionVerdicts]) -> Iterator[list[object]]:
    yes, no = _("pass"), _("fail")
    for result in results:
        row: list[object] = [result.action.code, result.action.title, result.passed]
        for letter in LETTERS:
            verdict = result.letters[letter]
            row += [yes if verdict.ok else no, verdict.reason]
        yield row


def write_smart_xlsx(out: IO[bytes], results: Iterable[ActionVerdicts]) -> None:
    workbook = Workbook(write_only=True)
    write_sheet(workbook, _("SMART")[:31], smart_headers(), _rows(results))
    workbook.save(out)
