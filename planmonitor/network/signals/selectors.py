"""Reads of signals: a fixed number of queries."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from planmonitor.plans.models import Action, Plan

from ..models import Signal, SignalStatus

# Open first, then in discussion, then the closed ones.
_STATUS_ORDER = Case(
    When(status=SignalStatus.OPEN, then=Value(0)),
    When(status=SignalStatus.IN_DISCUSSION, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def signals(plan: Plan) -> QuerySet[Signal]:
    return (
        Signal.objects.filter(plan=plan)
        .select_related("owner")
        .prefetch_related("actions")
        .annotate(status_order=_STATUS_ORDER)
        .order_by("status_order", "-created_at", "pk")
    )


def open_signals(plan: Plan, limit: int | None = None) -> list[Signal]:
    qs = signals(plan).filter(status__in=[SignalStatus.OPEN, SignalStatus.IN_DISCUSSION])
    return list(qs[:limit] if limit else qs)


def open_signals_of_action(action: Action) -> list[Signal]:
    return list(
        Signal.objects.filter(
            actions=action, status__in=[SignalStatus.OPEN, SignalStatus.IN_DISCUSSION]
        ).order_by("-created_at")
    )
