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


def write_dashboard_xlsx(out: IO[bytes], figures: dict) -> None:
    """One sheet per table of the dashboard, with the filters and date it was shown for."""
    from .status import COMPLIANCE, SIGNAL_LABELS, SIGNALS

    workbook = Workbook(write_only=True)
    data = figures["data"]
    signal_of, implementation = figures["signal_of"], figures["implementation"]
    write_sheet(
        workbook,
        _("Actions")[:31],
        [_("Code"), _("Title"), _("Implementation status"), _("Signal")],
        (
            [a.code, a.title, implementation[a.pk], str(SIGNAL_LABELS[signal_of[a.pk]])]
            for a in data.actions
        ),
    )
    write_sheet(
        workbook,
        _("At risk")[:31],
        [_("Action"), _("Rule"), _("Signal"), _("Reason")],
        (
            [f.action.code, f.rule, str(SIGNAL_LABELS[f.signal]), f.reason]
            for f in figures["findings"]
        ),
    )
    for breakdown in figures["breakdowns"]:
        write_sheet(
            workbook,
            str(breakdown.title)[:31],
            [_("Group"), *(str(SIGNAL_LABELS[k]) for k in SIGNALS), _("Total")],
            ([r.group.label, *(r.counts[k] for k in SIGNALS), r.total] for r in breakdown.rows),
        )
    write_sheet(
        workbook,
        _("Progress")[:31],
        [_("Goal"), _("Actions"), _("Progress (%)")],
        (
            [r.group.label, r.actions, None if r.progress is None else round(100 * r.progress)]
            for r in (*figures["sd_rollup"], *figures["od_rollup"])
        ),
    )
    write_sheet(
        workbook,
        _("Indicators")[:31],
        [
            _("Indicator"),
            _("Latest value"),
            _("Target"),
            _("Progress (%)"),
            _("Forecast"),
            _("Projected"),
        ],
        (
            [
                p.indicator.code,
                p.latest,
                p.indicator.target,
                None if p.progress is None else round(100 * p.progress),
                f.verdict,
                None if f.projected is None else round(f.projected, 2),
            ]
            for p, f in zip(figures["indicators"], figures["forecasts"], strict=False)
        ),
    )
    for key, title in (
        ("compliance_rounds", _("Compliance per round")),
        ("compliance_ministers", _("Compliance per minister")),
    ):
        write_sheet(
            workbook,
            title[:31],
            [_("Name"), *COMPLIANCE, *(f"{k} (%)" for k in COMPLIANCE)],
            (
                [r.label, *(r.counts[k] for k in COMPLIANCE), *(r.percent(k) for k in COMPLIANCE)]
                for r in figures[key]
            ),
        )
    workbook.save(out)
