"""Pages of plan versions and revisions: small function views; the services write, the
selectors read, the policy decides."""

from __future__ import annotations

import functools
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from planmonitor.accounts import policy
from planmonitor.core import locking
from planmonitor.core.errors import Forbidden
from planmonitor.core.forms import show_refusal
from planmonitor.plans.access import plan_or_403
from planmonitor.plans.models import Plan
from planmonitor.plans.transfer.exporting import XLSX_CONTENT_TYPE

from . import comparing, exporting, selectors, services
from .forms import ApproveForm, ChangeForm, CompareForm, FirstVersionForm, RevisionOpenForm
from .models import RevisionChange


def _may_propose_any(user, plan) -> bool:
    return policy.can_open_revision_change(user, plan)


class _SignIn(Exception):
    pass


def _versions_plan(request: HttpRequest, short_name: str):
    """The plan whose versions are asked: the public may read a published plan's; anyone
    else not allowed is sent to sign in (anonymous) or refused."""
    plan = get_object_or_404(Plan, short_name=short_name)
    if not policy.can_view_versions(request.user, plan):
        if not request.user.is_authenticated:
            raise _SignIn
        raise PermissionDenied
    return plan


def _signs_in(view):
    """Send an anonymous visitor the versions refuse to the login page (as the plan page does)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _SignIn:
            return redirect_to_login(request.get_full_path())

    return wrapper


# --- versions --------------------------------------------------------------------------------


@require_safe
@_signs_in
def version_list(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = _versions_plan(request, short_name)
    items = selectors.versions(plan)
    return render(
        request,
        "evaluation/revisions/version_list.html",
        {
            "plan": plan,
            "versions": items,
            "can_record_first": not items and policy.can_manage_revisions(request.user, plan),
            "can_view_revisions": policy.can_view_revisions(request.user, plan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_record_first(request: HttpRequest, short_name: str) -> HttpResponse:
    """The coordinator records the approved plan, as it stands, as version 1."""
    plan = plan_or_403(request, short_name, policy.can_manage_revisions)
    decision = plan.decisions.filter(kind="government").order_by("date").first()
    initial: dict[str, Any] = {"effective_date": timezone.localdate()}
    if decision is not None:
        initial.update(decision_date=decision.date, decision_reference=decision.reference)
    form = FirstVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.version_record_first(plan=plan, user=request.user, **form.cleaned_data)
        messages.success(request, _("The approved plan was recorded as version 1."))
        return redirect("evaluation:version_list", short_name=plan.short_name)
    return render(request, "evaluation/revisions/version_first.html", {"plan": plan, "form": form})


@require_safe
@_signs_in
def version_detail(request: HttpRequest, short_name: str, number: int) -> HttpResponse:
    plan = _versions_plan(request, short_name)
    version = selectors.version_or_404(plan, number)
    return render(
        request,
        "evaluation/revisions/version_detail.html",
        {"plan": plan, "version": version, "content": version.content},
    )


def _comparison(request: HttpRequest, short_name: str):
    plan = _versions_plan(request, short_name)
    form = CompareForm(request.GET)
    if not form.is_valid():
        raise Http404(_("Choose two versions to compare."))
    last = plan.versions.order_by("-number").values_list("number", flat=True).first()
    if last is None:
        raise Http404(_("The plan has no recorded version yet."))
    # Without a choice: the last version against the one before it.
    high = form.cleaned_data.get("naar") or last
    low = form.cleaned_data.get("van") or max(1, high - 1)
    old = get_object_or_404(plan.versions.all(), number=low)
    new = get_object_or_404(plan.versions.all(), number=high)
    changes = selectors.changes_between(plan, min(low, high), max(low, high))
    if low <= high:
        result = comparing.compare(old.content, new.content, changes)
    else:  # backwards: what the later version undid, without the reasons' direction
        result = comparing.compare(old.content, new.content, [])
    return plan, old, new, result


@require_safe
@_signs_in
def version_compare(request: HttpRequest, short_name: str) -> HttpResponse:
    plan, old, new, result = _comparison(request, short_name)
    return render(
        request,
        "evaluation/revisions/version_compare.html",
        {
            "plan": plan,
            "old": old,
            "new": new,
            "result": result,
            "versions": selectors.versions(plan),
        },
    )


@require_safe
@_signs_in
def version_compare_xlsx(request: HttpRequest, short_name: str) -> FileResponse:
    plan, old, new, result = _comparison(request, short_name)
    buffer = io.BytesIO()
    exporting.write_comparison_xlsx(buffer, result)
    buffer.seek(0)
    response = FileResponse(
        buffer,
        as_attachment=True,
        filename=f"{plan.short_name}-versie-{old.number}-{new.number}.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


# --- revisions -------------------------------------------------------------------------------


@login_required
@require_safe
def revision_list(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_view_revisions)
    return render(
        request,
        "evaluation/revisions/revision_list.html",
        {
            "plan": plan,
            "revisions": list(selectors.revisions(plan)),
            "can_open": policy.can_manage_revisions(request.user, plan)
            and selectors.has_version(plan)
            and selectors.draft(plan) is None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def revision_open(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_manage_revisions)
    form = RevisionOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        revision = services.revision_open(
            plan=plan, name=form.cleaned_data["name"], user=request.user
        )
        messages.success(request, _("The draft revision was opened."))
        return redirect("evaluation:revision_detail", short_name=plan.short_name, pk=revision.pk)
    return render(request, "evaluation/revisions/revision_open.html", {"plan": plan, "form": form})


@login_required
@require_safe
def revision_detail(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_view_revisions)
    revision = selectors.revision_or_404(plan, pk)
    changes = list(selectors.changes(revision))
    user = request.user
    lines = selectors.proposed_lines(changes)
    for change in changes:
        change.proposed_lines = lines[change.pk]  # type: ignore[attr-defined]
        change.may_edit = revision.is_draft and services.may_propose(  # type: ignore[attr-defined]
            user, revision, action=change.action, values=services._safe(revision, change)
        )
    return render(
        request,
        "evaluation/revisions/revision_detail.html",
        {
            "plan": plan,
            "revision": revision,
            "changes": changes,
            "can_manage": revision.is_draft and policy.can_manage_revisions(user, plan),
            "can_propose": revision.is_draft and _may_propose_any(user, plan),
        },
    )


def _change_page(request, plan, revision, form, change=None, status=200, conflict=None):
    return render(
        request,
        "evaluation/revisions/change_form.html",
        {"plan": plan, "revision": revision, "form": form, "change": change, "conflict": conflict},
        status=status,
    )


def _draft_for_proposals(request: HttpRequest, short_name: str, pk: int):
    plan = plan_or_403(request, short_name, _may_propose_any)
    revision = selectors.revision_or_404(plan, pk)
    if not revision.is_draft:
        raise Forbidden(_("This revision is no longer a draft."))
    return plan, revision


@login_required
@require_http_methods(["GET", "POST"])
def revision_change_add(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    plan, revision = _draft_for_proposals(request, short_name, pk)
    form = ChangeForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_add(
                revision=revision,
                kind=form.cleaned_data["kind"],
                action=form.cleaned_data["action"],
                values=form.proposed_values(),
                merge_target=form.cleaned_data["merge_target"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The change was proposed."))
            return redirect("evaluation:revision_detail", short_name=plan.short_name, pk=pk)
    return _change_page(request, plan, revision, form)


def _change_or_404(revision, change_pk: int) -> RevisionChange:
    return get_object_or_404(
        RevisionChange.objects.select_related("action", "merge_target"),
        revision=revision,
        pk=change_pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def revision_change_edit(
    request: HttpRequest, short_name: str, pk: int, change_pk: int
) -> HttpResponse:
    plan, revision = _draft_for_proposals(request, short_name, pk)
    change = _change_or_404(revision, change_pk)
    if not services.may_propose(
        request.user, revision, action=change.action, values=services._safe(revision, change)
    ):
        raise Forbidden(_("Only who may propose this change can edit it."))
    form = ChangeForm(request.POST or None, plan=plan, change=change)
    if request.method == "POST" and form.is_valid():
        attempt = locking.attempt_save(
            lambda: services.change_update(
                change=change,
                version=form.cleaned_data["version"] or 0,
                values=form.proposed_values(),
                merge_target=form.cleaned_data["merge_target"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            ),
            on_conflict=lambda current: _moved(form, current),  # type: ignore[arg-type]
            on_invalid=lambda error: show_refusal(form, error),
        )
        if attempt.done:
            messages.success(request, _("The change was saved."))
            return redirect("evaluation:revision_detail", short_name=plan.short_name, pk=pk)
        if attempt.conflict is not None:
            return _change_page(request, plan, revision, form, change, 409, attempt.conflict)
    return _change_page(request, plan, revision, form, change)


def _moved(form: ChangeForm, current: RevisionChange) -> list[dict]:
    locking.move_to(form, "version", current.version)
    return [{"label": _("reason"), "saved": current.reason}]


@login_required
@require_POST
def revision_change_remove(
    request: HttpRequest, short_name: str, pk: int, change_pk: int
) -> HttpResponse:
    plan, revision = _draft_for_proposals(request, short_name, pk)
    change = _change_or_404(revision, change_pk)
    services.change_remove(change=change, user=request.user)
    messages.success(request, _("The proposed change was removed."))
    return redirect("evaluation:revision_detail", short_name=plan.short_name, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def revision_approve(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_manage_revisions)
    revision = selectors.revision_or_404(plan, pk)
    if not revision.is_draft:
        raise Forbidden(_("This revision is no longer a draft."))
    form = ApproveForm(request.POST or None, initial={"version": revision.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        values.pop("budget_changes")
        expected = values.pop("version")
        attempt = locking.attempt_save(
            lambda: services.revision_approve(
                revision=revision, version=expected, user=request.user, **values
            ),
            on_conflict=lambda current: [],
            on_invalid=lambda error: show_refusal(form, error),
        )
        if attempt.done:
            messages.success(
                request,
                _("The revision was approved: version %(number)s is in force.")
                % {"number": attempt.saved.number},
            )
            return redirect(
                "evaluation:version_detail", short_name=plan.short_name, number=attempt.saved.number
            )
        if attempt.conflict is not None:
            form.add_error(None, _("Someone changed the revision meanwhile: look again."))
            locking.move_to(form, "version", attempt.current.version)
            status = 409
    return render(
        request,
        "evaluation/revisions/revision_approve.html",
        {"plan": plan, "revision": revision, "form": form},
        status=status,
    )


@login_required
@require_POST
def revision_withdraw(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_manage_revisions)
    revision = selectors.revision_or_404(plan, pk)
    if not revision.is_draft:
        raise Forbidden(_("This revision is no longer a draft."))
    services.revision_withdraw(revision=revision, version=revision.version, user=request.user)
    messages.success(request, _("The revision was withdrawn."))
    return redirect("evaluation:revision_list", short_name=plan.short_name)
