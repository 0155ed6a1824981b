"""Who hears of what in the monitoring cycle, and what they read (notifications app).

Called by the services, inside their transaction (``notifications.services.notify``
enqueues the mails once it commits). Who receives what:

* a report or a sheet submitted: the plan's coordinators (they review it);
* a report returned with remarks or accepted: the action's owners and its contributors
  (the co-ministers' staff, whose input the report carries);
* a sheet returned or approved: the action's owners (the sheet is theirs to write);
* a contribution added: the action's owners (they consolidate it);
* a round opened: the owners and contributors of the round's actions.

Never the person who made the change; only active accounts.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planmonitor.accounts.models import Membership, Role
from planmonitor.core import registry
from planmonitor.notifications.services import notify

from .reminders import report_path
from .rounds.selectors import active_owner_memberships, match_owners

if TYPE_CHECKING:
    from planmonitor.accounts.models import User
    from planmonitor.plans.models import Action

    from .models import ActionSheet, Contribution, ProgressReport, ReportingRound

KINDS = [
    registry.NotificationKind(
        key="report_submitted", label=gettext_lazy("A report was submitted"), order=10
    ),
    registry.NotificationKind(
        key="report_returned", label=gettext_lazy("A report was returned with remarks"), order=20
    ),
    registry.NotificationKind(
        key="report_accepted",
        label=gettext_lazy("A report was accepted"),
        default_delivery="digest",
        order=30,
    ),
    registry.NotificationKind(
        key="contribution_added",
        label=gettext_lazy("A contribution was added to a report"),
        default_delivery="digest",
        order=40,
    ),
    registry.NotificationKind(
        key="sheet_submitted", label=gettext_lazy("An action sheet was submitted"), order=50
    ),
    registry.NotificationKind(
        key="sheet_returned",
        label=gettext_lazy("An action sheet was returned with remarks"),
        order=60,
    ),
    registry.NotificationKind(
        key="sheet_approved",
        label=gettext_lazy("An action sheet was approved"),
        default_delivery="digest",
        order=70,
    ),
    registry.NotificationKind(
        key="round_opened", label=gettext_lazy("A reporting round was opened"), order=80
    ),
]


def _coordinators(plan_id: int) -> list[User]:
    return [
        m.user
        for m in Membership.objects.filter(
            plan_id=plan_id, role=Role.COORDINATOR, user__is_active=True
        ).select_related("user")
    ]


def _owners(plan_id: int, actions: Iterable[Action]) -> dict[int, list[User]]:
    return match_owners(actions, active_owner_memberships(plan_ids=[plan_id]))


def _contributors(plan_id: int, actions: Iterable[Action]) -> dict[int, list[User]]:
    """Action id → the staff of its co-ministers (the policy's ``is_contributor_to``)."""
    memberships = list(
        Membership.objects.filter(plan_id=plan_id, role=Role.CONTRIBUTOR, user__is_active=True)
        .select_related("user")
        .prefetch_related("ministers")
    )
    result: dict[int, list[User]] = {}
    for action in actions:
        co_ministers = {minister.pk for minister in action.co_ministers.all()}
        result[action.pk] = [
            m.user for m in memberships if co_ministers & {x.pk for x in m.ministers.all()}
        ]
    return result


def report_moved(*, report: ProgressReport, transition: str, user: User) -> None:
    """After ``report_transition``: submitted, returned or accepted (re-opening tells nobody)."""
    action = report.action
    plan_id = action.plan_id
    kind = {"submit": "report_submitted", "return": "report_returned", "accept": "report_accepted"}
    if transition not in kind:
        return
    if transition == "submit":
        recipients = _coordinators(plan_id)
    else:
        recipients = (
            _owners(plan_id, [action])[action.pk] + _contributors(plan_id, [action])[action.pk]
        )

    def message() -> tuple[str, str]:
        names = {"code": action.code, "round": report.round.name}
        if transition == "submit":
            return _("Report %(code)s submitted (%(round)s)") % names, action.title
        if transition == "return":
            return _("Report %(code)s returned with remarks (%(round)s)") % names, report.remarks
        return _("Report %(code)s accepted (%(round)s)") % names, action.title

    notify(
        kind=kind[transition],
        recipients=recipients,
        url=report_path(report),
        message=message,
        plan=action.plan,
        actor=user,
    )


def contribution_added(*, contribution: Contribution) -> None:
    report = contribution.report
    action = report.action

    def message() -> tuple[str, str]:
        who = contribution.author.get_full_name() or contribution.author.get_username()
        on_behalf = contribution.minister or ""
        return (
            _("Contribution to report %(code)s by %(person)s for %(minister)s")
            % {"code": action.code, "person": who, "minister": on_behalf},
            contribution.text[:300],
        )

    notify(
        kind="contribution_added",
        recipients=_owners(action.plan_id, [action])[action.pk],
        url=report_path(report) + "#contributions",
        message=message,
        plan=action.plan,
        actor=contribution.author,
    )


def sheet_moved(*, sheet: ActionSheet, transition: str, user: User) -> None:
    """After ``sheet_transition``: submitted, returned or approved (a new revision tells nobody)."""
    kind = {"submit": "sheet_submitted", "return": "sheet_returned", "approve": "sheet_approved"}
    if transition not in kind:
        return
    action = sheet.action
    if transition == "submit":
        recipients = _coordinators(action.plan_id)
    else:
        recipients = _owners(action.plan_id, [action])[action.pk]

    def message() -> tuple[str, str]:
        names = {"code": action.code}
        if transition == "submit":
            return _("Action sheet %(code)s submitted for approval") % names, action.title
        if transition == "return":
            return _("Action sheet %(code)s returned with remarks") % names, sheet.remarks
        return _("Action sheet %(code)s approved") % names, action.title

    notify(
        kind=kind[transition],
        recipients=recipients,
        url=reverse(
            "monitoring:sheet_detail",
            kwargs={"short_name": action.plan.short_name, "code": action.code},
        ),
        message=message,
        plan=action.plan,
        actor=user,
    )


def round_opened(*, reporting_round: ReportingRound, actions: list[Action]) -> None:
    """Owners and contributors of the round's actions: their reports wait on their home page."""
    plan_id = reporting_round.plan_id
    prefetch_related_objects(actions, "co_ministers")
    owners = _owners(plan_id, actions)
    contributors = _contributors(plan_id, actions)
    recipients: list[User] = []
    for action in actions:
        recipients += owners.get(action.pk, []) + contributors.get(action.pk, [])

    def message() -> tuple[str, str]:
        return (
            _("Reporting round %(round)s opened") % {"round": reporting_round.name},
            _("Reports are due by %(date)s. They are listed on your home page.")
            % {"date": reporting_round.due_date.strftime("%d/%m/%Y")},
        )

    notify(
        kind="round_opened",
        recipients=recipients,
        url=reverse("plans:my_actions"),
        message=message,
        plan=reporting_round.plan,
    )
