"""A coordinator's preview of the public site: the same pages, showing a plan or rounds as
if they were published, never cached, with a banner. The publication pages start it
(``start``); the site reads it (``audience``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest

from planmonitor.accounts import policy
from planmonitor.monitoring.models import ReportingRound
from planmonitor.plans.models import Plan

from .public import PUBLIC, Audience

SESSION_KEY = "portal_preview"


def audience(request: HttpRequest) -> Audience:
    """The visitor's audience: ``PUBLIC``, unless a coordinator started a preview (only of
    plans they may publish; the session alone proves nothing)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return PUBLIC
    wanted = request.session.get(SESSION_KEY)
    if not wanted:
        return PUBLIC
    plans = [
        plan
        for plan in Plan.objects.filter(pk__in=wanted.get("plans", []))
        if policy.can_publish_plan(user, plan)
    ]
    if not plans:
        return PUBLIC
    rounds = ReportingRound.objects.filter(
        plan__in=plans, pk__in=wanted.get("rounds", [])
    ).values_list("pk", flat=True)
    return Audience(plan_ids=frozenset(p.pk for p in plans), round_ids=frozenset(rounds))


def start(request: HttpRequest, *, plan: Plan, round_ids: Iterable[int] = ()) -> None:
    """Preview ``plan`` (as if published) with these rounds as if published too."""
    request.session[SESSION_KEY] = {"plans": [plan.pk], "rounds": sorted(set(round_ids))}


def stop(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
