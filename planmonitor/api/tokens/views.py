"""The token pages: one's own personal tokens, and a plan's organisation tokens (coordinators).

A new token's secret is shown once, on the page that answers the creation (never stored,
never cached); changes are POST only.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from planmonitor.accounts import policy
from planmonitor.accounts.models import User
from planmonitor.core import errors
from planmonitor.core.forms import show_refusal
from planmonitor.plans.models import Plan

from ..models import ApiToken
from . import selectors, services
from .forms import OrganisationTokenForm, PersonalTokenForm

NOT_A_COORDINATOR = gettext_lazy("Only the plan's coordinators manage its organisation tokens.")


def _render(
    request: HttpRequest, template: str, context: dict, new_token: str = ""
) -> HttpResponse:
    response = render(request, template, {**context, "new_token": new_token})
    add_never_cache_headers(response)  # the secret is on it, or was a moment ago
    return response


# --- personal tokens -------------------------------------------------------------------


def _own_page(request: HttpRequest, form: PersonalTokenForm, new_token: str = "") -> HttpResponse:
    user = cast(User, request.user)
    context = {"tokens": selectors.personal_tokens(user=user), "form": form}
    return _render(request, "api/tokens/own.html", context, new_token)


@login_required
@require_safe
def own_tokens(request: HttpRequest) -> HttpResponse:
    return _own_page(request, PersonalTokenForm())


@login_required
@require_POST
def own_token_create(request: HttpRequest) -> HttpResponse:
    form = PersonalTokenForm(request.POST)
    if form.is_valid():
        try:
            _token, plain = services.personal_token_create(
                user=cast(User, request.user),
                name=form.cleaned_data["name"],
                expires_at=form.expires_at,
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            return _own_page(request, PersonalTokenForm(), new_token=plain)
    return _own_page(request, form)


@login_required
@require_POST
def own_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(selectors.personal_tokens(user=cast(User, request.user)), pk=pk)
    services.token_revoke(token=token, user=cast(User, request.user))
    messages.success(request, _("The token was revoked: it no longer works."))
    return redirect("api_tokens:own_tokens")


# --- organisation tokens (coordinators) --------------------------------------------------


def _plan_to_manage(request: HttpRequest, short_name: str) -> Plan:
    plan = get_object_or_404(Plan, short_name=short_name)
    if not policy.can_manage_plan(request.user, plan):
        raise errors.Forbidden(str(NOT_A_COORDINATOR))
    return plan


def _plan_page(
    request: HttpRequest, plan: Plan, form: OrganisationTokenForm, new_token: str = ""
) -> HttpResponse:
    context = {"plan": plan, "tokens": selectors.organisation_tokens(plan=plan), "form": form}
    return _render(request, "api/tokens/plan.html", context, new_token)


def _plan_form(plan: Plan, data=None) -> OrganisationTokenForm:
    return OrganisationTokenForm(data, organisations=selectors.organisations(plan=plan))


def plan_page_link(request: HttpRequest, plan: Plan) -> tuple[str, str] | None:
    """The plan page's link to its organisation tokens, for its coordinators
    (registry.PlanLink)."""
    if not policy.can_manage_plan(request.user, plan):
        return None
    return _("Organisation tokens"), reverse("api_tokens:plan_tokens", args=[plan.short_name])


@login_required
@require_safe
def plan_tokens(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = _plan_to_manage(request, short_name)
    return _plan_page(request, plan, _plan_form(plan))


@login_required
@require_POST
def plan_token_create(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = _plan_to_manage(request, short_name)
    form = _plan_form(plan, request.POST)
    if form.is_valid():
        try:
            _token, plain = services.organisation_token_create(
                organisation=form.cleaned_data["organisation"],
                name=form.cleaned_data["name"],
                created_by=cast(User, request.user),
                expires_at=form.expires_at,
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            return _plan_page(request, plan, _plan_form(plan), new_token=plain)
    return _plan_page(request, plan, form)


@login_required
@require_POST
def plan_token_revoke(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    plan = _plan_to_manage(request, short_name)
    token = get_object_or_404(ApiToken, kind=ApiToken.Kind.ORGANISATION, plan=plan, pk=pk)
    services.token_revoke(token=token, user=cast(User, request.user))
    messages.success(request, _("The token was revoked: it no longer works."))
    return redirect("api_tokens:plan_tokens", short_name=plan.short_name)
