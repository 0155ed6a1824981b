"""The overlap page as XLSX: the pairs it lists (every page), then fragmentation apart."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from planmonitor.plans.transfer.exporting import write_sheet

from .forms import KINDS
from .fragmentation import Cluster
from .reviews import ReviewedPair

KIND_LABELS = dict(KINDS)


def _pair_rows(rows: Iterable[ReviewedPair]) -> Iterator[list[object]]:
    yes, no = _("yes"), _("no")
    for row in rows:
        pair, review = row.pair, row.review
        yield [
            pair.a.code,
            pair.a.title,
            pair.a.lead_minister,
            pair.b.code,
            pair.b.title,
            pair.b.lead_minister,
            yes if pair.cross_minister else no,
            round(pair.score, 3),
            str(KIND_LABELS.get(pair.kind, pair.kind)),
            "\n".join(pair.reasons()),
            review.get_classification_display() if review else "",
            review.note if review else "",
            review.classified_by.get_full_name() if review and review.classified_by else "",
            timezone.localtime(review.classified_at).date() if review else None,
            (yes if row.text_changed else no) if review else "",
        ]


def write_overlap_xlsx(
    out: IO[bytes], rows: Iterable[ReviewedPair], clusters: Iterable[Cluster]
) -> None:
    workbook = Workbook(write_only=True)
    headers = [
        _("Action A"),
        _("Title A"),
        _("Lead minister A"),
        _("Action B"),
        _("Title B"),
        _("Lead minister B"),
        _("Cross-minister"),
        _("Score"),
        _("Proposed kind"),
        _("Reasons"),
        _("Classification"),
        _("Note"),
        _("Classified by"),
        _("Classified on"),
        _("Text changed since"),
    ]
    write_sheet(workbook, _("Overlap")[:31], headers, _pair_rows(rows))
    write_sheet(
        workbook,
        _("Fragmentation")[:31],
        [_("Actions"), _("Lead ministers")],
        ([", ".join(i.code for i in c.actions), "; ".join(c.ministers)] for c in clusters),
    )
    workbook.save(out)
