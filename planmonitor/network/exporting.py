"""The SMART table as XLSX: the rows the page shows, the reasons in full.

Written as the plan export writes its sheets (``plans.transfer.exporting.write_sheet``):
text that a spreadsheet would run as a formula is escaped, numbers stay numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from planmonitor.plans.transfer.exporting import write_sheet

from .coverage import GroupLine, Matrix
from .gaps import RuleResult
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


# Sheet names are at most 31 characters: the captions would be cut.
SHEET_NAMES = {
    "od-violence": gettext_lazy("OD × violence form"),
    "od-target": gettext_lazy("OD × target group"),
    "sd-minister": gettext_lazy("SD × lead minister"),
    "istanbul": gettext_lazy("Istanbul articles"),
}


def write_coverage_xlsx(
    out: IO[bytes], matrices: Iterable[Matrix], groups: Iterable[GroupLine]
) -> None:
    """A sheet per matrix (the counts), and one for the special-attention groups."""
    workbook = Workbook(write_only=True)
    for matrix in matrices:
        columns = [label for _code, label in matrix.columns]
        headers = [matrix.row_heading, _("Description"), *columns]
        rows = ([row.label, row.title, *(cell.count for cell in row.cells)] for row in matrix.rows)
        write_sheet(workbook, str(SHEET_NAMES[matrix.key])[:31], headers, rows)
    write_sheet(
        workbook,
        _("Special attention")[:31],
        [_("Group"), _("Target group code"), _("Actions")],
        ([line.label, line.code, line.count] for line in groups),
    )
    workbook.save(out)


def write_gaps_xlsx(out: IO[bytes], results: Iterable[RuleResult]) -> None:
    """Every gap, one row each, with its rule."""
    workbook = Workbook(write_only=True)
    rows = (
        [str(result.rule.title), gap.action.code if gap.action else "", gap.reason]
        for result in results
        for gap in result.gaps
    )
    write_sheet(workbook, _("Data gaps")[:31], [_("Rule"), _("Action"), _("Reason")], rows)
    workbook.save(out)
