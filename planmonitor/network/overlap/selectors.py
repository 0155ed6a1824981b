"""Reads for the overlap detector: a fixed number of queries however many actions a plan has."""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Prefetch

from planmonitor.plans.models import Action, Indicator, Plan

from .detector import Item

_TAGS = (("violence_forms", "form"), ("target_groups", "group"), ("partners", "partner"))


def overlap_items(plan: Plan, *, codes: Collection[str] | None = None) -> list[Item]:
    """The plan's actions as detector items: title, description and indicator names as text;
    forms, groups, partners, OD and beneficiaries as tags.

    Seven queries however many actions. ``codes``: only those actions (a classification
    fingerprints its two texts without reading the whole plan)."""
    lookups: list[str | Prefetch[str]] = [name for name, _prefix in _TAGS]
    lookups.append(Prefetch("indicators", queryset=Indicator.objects.only("action_id", "name")))
    lookups.append("beneficiaries")
    actions = (
        Action.objects.filter(plan=plan)
        .select_related("lead_minister", "operational_goal")
        .prefetch_related(*lookups)
        .order_by("code")
    )
    if codes is not None:
        actions = actions.filter(code__in=codes)
    items = []
    for action in actions:
        tags = {f"OD {action.operational_goal.code}"} if action.operational_goal_id else set()
        for name, prefix in _TAGS:
            tags.update(f"{prefix}:{term.code}" for term in getattr(action, name).all())
        tags.update(f"beneficiary:{b.code}" for b in action.beneficiaries.all())
        text = " ".join(
            [action.title, action.description, *(i.name for i in action.indicators.all())]
        )
        minister = action.lead_minister.name if action.lead_minister_id else ""
        items.append(Item(action.code, text, minister, frozenset(tags), title=action.title))
    return items
