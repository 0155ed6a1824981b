"""The change log as CSV or XLSX: the rows the page's filters select, all of them.

Text cells that a spreadsheet would run as a formula are escaped (``= + - @``...),
as in the plan export; the time is a real date-time in the XLSX.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from planmonitor.audit.selectors import CHANNEL_LABELS

from ..transfer.columns import escape_csv, escape_formula
from .selectors import LogRow

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


def _headers() -> list[str]:
    return [_("When"), _("Who"), _("What"), _("Object"), _("Summary"), _("Channel")]


def _texts(row: LogRow) -> list[str]:
    event = row.event
    return [
        event.actor_name,
        row.kind_label,
        event.object_label,
        event.summary,
        str(CHANNEL_LABELS.get(event.channel, event.channel)),
    ]


def write_csv(out: SupportsWrite[str], rows: Iterable[LogRow]) -> None:
    writer = csv.writer(out)
    writer.writerow(_headers())
    for row in rows:
        when = timezone.localtime(row.event.at).strftime("%d/%m/%Y %H:%M:%S")
        writer.writerow([when, *(escape_csv(text) for text in _texts(row))])


def write_xlsx(out: IO[bytes], rows: Iterable[LogRow]) -> None:
    """Write-only mode: memory stays flat however long the log."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Changes")[:31])
    bold = Font(bold=True)
    header = []
    for title in _headers():
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        when = timezone.localtime(row.event.at).replace(tzinfo=None, microsecond=0)
        cell = WriteOnlyCell(sheet, value=when)
        cell.number_format = "DD/MM/YYYY HH:MM:SS"
        texts = [ILLEGAL_CHARACTERS_RE.sub("", escape_formula(text)) for text in _texts(row)]
        sheet.append([cell, *texts])
    workbook.save(out)
