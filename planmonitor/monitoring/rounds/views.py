"""Reporting-round pages: the rounds of a plan, opening one, who reported, closing and re-opening.

Thin: the policy decides, services write, selectors read.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from planmonitor.accounts import policy
from planmonitor.core import paging
from planmonitor.monitoring.models import ReportingRound, RoundStatus
from planmonitor.monitoring.workflow import OwnerState
from planmonitor.plans.access import plan_or_403
from planmonitor.plans.models import Plan

from . import selectors, services
from .forms import RoundFilterForm, RoundForm, default_name, default_period


def _plan_for_rounds(request: HttpRequest, short_name: str) -> Plan:
    """The plan in the URL: 404 if unknown, 403 unless the user may follow its rounds."""
    return plan_or_403(request, short_name, policy.can_view_rounds)


def _managed_plan(request: HttpRequest, short_name: str) -> Plan:
    return plan_or_403(request, short_name, policy.can_manage_rounds)


@login_required
@require_safe
def round_list(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = _plan_for_rounds(request, short_name)
    today = timezone.localdate()
    rounds = list(selectors.round_list(plan=plan, today=today))
    return render(
        request,
        "monitoring/rounds/round_list.html",
        {
            "plan": plan,
            "rounds": rounds,
            "today": today,
            "can_manage": policy.can_manage_rounds(request.user, plan),
        },
    )


# The buttons that change the selection of actions instead of opening the round.
SELECT_ALL, SELECT_NONE, SELECT_RUNNING, SELECT_GOAL = "all", "none", "running", "goal:"


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = _managed_plan(request, short_name)
    if request.method == "GET":
        form = RoundForm(initial=_initial(plan), plan=plan)
    elif command := request.POST.get("select", ""):
        form = _reselected(request, plan, command)
    else:
        form = RoundForm(request.POST, plan=plan)
        if form.is_valid():
            data = form.cleaned_data
            try:
                reporting_round = services.round_open(
                    plan=plan,
                    name=data["name"],
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    due_date=data["due_date"],
                    reminder_days=data["reminder_days"],
                    actions=data["actions"],
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                count = len(data["actions"])
                messages.success(
                    request,
                    ngettext(
                        "The round %(name)s is open: %(count)s report to write.",
                        "The round %(name)s is open: %(count)s reports to write.",
                        count,
                    )
                    % {"name": reporting_round.name, "count": count},
                )
                return redirect(
                    "monitoring:round_detail", short_name=plan.short_name, pk=reporting_round.pk
                )
    return render(request, "monitoring/rounds/round_form.html", {"plan": plan, "form": form})


def _initial(plan: Plan) -> dict:
    """The current half-year, preselecting the actions running in it."""
    start, end, due = default_period(timezone.localdate())
    running = services.actions_running_in(plan=plan, period_start=start, period_end=end)
    return {
        "name": default_name(start),
        "period_start": start,
        "period_end": end,
        "due_date": due,
        "reminder_days": 7,
        "actions": list(running.values_list("pk", flat=True)),
    }


def _reselected(request: HttpRequest, plan: Plan, command: str) -> RoundForm:
    """The form as typed, with another selection of actions; nothing is validated or saved."""
    posted = request.POST
    initial = {
        name: posted.get(name, "")
        for name in ("name", "period_start", "period_end", "due_date", "reminder_days")
    }
    form = RoundForm(plan=plan)
    choices = form.fields["actions"].queryset
    chosen = set(posted.getlist("actions"))
    if command == SELECT_ALL:
        chosen = {str(pk) for pk in choices.values_list("pk", flat=True)}
    elif command == SELECT_NONE:
        chosen = set()
    elif command.startswith(SELECT_GOAL):
        goal = choices.filter(operational_goal__code=command.removeprefix(SELECT_GOAL))
        chosen |= {str(pk) for pk in goal.values_list("pk", flat=True)}
    elif command == SELECT_RUNNING:
        period = _period(form, initial)
        if period is None:
            messages.warning(request, _("Give a valid period first: start and end, dd/mm/jjjj."))
        else:
            running = services.actions_running_in(
                plan=plan, period_start=period[0], period_end=period[1]
            )
            chosen = {str(pk) for pk in running.values_list("pk", flat=True)}
    return RoundForm(initial={**initial, "actions": sorted(chosen)}, plan=plan)


def _period(form: RoundForm, raw: dict):
    try:
        start = form.fields["period_start"].clean(raw["period_start"])
        end = form.fields["period_end"].clean(raw["period_end"])
    except ValidationError:
        return None
    return (start, end) if start <= end else None


# Reports per page: a round of the real plan (115 actions, ~150 later) stays on one page.
ROUND_PER_PAGE = 200


@login_required
@require_safe
def round_detail(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    plan = _plan_for_rounds(request, short_name)
    reporting_round = get_object_or_404(ReportingRound, plan=plan, pk=pk)
    today = timezone.localdate()
    form = RoundFilterForm(request.GET or None)
    wanted = form.cleaned_data["state"] if form.is_valid() else ""
    summary = selectors.round_summary(reporting_round=reporting_round, today=today)
    counts = {value: count for value, _label, count in summary}
    total = sum(counts.get(state, 0) for state in OwnerState.values)
    reports = selectors.round_reports(reporting_round=reporting_round, today=today, state=wanted)
    # The summary has counted them already: the paginator needs no COUNT query of its own.
    page = paging.page_of(
        request, reports, ROUND_PER_PAGE, count=counts[wanted] if wanted else total
    )
    return render(
        request,
        "monitoring/rounds/round_detail.html",
        {
            "plan": plan,
            "round": reporting_round,
            "rows": selectors.round_rows(
                reporting_round=reporting_round, reports=page.object_list, today=today
            ),
            "page": page,
            "page_query": paging.filter_query(request, form.fields),
            "shown": page.paginator.count,
            "total": total,
            "summary": summary,
            "form": form,
            "is_filtered": bool(wanted),
            "can_manage": policy.can_manage_rounds(request.user, plan),
            "is_open": reporting_round.status == RoundStatus.OPEN,
        },
    )


@login_required
@require_POST
def round_close(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    return _set_status(request, short_name, pk, RoundStatus.CLOSED)


@login_required
@require_POST
def round_reopen(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    return _set_status(request, short_name, pk, RoundStatus.OPEN)


def _set_status(request: HttpRequest, short_name: str, pk: int, status: str) -> HttpResponse:
    plan = _managed_plan(request, short_name)
    reporting_round = get_object_or_404(ReportingRound, plan=plan, pk=pk)
    step = "close" if status == RoundStatus.CLOSED else "reopen"
    if not policy.can_transition(request.user, reporting_round, step):
        raise PermissionDenied
    if reporting_round.status == status:
        if status == RoundStatus.CLOSED:
            messages.info(request, _("Nothing changed: the round was already closed."))
        else:
            messages.info(request, _("Nothing changed: the round was already open."))
    else:
        services.round_set_status(round_id=reporting_round.pk, status=status)
        if status == RoundStatus.CLOSED:
            text = _("The round is closed: reports can no longer be changed or submitted.")
        else:
            text = _("The round is open again: owners can write and submit their reports.")
        messages.success(request, text)
    return redirect("monitoring:round_detail", short_name=plan.short_name, pk=reporting_round.pk)
