"""Members pages (coordinators) and the password pages. Thin: services write, the policy decides."""

from __future__ import annotations

import json
from typing import cast

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from planmonitor.core.locking import EditConflict
from planmonitor.plans.access import plan_or_403
from planmonitor.plans.models import Plan

from . import selectors, services
from .forms import (
    MemberCreateForm,
    MemberFilterForm,
    MemberReassignForm,
    MembershipForm,
    StandInForm,
)
from .models import Membership, StandIn, User
from .policy import can_manage_members, can_reset_two_factor, stand_in_plan_ids


def _managed_plan(request: HttpRequest, short_name: str) -> Plan:
    """The plan named in the URL; 404 if unknown, 403 unless the policy lets the user manage it."""
    return plan_or_403(request, short_name, can_manage_members)


def _member(plan: Plan, user_id: int) -> User:
    return get_object_or_404(selectors.member_get_queryset(plan=plan), pk=user_id)


def _membership(member: User, membership_id: int) -> Membership:
    """One of the roles ``member`` holds in the plan (already loaded with them)."""
    for membership in member.plan_memberships:
        if membership.pk == membership_id:
            return membership
    raise Http404


def _site_root(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _valid_filters(form: MemberFilterForm) -> dict:
    """The filters that validated. An invalid one is shown as a form error; the rest apply."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return form.cleaned_data


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


def _back_to(request: HttpRequest, plan: Plan, member: User) -> HttpResponse:
    """The person's page, or the overview if the user just gave up managing this plan."""
    # ``member`` was reloaded and its cached roles dropped by the service: when it is the
    # user themselves, it answers for their new roles (request.user still has the old ones).
    if member.pk == request.user.pk and not can_manage_members(member, plan):
        return redirect("plans:overview")
    if not selectors.plan_roles_of(plan=plan, user=member):
        return redirect("accounts:member_list", short_name=plan.short_name)
    return redirect("accounts:member_detail", short_name=plan.short_name, user_id=member.pk)


# --- the list and a person's page ----------------------------------------------------


@login_required
@require_safe
def member_list(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = _managed_plan(request, short_name)
    form = MemberFilterForm(request.GET or None)
    filters = _valid_filters(form)
    rows = selectors.member_rows(selectors.member_list(plan=plan, **filters))
    context = {"plan": plan, "form": form, "rows": rows, "is_filtered": any(filters.values())}
    return render(request, "accounts/member_list.html", context)


@login_required
@require_safe
def member_detail(request: HttpRequest, short_name: str, user_id: int) -> HttpResponse:
    plan = _managed_plan(request, short_name)
    member = _member(plan, user_id)
    context = {
        "plan": plan,
        "member": member,
        "memberships": member.plan_memberships,
        "is_self": member.pk == request.user.pk,
        "awaits_password": not member.has_usable_password(),
        "two_factor_since": member.two_factor_enabled_at,
        "may_reset_two_factor": can_reset_two_factor(request.user, member, plan),
        "stand_ins": StandIn.objects.filter(plan=plan, person=member).select_related("stand_in"),
        "standing_in_for": StandIn.objects.filter(plan=plan, stand_in=member).select_related(
            "person"
        ),
        "stand_in_form": StandInForm(plan=plan, person=member),
        "today": timezone.localdate(),
    }
    return render(request, "accounts/member_detail.html", context)


# --- creating a person ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def member_create(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = _managed_plan(request, short_name)
    form = MemberCreateForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_create(
                plan=plan, site_root=_site_root(request), **form.member_values()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(person)s was added. We sent them an e-mail to choose their password.")
                % {"person": member},
            )
            return redirect("accounts:member_detail", short_name=plan.short_name, user_id=member.pk)
    return render(request, "accounts/member_create.html", {"plan": plan, "form": form})


@login_required
@require_POST
def member_invite(request: HttpRequest, short_name: str, user_id: int) -> HttpResponse:
    """Send the password link again, e.g. when the first one expired."""
    plan = _managed_plan(request, short_name)
    member = _member(plan, user_id)
    if member.has_usable_password() or not member.is_active:
        messages.error(request, _("This person has no pending invitation."))
    else:
        services.member_invitation_send(user=member, plan=plan, site_root=_site_root(request))
        messages.success(
            request,
            _("We sent %(person)s a new link to choose their password.") % {"person": member},
        )
    return redirect("accounts:member_detail", short_name=plan.short_name, user_id=member.pk)


# --- roles ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def membership_add(request: HttpRequest, short_name: str, user_id: int) -> HttpResponse:
    plan = _managed_plan(request, short_name)
    member = _member(plan, user_id)
    taken = {m.role for m in member.plan_memberships}
    form = MembershipForm(request.POST or None, plan=plan, taken_roles=taken)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_save(
                plan=plan, user=member, **form.membership_values()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(person)s is now also %(role)s.")
                % {"person": member, "role": membership.get_role_display().lower()},
            )
            return _back_to(request, plan, member)
    context = {"plan": plan, "member": member, "form": form, "membership": None}
    return render(request, "accounts/membership_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(
    request: HttpRequest, short_name: str, user_id: int, membership_id: int
) -> HttpResponse:
    plan = _managed_plan(request, short_name)
    member = _member(plan, user_id)
    membership = _membership(member, membership_id)
    taken = {m.role for m in member.plan_memberships} - {membership.role}
    initial = {
        "role": membership.role,
        "organisation": membership.organisation,
        "ministers": list(membership.ministers.all()),
    }
    form = MembershipForm(request.POST or None, plan=plan, taken_roles=taken, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_save(
                plan=plan, user=member, membership=membership, **form.membership_values()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The role of %(person)s was saved.") % {"person": member})
            return _back_to(request, plan, member)
    context = {"plan": plan, "member": member, "form": form, "membership": membership}
    return render(request, "accounts/membership_form.html", context)


@login_required
@require_POST
def membership_remove(
    request: HttpRequest, short_name: str, user_id: int, membership_id: int
) -> HttpResponse:
    plan = _managed_plan(request, short_name)
    member = _member(plan, user_id)
    membership = _membership(member, membership_id)
    role = membership.get_role_display()
    try:
        services.membership_remove(membership=membership)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("%(person)s no longer has the role %(role)s.") % {"person": member, "role": role},
        )
    return _back_to(request, plan, member)


# --- deactivating a leaver -------------------------------------------------------------------


def _member_change(request, short_name: str, user_id: int, service, success: str) -> HttpResponse:
    """A coordinator changes a member's account: the service decides, the page says how it went."""
    plan = _managed_plan(request, short_name)
    member = _member(plan, user_id)
    try:
        service(user=member, actor=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, success % {"person": member})
    return redirect("accounts:member_detail", short_name=plan.short_name, user_id=member.pk)


@login_required
@require_POST
def member_deactivate(request: HttpRequest, short_name: str, user_id: int) -> HttpResponse:
    return _member_change(
        request,
        short_name,
        user_id,
        services.user_deactivate,
        _("%(person)s was deactivated and can no longer log in. Their roles and history stay."),
    )


@login_required
@require_POST
def member_reactivate(request: HttpRequest, short_name: str, user_id: int) -> HttpResponse:
    return _member_change(
        request,
        short_name,
        user_id,
        services.user_reactivate,
        _("%(person)s was reactivated and can log in again."),
    )


@login_required
@require_POST
def member_two_factor_reset(request: HttpRequest, short_name: str, user_id: int) -> HttpResponse:
    """Someone lost their phone: clear their two-step login so they can set it up again."""
    return _member_change(
        request,
        short_name,
        user_id,
        services.two_factor_reset,
        _(
            "The two-step login of %(person)s was reset. At their next login they set it "
            "up again with a new app."
        ),
    )


# --- passwords --------------------------------------------------------------------------------


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's view; a new password chosen through the mailed link also lifts a login lockout.

    Whoever followed the link controls the account's mailbox, so the failed attempts
    that locked the account (perhaps someone else's guessing) no longer matter.
    """

    def form_valid(self, form):
        response = super().form_valid(form)
        services.login_lockout_clear(user=form.user)
        return response


# --- people change: a person's roles to another, stand-ins during leave ------------------


@login_required
@require_http_methods(["GET", "POST"])
def member_reassign(request: HttpRequest, short_name: str) -> HttpResponse:
    """A staff change: tick the roles of one person that go to another; preview; confirm."""
    plan = _managed_plan(request, short_name)
    form = MemberReassignForm(request.POST or request.GET or None, plan=plan)
    context: dict = {"plan": plan, "form": form}
    status = 200
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        candidates = list(
            Membership.objects.filter(plan=plan, user=data["from_user"]).prefetch_related(
                "ministers"
            )
        )
        chosen = {m.pk for m in data["memberships"]}
        selected = [m for m in candidates if m.pk in chosen]
        if request.method == "POST" and data["confirm"]:
            try:
                seen = {int(k): v for k, v in json.loads(data["seen"] or "{}").items()}
                moved = services.memberships_move(
                    plan=plan, from_user=data["from_user"], to_user=data["to_user"], expected=seen
                )
            except (EditConflict, ValueError):
                messages.error(
                    request,
                    _("These roles changed after your preview. Nothing was moved: check again."),
                )
                status = 409
            except ValidationError as error:
                _refused(request, error)
            else:
                messages.success(
                    request,
                    _("%(count)d roles moved to %(person)s.")
                    % {"count": len(moved), "person": data["to_user"]},
                )
                return redirect(
                    "accounts:member_detail", short_name=plan.short_name, user_id=data["to_user"].pk
                )
        seen_now = {m.pk: services.membership_fingerprint(m) for m in selected}
        context.update(
            candidates=candidates,
            selected=selected,
            preview=request.method == "POST",
            seen=json.dumps(seen_now),
        )
    return render(request, "accounts/member_reassign.html", context, status=status)


def _stand_in_add(request: HttpRequest, plan: Plan, person: User) -> None:
    """Arrange a stand-in for ``person`` from the posted form; the messages say how it went.

    The coordinator's path (a person's page) and the person's own (``vervanging/``).
    """
    form = StandInForm(request.POST, plan=plan, person=person)
    if form.is_valid():
        try:
            row = services.stand_in_add(plan=plan, person=person, **form.cleaned_data)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("%(person)s stands in.") % {"person": row.stand_in})
    else:
        for field in form:
            for text in field.errors:
                messages.error(request, f"{field.label}: {text}")


def _stand_in_end(request: HttpRequest, row: StandIn) -> None:
    services.stand_in_end(stand_in=row)
    messages.success(request, _("The stand-in was ended."))


@login_required
@require_POST
def stand_in_add(request: HttpRequest, short_name: str, user_id: int) -> HttpResponse:
    plan = _managed_plan(request, short_name)
    member = _member(plan, user_id)
    _stand_in_add(request, plan, member)
    return redirect("accounts:member_detail", short_name=plan.short_name, user_id=member.pk)


@login_required
@require_POST
def stand_in_end(request: HttpRequest, short_name: str, user_id: int, pk: int) -> HttpResponse:
    plan = _managed_plan(request, short_name)
    member = _member(plan, user_id)
    _stand_in_end(request, get_object_or_404(StandIn, plan=plan, person=member, pk=pk))
    return redirect("accounts:member_detail", short_name=plan.short_name, user_id=member.pk)


# --- one's own stand-ins during leave (owners and contributors) ----------------------------


def _own_stand_in_plans(request: HttpRequest) -> list[Plan]:
    """The plans where the user may lend their roles; 403 for someone with none."""
    plan_ids = stand_in_plan_ids(request.user)
    if not plan_ids:
        raise PermissionDenied
    return list(Plan.objects.filter(pk__in=plan_ids).order_by("short_name"))


@login_required
@require_safe
def own_stand_ins(request: HttpRequest) -> HttpResponse:
    """Who stands in for me (running and coming), whom I stand in for; add one per plan."""
    plans = _own_stand_in_plans(request)
    user = cast(User, request.user)  # signed in: @login_required
    today = timezone.localdate()
    mine, for_others = selectors.own_stand_ins(user=user, today=today)
    forms = [
        (plan, StandInForm(plan=plan, person=user, auto_id=f"id_{plan.pk}_%s")) for plan in plans
    ]
    context = {"stand_ins": mine, "standing_in_for": for_others, "forms": forms, "today": today}
    return render(request, "accounts/own_stand_ins.html", context)


@login_required
@require_POST
def own_stand_in_add(request: HttpRequest, short_name: str) -> HttpResponse:
    plans = {plan.short_name: plan for plan in _own_stand_in_plans(request)}
    if short_name not in plans:
        raise PermissionDenied
    _stand_in_add(request, plans[short_name], cast(User, request.user))
    return redirect("accounts:own_stand_ins")


@login_required
@require_POST
def own_stand_in_end(request: HttpRequest, pk: int) -> HttpResponse:
    _own_stand_in_plans(request)
    _stand_in_end(request, get_object_or_404(StandIn, person=request.user, pk=pk))
    return redirect("accounts:own_stand_ins")
