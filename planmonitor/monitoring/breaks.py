"""Breaks in an indicator's series: the moments its definition or target changed.

A series compares like with like only while the indicator measures the same thing
against the same target. When a field that defines it (``DEFINING_FIELDS``) changes, the
values before and after are no longer one series: charts draw a dashed line ("Breuk")
at that date, their data tables list it, and the evaluation reports name it.

The breaks come from the indicator's history (django-simple-history): one query for any
number of indicators (``indicator_breaks``). The first version is the indicator's
creation, not a break; edits of other fields (source, frequency, code) are not breaks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from planmonitor.plans.models import Indicator

# What an indicator measures and what it aims at (its content, without the code that names
# it, its data source and how often it is measured); a change of any of these is a break.
DEFINING_FIELDS = tuple(
    name for name in Indicator.CONTENT_FIELDS if name not in {"code", "source", "frequency"}
)


@dataclass(frozen=True)
class IndicatorBreak:
    indicator_id: int
    at: dt.datetime
    fields: tuple[str, ...]  # the defining fields that changed, in DEFINING_FIELDS order

    @property
    def date(self) -> dt.date:
        return timezone.localdate(self.at)

    @property
    def field_labels(self) -> list[str]:
        fields = {field.name: field for field in Indicator._meta.concrete_fields}
        return [str(fields[name].verbose_name) for name in self.fields]


def breaks_from_versions(indicator_id: int, versions: Iterable[dict]) -> list[IndicatorBreak]:
    """The breaks in one indicator's versions (dicts with ``history_date`` and the defining
    fields), oldest first."""
    found = []
    previous: dict | None = None
    for version in sorted(versions, key=lambda v: (v["history_date"], v.get("history_id", 0))):
        if previous is not None:
            changed = tuple(name for name in DEFINING_FIELDS if version[name] != previous[name])
            if changed:
                found.append(IndicatorBreak(indicator_id, version["history_date"], changed))
        previous = version
    return found


def indicator_breaks(indicator_ids: Iterable[int]) -> dict[int, list[IndicatorBreak]]:
    """Per indicator id, its breaks (oldest first); one query whatever the number of ids."""
    ids = sorted(set(indicator_ids))
    if not ids:
        return {}
    rows = (
        Indicator.history.filter(id__in=ids)
        .exclude(history_type="-")
        .order_by("id", "history_date", "history_id")
        .values("id", "history_id", "history_date", *DEFINING_FIELDS)
    )
    versions: dict[int, list[dict]] = {}
    for row in rows:
        versions.setdefault(row["id"], []).append(row)
    return {pk: breaks_from_versions(pk, rows) for pk, rows in versions.items()}
