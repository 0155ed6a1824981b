"""Reads of reporting rounds: the rounds list, a round's reports, a person's open reports.

Each selector runs a fixed number of queries, whatever the number of rounds,
actions or reports.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from planmonitor.accounts import policy
from planmonitor.accounts.models import Membership, Role
from planmonitor.monitoring import deadlines, workflow
from planmonitor.monitoring.models import ProgressReport, ReportingRound, ReportState, RoundStatus
from planmonitor.monitoring.workflow import OwnerState
from planmonitor.plans.models import Action, Plan
from planmonitor.plans.selectors import plan_choose

if TYPE_CHECKING:
    from planmonitor.accounts.models import User
    from planmonitor.accounts.policy import AnyUser


def round_list(*, plan: Plan, today: dt.date, status: str | None = None) -> list[ReportingRound]:
    """The plan's rounds (``status``: only those), newest period first, with their plan and
    report counts: one query.

    Each round gets ``covered_count`` and ``summary``: ``workflow.state_summary``'s
    rows, the same a round's page shows.
    """
    rounds = (
        ReportingRound.objects.filter(plan=plan)
        .select_related("plan")
        .order_by("-period_end", "-period_start", "name")
    )
    if status is not None:
        rounds = rounds.filter(status=status)
    counted = {
        f"{state}_count": Count("reports", filter=workflow.owner_state_filter(state, "reports__"))
        for state in OwnerState.values
    }
    late = deadlines.late_filter(today=today, prefix="reports__", round_due="due_date")
    rounds = rounds.annotate(
        covered_count=Count("reports"), late_count=Count("reports", filter=late), **counted
    )
    result = list(rounds)
    for reporting_round in result:
        annotated: Any = reporting_round  # the counts are annotations
        counts = {state: getattr(annotated, f"{state}_count") for state in OwnerState.values}
        counts[workflow.LATE] = annotated.late_count
        annotated.summary = workflow.state_summary(counts)
    return result


@dataclass(frozen=True)
class RoundRow:
    """One covered action in a round's detail page."""

    report: ProgressReport
    state: str
    late: bool
    owners: list[User]

    @property
    def submitted_late(self) -> bool:
        return deadlines.submitted_late(self.report)


def round_summary(*, reporting_round: ReportingRound, today: dt.date) -> list[tuple[str, str, int]]:
    """``workflow.state_summary`` of a round's reports, counted in the database: one query.

    The same counts as the rounds list's, per round, whatever page of the reports is shown.
    """
    counted = {
        state: Count("pk", filter=workflow.owner_state_filter(state)) for state in OwnerState.values
    }
    late = deadlines.late_filter(today=today)
    counts = reporting_round.reports.aggregate(
        **counted, **{workflow.LATE: Count("pk", filter=late)}
    )
    return workflow.state_summary(counts)


def round_reports(
    *, reporting_round: ReportingRound, today: dt.date, state: str = ""
) -> QuerySet[ProgressReport]:
    """The round's reports in ``state`` (an ``OwnerState``, ``workflow.LATE`` or "" for all),
    by action code, with what the round's page shows of their actions."""
    reports = reporting_round.reports.all()
    if state == workflow.LATE:
        reports = reports.filter(deadlines.late_filter(today=today))
    elif state:
        reports = reports.filter(workflow.owner_state_filter(state))
    return reports.select_related("action__lead_minister", "action__lead_organisation").order_by(
        "action__code", "pk"
    )


def round_rows(
    *, reporting_round: ReportingRound, reports: Iterable[ProgressReport], today: dt.date
) -> list[RoundRow]:
    """The given reports of the round (a page of ``round_reports``) with their owner state
    and the people who owe them: three queries."""
    reports = list(reports)
    for report in reports:
        report.round = reporting_round  # spares a query per row
    owners = owners_by_action(
        plan_id=reporting_round.plan_id, actions=[report.action for report in reports]
    )
    return [
        RoundRow(
            report=report,
            state=workflow.owner_state(report),
            late=deadlines.is_late(report, today=today),
            owners=owners.get(report.action_id, []),
        )
        for report in reports
    ]


