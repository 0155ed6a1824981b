"""Writes of the context series: keyword-only, in a transaction, with history
(simple-history records each save) and optimistic locking on every edit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from planmonitor.core.locking import apply_changes, locked_current
from planmonitor.plans.models import Plan

from .importing import ContextRow
from .models import ContextSeries, ContextValue


@transaction.atomic
def context_series_create(
    *,
    plan: Plan,
    key: str,
    name: str,
    area: str = "",
    unit: str = "",
    description: str = "",
    is_example: bool = False,
) -> ContextSeries:
    series = ContextSeries(
        plan=plan,
        key=key,
        name=name,
        area=area,
        unit=unit,
        description=description,
        is_example=is_example,
    )
    series.full_clean()
    series.save()
    return series


@transaction.atomic
def context_value_create(
    *, series: ContextSeries, year: int, value: Decimal, source: str = "", note: str = ""
) -> ContextValue:
    row = ContextValue(series=series, year=year, value=value, source=source, note=note)
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def context_value_change(
    *,
    value_row: ContextValue,
    version: int,
    year: int,
    value: Decimal,
    source: str = "",
    note: str = "",
) -> ContextValue:
    """Change the year's figure, if nobody changed it since ``version`` (else ``EditConflict``)."""
    row = locked_current(ContextValue, value_row.pk, version)
    apply_changes(row, {"year": year, "value": value, "source": source, "note": note})
    return row


@transaction.atomic
def context_value_delete(*, value_row: ContextValue, version: int) -> None:
    locked_current(ContextValue, value_row.pk, version).delete()


@dataclass(frozen=True)
class ImportResult:
    series_created: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def context_import(
    *, plan: Plan, rows: Iterable[ContextRow], is_example: bool = False
) -> ImportResult:
    """Add the rows' series and yearly values to the plan; a year already there takes the
    file's value, source and note. Importing the same file twice changes nothing (and
    records no history): only what differs is saved."""
    rows = list(rows)
    existing = {s.key: s for s in ContextSeries.objects.filter(plan=plan)}
    series_created = 0
    for row in rows:
        if row.key not in existing:
            existing[row.key] = context_series_create(
                plan=plan,
                key=row.key,
                name=row.name,
                area=row.area,
                unit=row.unit,
                is_example=is_example,
            )
            series_created += 1
    values = {
        (v.series_id, v.year): v
        for v in ContextValue.objects.filter(series__in=[existing[r.key] for r in rows])
    }
    created = updated = unchanged = 0
    for row in rows:
        series = existing[row.key]
        found = values.get((series.pk, row.year))
        if found is None:
            context_value_create(
                series=series, year=row.year, value=row.value, source=row.source, note=row.note
            )
            created += 1
        elif (found.value, found.source, found.note) == (row.value, row.source, row.note):
            unchanged += 1
        else:
            apply_changes(found, {"value": row.value, "source": row.source, "note": row.note})
            updated += 1
    return ImportResult(series_created, created, updated, unchanged)
