"""The comparison of two plan versions as a spreadsheet (one row per field change)."""

from __future__ import annotations

from typing import IO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from planmonitor.plans.transfer.exporting import write_sheet

from .comparing import Comparison


def _rows(result: Comparison):
    groups = (
        (_("Added"), result.added),
        (_("Changed"), result.changed),
        (_("Discontinued"), result.discontinued),
        (_("Merged"), result.merged),
    )
    for label, entries in groups:
        for entry in entries:
            reasons = " | ".join(entry.reasons)
            if entry.merged_into:
                yield [
                    label,
                    entry.code,
                    entry.title,
                    _("merged into"),
                    "",
                    entry.merged_into,
                    reasons,
                ]
            if not entry.fields:
                if not entry.merged_into:
                    yield [label, entry.code, entry.title, "", "", "", reasons]
                continue
            for row in entry.fields:
                yield [label, entry.code, entry.title, str(row.label), row.old, row.new, reasons]


def write_comparison_xlsx(out: IO[bytes], result: Comparison) -> None:
    workbook = Workbook(write_only=True)
    headers = [_("What"), _("Code"), _("Title"), _("Field"), _("Old"), _("New"), _("Reasons")]
    write_sheet(workbook, _("Comparison")[:31], headers, _rows(result))
    workbook.save(out)
