"""The plan page (for everyone who may see the plan) and the coordinator's pages behind it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from planmonitor.accounts import policy
from planmonitor.core import locking, registry
from planmonitor.core.forms import show_refusal
from planmonitor.core.registry import CalendarDate

from .. import selectors, services
from ..access import plan_or_403
from ..forms import DecisionForm, FingerprintedForm, PlanForm, PublicationForm
from ..models import Plan, PlanDecision


def _calendar(plan: Plan, request: HttpRequest | None = None) -> list[CalendarDate]:
    """The plan's dates in order: its period and its evaluations, and with a ``request``
    what the apps add for this visitor (the reporting rounds' due dates)."""
    rows: list[tuple[dt.date | None, str]] = [
        (plan.period_start, _("Start of the plan period")),
        (plan.interim_evaluation_due, _("Interim evaluation due")),
        (plan.final_evaluation_due, _("Final evaluation due")),
        (plan.period_end, _("End of the plan period")),
    ]
    dates = [CalendarDate(day, label) for day, label in rows if day is not None]
    if request is not None:
        for source in registry.registered(registry.CalendarSource):
            dates += source.dates(request, plan)
    return sorted(dates, key=lambda row: row.date)  # stable: equal dates keep their order


@require_safe
def plan_detail(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = selectors.plan_for_page(short_name=short_name)
    if plan is None:
        raise Http404(_("No such plan."))
    user = request.user
    if not policy.can_view_plan(user, plan):
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    return render(
        request,
        "plans/plan/plan_detail.html",
        {
            "plan": plan,
            "decisions": list(selectors.plan_decisions(plan=plan)),
            "calendar": _calendar(plan, request),
            "can_edit": policy.can_edit_plan(user, plan),
            "can_publish": policy.can_publish_plan(user, plan),
            "can_create_action": policy.can_create_action(user, plan),
            "can_view_history": policy.can_read_history(user, plan),
            "links": _links(request, plan),
        },
    )


def _links(request: HttpRequest, plan: Plan) -> list[dict]:
    """What the apps link from the plan page for this visitor (evaluation: the versions)."""
    links = []
    for link in registry.registered(registry.PlanLink):
        url = link.url(request, plan)
        if url:
            links.append({"url": url, "label": link.label})
    return links


def _managed_plan(request: HttpRequest, short_name: str) -> Plan:
    return plan_or_403(request, short_name, policy.can_edit_plan)


@dataclass(frozen=True)
class EditTexts:
    """What an edit page of the plan says: its title, its two refusals and its success."""

    title: str
    conflict: str
    invalid: str
    saved: str


def _conflict(form: FingerprintedForm, current: models.Model) -> list[dict]:
    """What someone else saved meanwhile; the form moves to it, keeping the editor's input."""
    names = form.FINGERPRINT_FIELDS
    fresh = type(form)(instance=current)
    rows = locking.changed_fields(form, fresh, current, names)
    locking.move_to(form, "loaded", locking.fingerprint(current, names))
    return rows


def _edit_page(
    request: HttpRequest,
    plan: Plan,
    form_class: type[FingerprintedForm],
    instance: models.Model,
    save: Callable,
    texts: EditTexts,
) -> HttpResponse:
    """The plan's edit pages: the form, its save through ``save(form)``, a conflict (409)."""
    attempt = locking.SaveAttempt()
    if request.method == "POST":
        form = form_class(request.POST, instance=instance)
        if form.is_valid():
            attempt = locking.attempt_save(
                partial(save, form),
                on_conflict=lambda current: _conflict(form, current),
                on_invalid=lambda error: show_refusal(form, error),
            )
            if attempt.done:
                messages.success(request, texts.saved)
                return redirect("plans:plan_detail", short_name=plan.short_name)
    else:
        form = form_class(instance=instance)
    return render(
        request,
        "plans/plan/edit_form.html",
        {"plan": plan, "form": form, "texts": texts, "conflict": attempt.conflict},
        status=attempt.status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = _managed_plan(request, short_name)

    def save(form: PlanForm) -> Plan:
        return services.plan_update(
            plan_id=plan.pk,
            values=form.values(),
            expected_fingerprint=form.cleaned_data["loaded"],
            editor=request.user,
        )

    texts = EditTexts(
        title=_("Edit the plan"),
        conflict=_("Someone else saved the plan while you were editing it"),
        invalid=_("The plan could not be saved"),
        saved=_("The plan was saved."),
    )
    # Its own copy: a refused form writes its input onto its instance.
    instance = Plan.objects.get(pk=plan.pk)
    return _edit_page(request, plan, PlanForm, instance, save, texts)


def _decision(plan: Plan, decision_id: int) -> PlanDecision:
    return get_object_or_404(PlanDecision, pk=decision_id, plan=plan)


def _decision_texts(title: str) -> EditTexts:
    return EditTexts(
        title=title,
        conflict=_("Someone else saved this decision while you were editing it"),
        invalid=_("The decision could not be saved"),
        saved=_("The decision was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_add(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = _managed_plan(request, short_name)

    def save(form: DecisionForm) -> PlanDecision:
        return services.decision_add(plan=plan, values=form.values(), editor=request.user)

    texts = _decision_texts(_("Add a decision"))
    return _edit_page(request, plan, DecisionForm, PlanDecision(plan=plan), save, texts)


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request: HttpRequest, short_name: str, decision_id: int) -> HttpResponse:
    plan = _managed_plan(request, short_name)
    decision = _decision(plan, decision_id)

    def save(form: DecisionForm) -> PlanDecision:
        return services.decision_update(
            decision_id=decision.pk,
            values=form.values(),
            expected_fingerprint=form.cleaned_data["loaded"],
            editor=request.user,
        )

    texts = _decision_texts(_("Edit decision"))
    return _edit_page(request, plan, DecisionForm, decision, save, texts)


@login_required
@require_http_methods(["GET", "POST"])
def decision_remove(request: HttpRequest, short_name: str, decision_id: int) -> HttpResponse:
    """GET asks to confirm; POST removes (the decision's history keeps what it said)."""
    plan = _managed_plan(request, short_name)
    decision = _decision(plan, decision_id)
    if request.method == "POST":
        services.decision_remove(decision_id=decision.pk, editor=request.user)
        messages.success(request, _("The decision was removed."))
        return redirect("plans:plan_detail", short_name=plan.short_name)
    return render(request, "plans/plan/decision_remove.html", {"plan": plan, "decision": decision})


def _publication(request: HttpRequest, short_name: str, *, publish: bool) -> HttpResponse:
    """Preview what the public site shows of the plan, then publish or unpublish on confirmation."""
    plan = plan_or_403(request, short_name, policy.can_publish_plan)
    problems = selectors.publication_problems(plan=plan) if publish else []
    form = PublicationForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            if publish:
                services.plan_publish(plan_id=plan.pk, editor=request.user)
            else:
                services.plan_unpublish(plan_id=plan.pk, editor=request.user)
        except services.PlanNotReady as refused:
            problems, status = refused.problems, refused.status
        else:
            messages.success(
                request,
                _("The plan is published.") if publish else _("The plan is no longer published."),
            )
            return redirect("plans:plan_detail", short_name=plan.short_name)
    return render(
        request,
        "plans/plan/publication.html",
        {
            "plan": plan,
            "publish": publish,
            "problems": problems,
            "form": form,
            "preview": selectors.publication_preview(plan=plan),
            "decisions": list(selectors.plan_decisions(plan=plan)),
            "calendar": _calendar(plan),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_publish(request: HttpRequest, short_name: str) -> HttpResponse:
    return _publication(request, short_name, publish=True)


@login_required
@require_http_methods(["GET", "POST"])
def plan_unpublish(request: HttpRequest, short_name: str) -> HttpResponse:
    return _publication(request, short_name, publish=False)
