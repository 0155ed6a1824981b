"""People change, for the coordinator: move a minister's work after a reshuffle or an
organisation's after a merger (one page flow for both), and the actions without an
active owner (``/plans/<plan>/zonder-eigenaar/``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from planmonitor.accounts import policy
from planmonitor.accounts import services as account_services
from planmonitor.accounts.models import Membership
from planmonitor.core.locking import EditConflict

from .. import services
from ..access import plan_or_403
from ..models import Action, Organisation, Plan
from . import selectors
from .forms import (
    MinisterPairForm,
    MinisterReassignForm,
    OrganisationPairForm,
    OrganisationReassignForm,
    PairForm,
    ReassignForm,
)


@login_required
@require_safe
def actions_without_owner(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_manage_plan)
    today = timezone.localdate()
    actions = list(selectors.actions_without_owner(plan=plan, today=today))
    for action in actions:
        minister = action.lead_minister
        action.out_of_office = minister.in_office_to  # type: ignore[attr-defined]  # for the page is not None and minister.in_office_to < today
    return render(
        request, "plans/people/actions_without_owner.html", {"plan": plan, "actions": actions}
    )


@dataclass(frozen=True)
class Reassignment:
    """One kind of move (a minister's work, an organisation's): what differs between them.

    ``candidates(plan, source)`` lists the actions and roles that name ``source``;
    ``changes(form, actions)`` the preview rows; ``apply(plan, form, seen)`` saves the
    move in one transaction and returns the success message (``EditConflict`` when
    something changed since the preview).
    """

    template: str
    pair_form: type[PairForm]
    form: type[ReassignForm]
    candidates: Callable[[Plan, Any], tuple[list[Action], list[Membership]]]
    changes: Callable[[Any, QuerySet[Action]], list]
    apply: Callable[[Plan, Any, dict], str]


def _preview(form: ReassignForm, spec: Reassignment) -> dict:
    """What the confirmation would change, and the state it was computed from."""
    data = form.cleaned_data
    changes = spec.changes(form, data["actions"].order_by("code"))
    memberships = list(
        data["memberships"]
        .select_related("user", "organisation")
        .prefetch_related("ministers")
        .order_by("user__last_name", "role")
    )
    seen = {
        "actions": {c.action.pk: c.action.version for c in changes},
        "memberships": {m.pk: account_services.membership_fingerprint(m) for m in memberships},
    }
    return {"changes": changes, "memberships": memberships, "seen": json.dumps(seen)}


def _reassign_page(request: HttpRequest, short_name: str, spec: Reassignment) -> HttpResponse:
    """Choose whose work moves to whom (GET), tick what moves, see the preview, confirm (POST)."""
    plan = plan_or_403(request, short_name, policy.can_manage_plan)
    context: dict = {"plan": plan}
    status = 200
    if request.method == "GET":
        pair = spec.pair_form.for_plan(request.GET or None, plan=plan)
        context["pair"] = pair
        if pair.is_bound and pair.is_valid():
            source, target = pair.chosen()
            actions, memberships = spec.candidates(plan, source)
            context.update(
                candidates=True,
                source=source,
                target=target,
                actions=actions,
                memberships=memberships,
            )
        return render(request, spec.template, context)
    form = spec.form(request.POST, plan=plan)
    context["form"] = form
    if form.is_valid():
        context["source"], context["target"] = form.chosen()  # type: ignore[attr-defined]
        if form.cleaned_data["confirm"]:
            try:
                success = spec.apply(plan, form, form.seen_state())
            except EditConflict:
                messages.error(
                    request,
                    _(
                        "Someone changed one of these actions or roles after your preview. "
                        "Nothing was moved: check the new preview and confirm again."
                    ),
                )
                status = 409
            else:
                messages.success(request, success)
                return redirect("plans:actions_without_owner", short_name=plan.short_name)
        context.update(_preview(form, spec))
    return render(request, spec.template, context, status=status)


def _minister_changes(form: Any, actions: QuerySet[Action]) -> list:
    source, target = form.chosen()
    return [
        services.minister_change_preview(action=action, from_minister=source, to_minister=target)
        for action in actions.select_related("lead_minister").prefetch_related("co_ministers")
    ]


def _minister_apply(plan: Plan, form: Any, seen: dict) -> str:
    source, target = form.chosen()
    with transaction.atomic():
        moved = services.actions_minister_reassign(
            plan=plan,
            from_minister=source,
            to_minister=target,
            expected_versions=seen.get("actions", {}),
        )
        roles = account_services.memberships_minister_replace(
            plan=plan,
            from_minister=source,
            to_minister=target,
            expected=seen.get("memberships", {}),
        )
    return _("%(actions)d actions and %(roles)d roles now name %(minister)s.") % {
        "actions": len(moved),
        "roles": len(roles),
        "minister": target,
    }


MINISTER = Reassignment(
    template="plans/people/minister_reassign.html",
    pair_form=MinisterPairForm,
    form=MinisterReassignForm,
    candidates=lambda plan, minister: selectors.reassign_candidates(plan=plan, minister=minister),
    changes=_minister_changes,
    apply=_minister_apply,
)


@dataclass(frozen=True)
class OrganisationChange:
    """A preview row: the action whose lead organisation changes."""

    action: Action
    lead_before: Organisation | None
    lead_after: Organisation


def _organisation_changes(form: Any, actions: QuerySet[Action]) -> list:
    source, target = form.chosen()
    return [
        OrganisationChange(action, action.lead_organisation, target)
        for action in actions.select_related("lead_organisation")
    ]


def _organisation_apply(plan: Plan, form: Any, seen: dict) -> str:
    source, target = form.chosen()
    move = services.organisation_reassign(
        plan=plan,
        from_organisation=source,
        to_organisation=target,
        expected_versions=seen.get("actions", {}),
        expected_memberships=seen.get("memberships", {}),
    )
    return _("%(actions)d actions and %(roles)d roles now belong to %(organisation)s.") % {
        "actions": len(move.actions),
        "roles": len(move.memberships),
        "organisation": target,
    }


ORGANISATION = Reassignment(
    template="plans/people/organisation_reassign.html",
    pair_form=OrganisationPairForm,
    form=OrganisationReassignForm,
    candidates=lambda plan, organisation: selectors.organisation_candidates(
        plan=plan, organisation=organisation
    ),
    changes=_organisation_changes,
    apply=_organisation_apply,
)


@login_required
@require_http_methods(["GET", "POST"])
def minister_reassign(request: HttpRequest, short_name: str) -> HttpResponse:
    """After a reshuffle: a minister's actions and the roles that work for them."""
    return _reassign_page(request, short_name, MINISTER)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_reassign(request: HttpRequest, short_name: str) -> HttpResponse:
    """After an agency merger: the actions an organisation leads and the roles in it."""
    return _reassign_page(request, short_name, ORGANISATION)
