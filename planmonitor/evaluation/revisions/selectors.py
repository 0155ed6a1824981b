"""Reads of plan versions and revisions (the other evaluation parts use ``versions`` and
``version_content``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from planmonitor.plans.models import Action, Plan

from .models import ChangeKind, PlanVersion, Revision, RevisionChange, RevisionStatus


def versions(plan: Plan) -> list[PlanVersion]:
    """The plan's versions, first to last (content deferred: lists need not load it)."""
    return list(
        PlanVersion.objects.filter(plan=plan)
        .defer("content")
        .select_related("revision")
        .order_by("number")
    )


def version_content(plan: Plan, number: int) -> dict[str, Any]:
    """The plan's content as version ``number`` froze it (``content.plan_content``'s shape)."""
    content: dict[str, Any] = PlanVersion.objects.values_list("content", flat=True).get(
        plan=plan, number=number
    )
    return content


def version_or_404(plan: Plan, number: int) -> PlanVersion:
    return get_object_or_404(
        PlanVersion.objects.select_related("revision"), plan=plan, number=number
    )


def has_version(plan: Plan) -> bool:
    return PlanVersion.objects.filter(plan=plan).exists()


def revisions(plan: Plan) -> QuerySet[Revision]:
    return (
        Revision.objects.filter(plan=plan)
        .select_related("produced_version")
        .annotate(change_count=Count("changes"))
        .order_by("-created_at", "-pk")
    )


def draft(plan: Plan) -> Revision | None:
    return Revision.objects.filter(plan=plan, status=RevisionStatus.DRAFT).first()


def revision_or_404(plan: Plan, pk: int) -> Revision:
    return get_object_or_404(Revision.objects.select_related("plan"), plan=plan, pk=pk)


def changes(revision: Revision) -> QuerySet[RevisionChange]:
    return revision.changes.select_related(
        "action", "merge_target", "proposed_by", "created_action"
    ).order_by("pk")


def changes_between(plan: Plan, low: int, high: int) -> list[RevisionChange]:
    """The approved changes that led from version ``low`` to version ``high``."""
    return list(
        RevisionChange.objects.filter(
            revision__plan=plan,
            revision__status=RevisionStatus.APPROVED,
            revision__produced_version__number__gt=low,
            revision__produced_version__number__lte=high,
        )
        .select_related("action", "merge_target", "created_action", "revision")
        .order_by("revision__produced_version__number", "pk")
    )


def ending(action: Action) -> RevisionChange | None:
    """The approved change that discontinued or merged ``action`` (its page says so)."""
    return (
        RevisionChange.objects.filter(
            action=action,
            kind__in=[ChangeKind.DISCONTINUE, ChangeKind.MERGE],
            revision__status=RevisionStatus.APPROVED,
        )
        .select_related("merge_target", "revision__produced_version")
        .first()
    )


def proposed_lines(changes: list[RevisionChange]) -> dict[int, list[tuple[str, str]]]:
    """Each change's proposed values as (field label, value in words), for its page: field
    names as the action form names them, ministers by name, goals as "OD 1.1", dates
    dd/mm/yyyy. One query for the ministers of every change."""
    from planmonitor.core import formatting
    from planmonitor.plans.models import Minister

    keys: set[str] = set()
    for change in changes:
        values = change.values or {}
        keys.update(filter(None, [values.get("lead_minister")]))
        keys.update(values.get("co_ministers") or [])
    names = dict(Minister.objects.filter(key__in=keys).values_list("key", "name")) if keys else {}

    def shown(name: str, value: Any) -> str:
        if name in ("lead_minister",):
            return names.get(value, value or "—")
        if name == "co_ministers":
            return ", ".join(names.get(key, key) for key in value) or "—"
        if name == "operational_goal":
            return f"OD {value}"
        if name in ("start_date", "end_date") and value:
            return formatting.date(dt.date.fromisoformat(value))
        if name == "status":
            return str(Action.Status(value).label) if value in Action.Status.values else value
        return str(value) if value not in (None, "") else "—"

    lines: dict[int, list[tuple[str, str]]] = {}
    for change in changes:
        rows = []
        for name, value in (change.values or {}).items():
            try:
                label = str(getattr(Action._meta.get_field(name), "verbose_name", name))
            except FieldDoesNotExist:
                label = name
            rows.append((label[:1].upper() + label[1:], shown(name, value)))
        lines[change.pk] = rows
    return lines
