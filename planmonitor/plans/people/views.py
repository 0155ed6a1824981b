"""People change, for the coordinator: move a minister's work after a reshuffle, and the
actions without an active owner (``/plans/<plan>/zonder-eigenaar/``)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from planmonitor.accounts import policy
from planmonitor.accounts import services as account_services
from planmonitor.core.locking import EditConflict

from .. import services
from ..access import plan_or_403
from . import selectors
from .forms import MinisterPairForm, MinisterReassignForm


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


def _preview(form: MinisterReassignForm) -> dict:
    """What the confirmation would change, and the state it was computed from."""
    data = form.cleaned_data
    source, target = data["from_minister"], data["to_minister"]
    actions = data["actions"].select_related("lead_minister").prefetch_related("co_ministers")
    changes = [
        services.minister_change_preview(action=action, from_minister=source, to_minister=target)
        for action in actions.order_by("code")
    ]
    memberships = list(
        data["memberships"]
        .select_related("user")
        .prefetch_related("ministers")
        .order_by("user__last_name", "role")
    )
    seen = {
        "actions": {c.action.pk: c.action.version for c in changes},
        "memberships": {m.pk: account_services.membership_fingerprint(m) for m in memberships},
    }
    return {"changes": changes, "memberships": memberships, "seen": json.dumps(seen)}


@login_required
@require_http_methods(["GET", "POST"])
def minister_reassign(request: HttpRequest, short_name: str) -> HttpResponse:
    """Choose the ministers (GET), tick what moves, see the preview, confirm (POST)."""
    plan = plan_or_403(request, short_name, policy.can_manage_plan)
    context: dict = {"plan": plan}
    status = 200
    if request.method == "GET":
        pair = MinisterPairForm(request.GET or None)
        context["pair"] = pair
        if pair.is_bound and pair.is_valid():
            actions, memberships = selectors.reassign_candidates(
                plan=plan, minister=pair.cleaned_data["from_minister"]
            )
            context.update(candidates=True, actions=actions, memberships=memberships)
        return render(request, "plans/people/minister_reassign.html", context)
    form = MinisterReassignForm(request.POST, plan=plan)
    context["form"] = form
    if form.is_valid():
        data = form.cleaned_data
        if data["confirm"]:
            seen = form.seen_state()
            try:
                with transaction.atomic():
                    moved = services.actions_minister_reassign(
                        plan=plan,
                        from_minister=data["from_minister"],
                        to_minister=data["to_minister"],
                        expected_versions=seen.get("actions", {}),  # type: ignore[arg-type]
                    )
                    roles = account_services.memberships_minister_replace(
                        plan=plan,
                        from_minister=data["from_minister"],
                        to_minister=data["to_minister"],
                        expected=seen.get("memberships", {}),  # type: ignore[arg-type]
                    )
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
                messages.success(
                    request,
                    _("%(actions)d actions and %(roles)d roles now name %(minister)s.")
                    % {
                        "actions": len(moved),
                        "roles": len(roles),
                        "minister": data["to_minister"],
                    },
                )
                return redirect("plans:actions_without_owner", short_name=plan.short_name)
        context.update(_preview(form))
    return render(request, "plans/people/minister_reassign.html", context, status=status)
