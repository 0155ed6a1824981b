"""The coordinator's publication page of a plan: its rounds, the reports held back, the
evaluation reports; a button per step (POST, then back to the page with a message) and
the preview of the public site."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from planmonitor.accounts import policy
from planmonitor.core.errors import message_for
from planmonitor.core.forms import show_refusal
from planmonitor.monitoring.models import ReportingRound
from planmonitor.plans import selectors as plan_selectors
from planmonitor.plans.access import plan_or_403
from planmonitor.plans.models import Plan

from .. import preview
from ..models import WithheldReport
from . import selectors, services
from .forms import EvaluationPublishForm, PreviewForm, StepForm, WithholdForm


def plan_page_link(request: HttpRequest, plan: Plan) -> tuple[Any, str] | None:
    """The plan page's link to this page, for whoever may publish (registry.PlanLink)."""
    if not policy.can_publish_plan(request.user, plan):
        return None
    return _("Publication"), reverse("publication:plan", args=[plan.short_name])


def _plan(request: HttpRequest, short_name: str) -> Plan:
    return plan_or_403(request, short_name, policy.can_publish_plan)


def _back(plan: Plan) -> HttpResponse:
    return redirect("publication:plan", short_name=plan.short_name)


def _page(
    request: HttpRequest, plan: Plan, withhold_form: WithholdForm | None = None
) -> HttpResponse:
    rows = selectors.round_rows(plan=plan)
    round_choices = [(row.round.pk, row.round.name) for row in rows]
    if withhold_form is None:
        withhold_form = WithholdForm(
            rounds=round_choices, actions=selectors.action_choices(plan=plan)
        )
    return render(
        request,
        "portal/publication/plan.html",
        {
            "plan": plan,
            "rows": rows,
            "jobs": selectors.evaluation_jobs(plan=plan),
            "example_data": plan_selectors.plan_holds_example_data(plan=plan),
            "withhold_form": withhold_form,
            "preview_form": PreviewForm(rounds=round_choices),
            "previewing": bool(request.session.get(preview.SESSION_KEY)),
        },
    )


@login_required
@require_safe
def plan(request: HttpRequest, short_name: str) -> HttpResponse:
    return _page(request, _plan(request, short_name))


def _step(request: HttpRequest, plan: Plan, step: Any, done: str) -> HttpResponse:
    """Run a button's step: its message, a refusal's as an error, and back to the page."""
    if StepForm(request.POST).is_valid():
        try:
            step()
        except services.PublicationRefused as refused:
            messages.error(request, message_for(refused))
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, done)
    return _back(plan)


def _round(plan: Plan, round_id: int) -> ReportingRound:
    return get_object_or_404(ReportingRound, pk=round_id, plan=plan)


def _round_step(
    request: HttpRequest, short_name: str, round_id: int, *, publish: bool
) -> HttpResponse:
    plan = _plan(request, short_name)
    reporting_round = _round(plan, round_id)
    service = services.round_publish if publish else services.round_unpublish
    done = (
        _("The progress of %(round)s is published.")
        if publish
        else _("The progress of %(round)s is no longer published.")
    ) % {"round": reporting_round.name}
    return _step(
        request, plan, lambda: service(round_id=reporting_round.pk, editor=request.user), done
    )


@login_required
@require_POST
def round_publish(request: HttpRequest, short_name: str, round_id: int) -> HttpResponse:
    return _round_step(request, short_name, round_id, publish=True)


@login_required
@require_POST
def round_unpublish(request: HttpRequest, short_name: str, round_id: int) -> HttpResponse:
    return _round_step(request, short_name, round_id, publish=False)


@login_required
@require_POST
def report_withhold(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = _plan(request, short_name)
    rounds = [(r.pk, r.name) for r in ReportingRound.objects.filter(plan=plan)]
    form = WithholdForm(request.POST, rounds=rounds, actions=selectors.action_choices(plan=plan))
    if form.is_valid():
        try:
            withheld = services.report_withhold(
                round_id=form.cleaned_data["round"],
                action_id=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
                editor=request.user,
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(
                request,
                _("The report of %(action)s in %(round)s is held back.")
                % {"action": withheld.action.code, "round": withheld.round.name},
            )
            return _back(plan)
    return _page(request, plan, withhold_form=form)


@login_required
@require_POST
def report_release(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    plan = _plan(request, short_name)
    withheld = get_object_or_404(
        WithheldReport.objects.select_related("action", "round"), pk=pk, round__plan=plan
    )

    def step() -> None:
        services.report_release(withheld_id=withheld.pk, editor=request.user)

    done = _("The report of %(action)s in %(round)s is no longer held back.") % {
        "action": withheld.action.code,
        "round": withheld.round.name,
    }
    return _step(request, plan, step, done)


@login_required
@require_POST
def evaluation_publish(request: HttpRequest, short_name: str, job_id: int) -> HttpResponse:
    plan = _plan(request, short_name)
    job = get_object_or_404(services.finished_jobs(plan).defer("file"), pk=job_id)
    form = EvaluationPublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the report a title for the public site."))
        return _back(plan)

    def step() -> None:
        services.evaluation_publish(
            job_id=job.pk, title=form.cleaned_data["title"], editor=request.user
        )

    done = _("The evaluation report %(title)s is published.") % {
        "title": form.cleaned_data["title"]
    }
    return _step(request, plan, step, done)


@login_required
@require_POST
def evaluation_unpublish(request: HttpRequest, short_name: str, job_id: int) -> HttpResponse:
    plan = _plan(request, short_name)
    job = get_object_or_404(services.finished_jobs(plan).defer("file"), pk=job_id)

    def step() -> None:
        services.evaluation_unpublish(job_id=job.pk, editor=request.user)

    return _step(request, plan, step, _("The evaluation report is no longer published."))


@login_required
@require_POST
def preview_start(request: HttpRequest, short_name: str) -> HttpResponse:
    """The public site as it would be with the plan and the chosen rounds published."""
    plan = _plan(request, short_name)
    rounds = [(r.pk, r.name) for r in ReportingRound.objects.filter(plan=plan)]
    form = PreviewForm(request.POST, rounds=rounds)
    if not form.is_valid():
        messages.error(request, _("Choose rounds of this plan to preview."))
        return _back(plan)
    # No message: the portal's pages show none; their preview banner says it instead.
    preview.start(request, plan=plan, round_ids=form.cleaned_data["rounds"])
    return redirect("portal:plan", short_name=plan.short_name)


@login_required
@require_POST
def preview_stop(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = _plan(request, short_name)
    if StepForm(request.POST).is_valid():
        preview.stop(request)
        messages.success(request, _("The preview is stopped."))
    return _back(plan)
