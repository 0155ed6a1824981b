"""What a caller of the API may read: the public data (portal/public.py), and with a token
what its person or organisation may read in the web UI (the one policy)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from planmonitor.accounts import policy
from planmonitor.accounts.models import Role
from planmonitor.monitoring.models import IndicatorValue, ProgressReport
from planmonitor.plans.models import Action, Plan
from planmonitor.portal import public


def signed_in(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated)


def plans(user: Any) -> QuerySet[Plan]:
    """The public plans, and those the caller is a member of."""
    shown = public.plans()
    if not signed_in(user):
        return shown
    member_of = policy.plan_ids_with_roles(user, set(Role))
    everything = Plan.objects.all() if member_of is None else Plan.objects.filter(pk__in=member_of)
    return (
        Plan.objects.filter(Q(pk__in=shown.values("pk")) | Q(pk__in=everything.values("pk")))
        .select_related("coordinating_minister", "coordinating_agency")
        .order_by("-period_start", "short_name")
    )


def plan(user: Any, short_name: str) -> Plan:
    found = public.plan(short_name)
    if found is None and signed_in(user):
        found = plans(user).filter(short_name=short_name).first()
        if found is not None and not policy.can_view_plan(user, found):
            found = None
    if found is None:
        raise Http404(_("No such plan."))
    return found


def actions(user: Any, plan: Plan) -> QuerySet[Action]:
    shown = public.actions(plan)
    if not signed_in(user):
        return shown  # public.plan() only gave a published plan
    return policy.actions_for(user, shown)


def action(user: Any, plan: Plan, code: str) -> Action:
    found = actions(user, plan).filter(code__iexact=code).first()
    if found is None:
        raise Http404(_("No such action."))
    return found


def internal_reports(user: Any, plan: Plan) -> QuerySet[ProgressReport]:
    """The reports the caller reads as the web UI shows them (``can_view_monitoring``:
    the same people as ``actions_for`` without what is only public)."""
    if not signed_in(user):
        return ProgressReport.objects.none()
    visible = policy.actions_for(user, Action.objects.filter(plan=plan), public=False)
    return ProgressReport.objects.filter(round__plan=plan, action__in=visible)


def public_report_ids(plan: Plan) -> set[int]:
    return set(public.reports(plan).values_list("pk", flat=True))


def reports(user: Any, plan: Plan) -> tuple[QuerySet[ProgressReport], set[int]]:
    """The reports the caller may read, and the ids of those read in full (internal)."""
    shown = public.reports(plan)
    if not signed_in(user):
        return shown, set()
    internal_ids = set(internal_reports(user, plan).values_list("pk", flat=True))
    every = (
        ProgressReport.objects.filter(Q(pk__in=shown.values("pk")) | Q(pk__in=internal_ids))
        .select_related("round", "action")
        .order_by("action__code", "round__period_end", "round_id")
    )
    return every, internal_ids


def values(user: Any, plan: Plan) -> tuple[QuerySet[IndicatorValue], set[int]]:
    """The indicator values the caller may read, and the ids of the reports read in full."""
    shown = public.values(plan)
    if not signed_in(user):
        return shown, set()
    internal_ids = set(internal_reports(user, plan).values_list("pk", flat=True))
    every = (
        IndicatorValue.objects.filter(Q(pk__in=shown.values("pk")) | Q(report_id__in=internal_ids))
        .select_related("indicator__action", "report__round")
        .order_by("indicator__action__code", "indicator__code", "report__round__period_end")
    )
    return every, internal_ids
