"""Reads of the context series: the plan's series with their values (two queries), and the
same as plain data for a snapshot (``context_payload``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from planmonitor.core import formatting
from planmonitor.plans.models import Plan

from .models import ContextSeries, ContextValue


def plan_series(plan: Plan) -> QuerySet[ContextSeries]:
    """The plan's series by name, each with its values by year (a prefetch)."""
    return ContextSeries.objects.filter(plan=plan).prefetch_related(
        Prefetch("values", queryset=ContextValue.objects.order_by("year"))
    )


def series_of(plan: Plan, pk: int) -> QuerySet[ContextSeries]:
    """The series ``pk`` if it belongs to ``plan`` (else empty: the view answers 404)."""
    return plan_series(plan).filter(pk=pk)


def series_data(series: ContextSeries) -> dict[str, Any]:
    """One series in the snapshot's shape (its values must be prefetched by year)."""
    return {
        "key": series.key,
        "name": series.name,
        "area": series.area,
        "unit": series.unit,
        "is_example": series.is_example,
        "points": [
            {"year": v.year, "value": formatting.plain(v.value), "source": v.source, "note": v.note}
            for v in series.values.all()
        ],
    }


def context_payload(plan: Plan) -> list[dict[str, Any]]:
    """The plan's context series as plain data, for a snapshot (two queries)::

    [{"key", "name", "area", "unit", "is_example": bool,
      "points": [{"year": int, "value": "decimal string", "source": url, "note"}]}]
    """
    return [series_data(series) for series in plan_series(plan)]
