"""Reads for the people-change pages: actions without an active owner, reassignment candidates."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet

from planmonitor.accounts.models import Membership, Role

from ..models import Action, Minister, Organisation, Plan


def _has_active_owner() -> Exists:
    """An active owner's role in the action's plan for its lead minister or lead organisation."""
    owners = Membership.objects.filter(
        plan=OuterRef("plan"), role=Role.ACTION_OWNER, user__is_active=True
    )
    return Exists(
        owners.filter(
            Q(ministers=OuterRef("lead_minister")) | Q(organisation=OuterRef("lead_organisation"))
        )
    )


def without_owner(actions: QuerySet[Action], *, today: dt.date) -> QuerySet[Action]:
    """The actions nobody leads any more: no active owner's role names their lead minister
    (or lead organisation), or the lead minister is out of office."""
    return actions.alias(has_owner=_has_active_owner()).filter(
        Q(has_owner=False) | Q(lead_minister__in_office_to__lt=today)
    )


def actions_without_owner(*, plan: Plan, today: dt.date) -> QuerySet[Action]:
    """For the page: with the lead minister and the goal, in code order. One query."""
    return (
        without_owner(Action.objects.filter(plan=plan), today=today)
        .select_related("lead_minister", "operational_goal")
        .order_by("code")
    )


def reassign_candidates(*, plan: Plan, minister: Minister) -> tuple[list[Action], list[Membership]]:
    """The actions and roles of ``plan`` that name ``minister``: four queries."""
    actions = list(
        Action.objects.filter(plan=plan)
        .filter(Q(lead_minister=minister) | Q(co_ministers=minister))
        .distinct()
        .select_related("lead_minister")
        .prefetch_related("co_ministers")
        .order_by("code")
    )
    memberships = list(
        Membership.objects.filter(plan=plan, ministers=minister)
        .select_related("user")
        .prefetch_related("ministers")
        .order_by("user__last_name", "user__username", "role")
    )
    return actions, memberships


def organisation_candidates(
    *, plan: Plan, organisation: Organisation
) -> tuple[list[Action], list[Membership]]:
    """The actions of ``plan`` that ``organisation`` leads and the roles in it: three queries."""
    actions = list(
        Action.objects.filter(plan=plan, lead_organisation=organisation)
        .select_related("lead_organisation")
        .order_by("code")
    )
    memberships = list(
        Membership.objects.filter(plan=plan, organisation=organisation)
        .select_related("user", "organisation")
        .prefetch_related("ministers")
        .order_by("user__last_name", "user__username", "role")
    )
    return actions, memberships
