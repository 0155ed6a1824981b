"""What monitoring shows on other apps' pages (registered in apps.py): the action page's
progress section, the reporting rounds' due dates on the plan's calendar, and on the home
page ("My actions") what waits for each role: the open reports (owners, coordinators), the
reports to contribute to (contributors), the cycle's follow-up (network members) and what
is final (evaluators)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planmonitor.accounts import policy
from planmonitor.accounts.models import Role
from planmonitor.core.registry import CalendarDate
from planmonitor.plans.models import Action, Plan

from . import deadlines, workflow
from .models import ReportingRound, RoundStatus, SheetStatus
from .reports import selectors as report_selectors
from .reports.selectors import ActionMonitoring
from .rounds import selectors as round_selectors
from .sheets import selectors as sheet_selectors


def action_progress(request: HttpRequest, action: Action) -> ActionMonitoring | None:
    """Sheet, reports and progress of the action: for the plan's people, not the public."""
    if not policy.can_view_monitoring(request.user, action):
        return None
    return report_selectors.action_monitoring(action=action)


def plan_calendar(request: HttpRequest, plan: Plan) -> list[CalendarDate]:
    """Each reporting round's due date, for the plan's people (one query); a link to the
    round for those who follow the rounds."""
    user = request.user
    if not policy.can_see_round_dates(user, plan):
        return []
    linked = policy.can_view_rounds(user, plan)
    rounds = ReportingRound.objects.filter(plan=plan).order_by("due_date", "pk")
    return [
        CalendarDate(
            date=reporting_round.due_date,
            label=_("Reports due: %(round)s") % {"round": reporting_round.name},
            url=reverse("monitoring:round_detail", args=[plan.short_name, reporting_round.pk])
            if linked
            else "",
        )
        for reporting_round in rounds.only("pk", "name", "due_date")
    ]


# Rows a home panel lists at most: a coordinator of a plan of thousands of reports gets the
# first ones (by due date) and a word that the round pages have them all, not megabytes.
PANEL_LIMIT = 200


def _first(reports, limit: int) -> tuple[list, bool]:
    """The first ``limit`` of ``reports`` and whether there are more: one query (limit + 1)."""
    rows = list(reports[: limit + 1])
    return rows[:limit], len(rows) > limit


def home_open_reports(request: HttpRequest) -> dict | None:
    """The reports to write, complete or review; None for who has no report duties."""
    today = timezone.localdate()
    reports, more = _first(round_selectors.open_reports_for_home(user=request.user), PANEL_LIMIT)
    open_reports = [
        {
            "report": report,
            "state": workflow.owner_state(report),
            "late": deadlines.is_late(report, today=today),
        }
        for report in reports
    ]
    if not (round_selectors.has_report_duties(request.user) or open_reports):
        return None
    return {"open_reports": open_reports, "more": more, "limit": PANEL_LIMIT}


def home_contributions(request: HttpRequest) -> dict | None:
    """Contributors: the reports of their ministers' actions waiting for their input."""
    if not round_selectors.followed_plan_ids(request.user, {Role.CONTRIBUTOR}):
        return None  # a superuser without the role
    today = timezone.localdate()
    return {
        "reports": [
            {
                "report": report,
                "state": workflow.owner_state(report),
                "late": deadlines.is_late(report, today=today),
            }
            for report in round_selectors.reports_for_contribution(user=request.user)
        ]
    }


def home_network(request: HttpRequest) -> dict | None:
    """Network members follow the cycle: the open rounds' progress, the reports returned or
    late, the sheets awaiting approval."""
    today = timezone.localdate()
    plan_ids = round_selectors.followed_plan_ids(request.user, {Role.NETWORK_MEMBER})
    if not plan_ids:
        return None  # a superuser without the role
    rounds = [
        reporting_round
        for plan in Plan.objects.filter(pk__in=plan_ids).order_by("short_name")
        for reporting_round in round_selectors.round_list(
            plan=plan, today=today, status=RoundStatus.OPEN
        )
    ]
    attention, more = _first(
        round_selectors.reports_needing_attention(plan_ids=plan_ids, today=today), PANEL_LIMIT
    )
    return {
        "rounds": rounds,
        "attention": attention,
        "more": more,
        "limit": PANEL_LIMIT,
        "sheets": sheet_selectors.sheets_in_state(plan_ids=plan_ids, status=SheetStatus.SUBMITTED),
    }


def home_evaluation(request: HttpRequest) -> dict | None:
    """Evaluators: what is final (accepted reports, approved sheets) and the evaluation dates."""
    today = timezone.localdate()
    plan_ids = round_selectors.followed_plan_ids(request.user, {Role.EVALUATOR})
    if not plan_ids:
        return None  # a superuser without the role
    plans = list(Plan.objects.filter(pk__in=plan_ids).order_by("short_name"))
    dates = [
        {"plan": plan, "label": label, "date": day}
        for plan in plans
        for label, day in (
            (_("Interim evaluation"), plan.interim_evaluation_due),
            (_("Final evaluation"), plan.final_evaluation_due),
        )
        if day is not None and day >= today
    ]
    return {
        "dates": sorted(dates, key=lambda row: row["date"]),
        "accepted": round_selectors.reports_accepted(plan_ids=plan_ids),
        "sheets": sheet_selectors.sheets_in_state(plan_ids=plan_ids, status=SheetStatus.APPROVED),
    }