def active_owner_memberships(*, plan_ids: Iterable[int]) -> list[Membership]:
    """Active action owners of the plans with their ministers: two queries."""
    return list(
        Membership.objects.filter(
            plan_id__in=plan_ids, role=Role.ACTION_OWNER, user__is_active=True
        )
        .select_related("user")
        .prefetch_related("ministers")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


def owners_by_action(*, plan_id: int, actions: list[Action]) -> dict[int, list[User]]:
    """The active users who own each action (lead minister or lead organisation): two queries.

    The same rule as the policy's ``is_lead_of``, applied to many actions at once.
    """
    if not actions:
        return {}
    return match_owners(actions, active_owner_memberships(plan_ids=[plan_id]))


def match_owners(
    actions: Iterable[Action], owner_memberships: list[Membership]
) -> dict[int, list[User]]:
    """Action id → its owners' user accounts, from already loaded memberships: no query.

    The policy's lead rule (``policy.leads`` / ``policy.led_by``), applied to many at once.
    """
    by_key: defaultdict[policy.LeadKey, list[Membership]] = defaultdict(list)
    for membership in owner_memberships:
        for key in policy.leads(membership):
            by_key[key].append(membership)
    result: dict[int, list[User]] = {}
    for action in actions:
        users: list[User] = []
        for key in policy.led_by(action):
            for membership in by_key[key]:
                if membership.user not in users:
                    users.append(membership.user)
        result[action.pk] = users
    return result


def open_reports_for_home(*, user: AnyUser) -> QuerySet[ProgressReport]:
    """The reports in open rounds a person should act on ("Open rapporten"): one query.

    Action owners: their actions' reports still to write (draft or returned).
    Coordinators: the reports of their plans waiting for review (submitted),
    not every draft of the plan, which are the owners' to write.
    """
    open_reports = ProgressReport.objects.filter(round__status=RoundStatus.OPEN)
    if policy.is_superuser(user):
        todo = Q(state=ReportState.SUBMITTED)
    else:
        coordinated = [m.plan_id for m in policy.memberships(user) if m.role == Role.COORDINATOR]
        led = policy.actions_led_by(user).exclude(plan_id__in=coordinated)
        todo = Q(state=ReportState.SUBMITTED, round__plan_id__in=coordinated) | Q(
            state__in=workflow.REPORT_EDITABLE, action__in=led.values("pk")
        )
    return (
        open_reports.filter(todo)
        .select_related("round__plan", "action")
        .order_by("round__due_date", "round__plan__short_name", "action__code")
    )


def has_report_duties(user: AnyUser) -> bool:
    """Whether reports can land on the person's "Open reports" list (owner or coordinator)."""
    if policy.is_superuser(user):
        return True
    duties = {Role.ACTION_OWNER, Role.COORDINATOR}
    return any(membership.role in duties for membership in policy.memberships(user))


def default_plan_with_rounds(user: AnyUser, last: str | None = None) -> Plan | None:
    """The plan ``/`` shows (``plan_choose``: with several plans, the one chosen ``last``),
    when ``user`` may follow its reporting rounds (for the nav): one query.

    The policy reads the user's roles once per request; the nav's members link
    has done so already on every page.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    plan = plan_choose(user=user, last=last).plan
    if plan is None or not policy.can_view_rounds(user, plan):
        return None
    return plan


# --- what waits on the home pages of contributors and of the plan's followers ---------


def reports_for_contribution(*, user: AnyUser) -> QuerySet[ProgressReport]:
    """Contributors: the reports in open rounds of the actions their ministers are co-ministers
    of, still open for input (draft or returned): one query, each with ``my_contributions``
    (how many the person added). The policy's ``is_contributor_to``, for many reports.
    """
    involved = Q(pk__in=[])
    through = Action.co_ministers.through
    for membership in policy.memberships(user):
        ministers = [minister.pk for minister in membership.ministers.all()]
        if membership.role != Role.CONTRIBUTOR or not ministers:
            continue
        co_minister = through.objects.filter(
            action_id=OuterRef("action_id"), minister_id__in=ministers
        )
        involved |= Q(round__plan_id=membership.plan_id) & Q(Exists(co_minister))
    return (
        ProgressReport.objects.filter(
            involved, round__status=RoundStatus.OPEN, state__in=workflow.REPORT_EDITABLE
        )
        .select_related("round__plan", "action__lead_minister")
        .annotate(my_contributions=Count("contributions", filter=Q(contributions__author=user)))
        .order_by("round__due_date", "round__plan__short_name", "action__code")
    )


def followed_plan_ids(user: AnyUser, roles: set[str]) -> list[int]:
    """The plans in which the person holds one of ``roles`` (no query: roles are cached)."""
    return sorted({m.plan_id for m in policy.memberships(user) if m.role in roles})


def reports_needing_attention(*, plan_ids: list[int], today: dt.date) -> QuerySet[ProgressReport]:
    """In open rounds: reports returned with remarks, and reports late. One query."""
    late = deadlines.late_filter(today=today)  # the one rule of lateness
    return (
        ProgressReport.objects.filter(round__plan_id__in=plan_ids, round__status=RoundStatus.OPEN)
        .filter(Q(state=ReportState.RETURNED) | late)
        .select_related("round__plan", "action")
        .order_by("round__due_date", "action__code")
    )


def reports_accepted(*, plan_ids: list[int], limit: int = 20) -> list[ProgressReport]:
    """The latest accepted reports of the plans, newest period first. One query."""
    return list(
        ProgressReport.objects.filter(round__plan_id__in=plan_ids, state=ReportState.ACCEPTED)
        .select_related("round__plan", "action")
        .order_by("-round__period_end", "action__code")[:limit]
    )
