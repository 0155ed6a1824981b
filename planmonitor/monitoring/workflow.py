"""The explicit transition tables of the monitoring workflows.

Who may trigger a transition is the permission policy's business
(``planmonitor.accounts.policy``); which transitions exist is decided here.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from planmonitor.accounts import policy
from planmonitor.core import errors
from planmonitor.monitoring.models import ReportState, RoundStatus, SheetStatus


class TransitionRefused(errors.TransitionRefused):
    """The object is not in a state that allows this transition."""


SHEET_TRANSITIONS: dict[str, dict[str, str]] = {
    "submit": {
        SheetStatus.DRAFT: SheetStatus.SUBMITTED,
        SheetStatus.RETURNED: SheetStatus.SUBMITTED,
    },
    "approve": {SheetStatus.SUBMITTED: SheetStatus.APPROVED},
    "return": {SheetStatus.SUBMITTED: SheetStatus.RETURNED},
    # After approval the owner starts a new revision; the approved version stays frozen.
    "revise": {SheetStatus.APPROVED: SheetStatus.DRAFT},
}

REPORT_TRANSITIONS: dict[str, dict[str, str]] = {
    "submit": {
        ReportState.DRAFT: ReportState.SUBMITTED,
        ReportState.RETURNED: ReportState.SUBMITTED,
    },
    "accept": {ReportState.SUBMITTED: ReportState.ACCEPTED},
    "return": {ReportState.SUBMITTED: ReportState.RETURNED},
    # A correction after acceptance: the coordinator re-opens with a reason.
    "reopen": {ReportState.ACCEPTED: ReportState.DRAFT},
}

# States in which the owner may still edit the content.
SHEET_EDITABLE = {SheetStatus.DRAFT, SheetStatus.RETURNED}
REPORT_EDITABLE = {ReportState.DRAFT, ReportState.RETURNED}
# Report steps a closed round refuses; re-opening an accepted report stays possible.
REPORT_NEEDS_OPEN_ROUND = {"submit", "accept", "return"}
# Reported: the owner's part is done (submitted, or accepted after review).
REPORTED_STATES = frozenset({ReportState.SUBMITTED, ReportState.ACCEPTED})


class OwnerState(models.TextChoices):
    """Where a report stands from its owner's side: the one set of states, and their
    words, that the rounds list, a round's page, "My actions" and the mails show."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    RETURNED = "returned", _("Returned for clarification")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")


LATE = "late"
LATE_LABEL = _("Late")


def owner_state(report) -> str:
    """The report's ``OwnerState``: a draft nobody saved yet is "not started"."""
    if report.state == ReportState.DRAFT:
        return OwnerState.NOT_STARTED if report.version == 1 else OwnerState.IN_PROGRESS
    return report.state  # returned, submitted, accepted: the same words


def owner_state_filter(state: str, prefix: str = "") -> Q:
    """``owner_state(report) == state`` as a filter on reports (``prefix`` to reach them).

    Every save and every transition bumps the version: a draft at version 1 was never saved.
    """
    if state == OwnerState.NOT_STARTED:
        return Q(**{f"{prefix}state": ReportState.DRAFT, f"{prefix}version": 1})
    if state == OwnerState.IN_PROGRESS:
        return Q(**{f"{prefix}state": ReportState.DRAFT, f"{prefix}version__gt": 1})
    return Q(**{f"{prefix}state": state})


def state_summary(counts) -> list[tuple[str, str, int]]:
    """(value, label, count) per owner state, then the late ones: what every page that
    counts reports shows, in this order and with these words. ``counts`` maps a state
    (and ``LATE``) to its number."""
    rows = [(state.value, str(state.label), counts.get(state.value, 0)) for state in OwnerState]
    return [*rows, (LATE, str(LATE_LABEL), counts.get(LATE, 0))]


TRANSITION_LABELS = {
    "submit": _("Submit"),
    "approve": _("Approve"),
    "accept": _("Accept"),
    "return": _("Return with remarks"),
    "revise": _("Start a new revision"),
    "reopen": _("Re-open for a correction"),
}


def next_state(table: dict[str, dict[str, str]], transition: str, state: str) -> str:
    try:
        return table[transition][state]
    except KeyError:
        raise TransitionRefused(f"{transition} is not possible from {state}") from None


def allowed(table: dict[str, dict[str, str]], state: str) -> list[str]:
    return [name for name, moves in table.items() if state in moves]


def report_editable(report) -> bool:
    """The report's content may change: an editable state, in an open round."""
    return report.state in REPORT_EDITABLE and report.round.status == RoundStatus.OPEN


def report_locked_reason(report) -> str:
    """Why the report's content cannot change now, said for its owner ("" if it can)."""
    if report.round.status != RoundStatus.OPEN:
        return str(
            _(
                "The round of this report is closed: its reports can no longer be changed. "
                "Ask the coordinator to re-open the round if something must still be corrected."
            )
        )
    if report.state == ReportState.ACCEPTED:
        return str(
            _(
                "This report was accepted: it can no longer be edited. "
                "Ask the coordinator to re-open it for a correction."
            )
        )
    if report.state == ReportState.SUBMITTED:
        return str(
            _(
                "This report was submitted and waits for the coordinator's review: it cannot be "
                "edited now. If the coordinator returns it with remarks, you can edit it again."
            )
        )
    return ""


def report_steps(report) -> list[str]:
    """The steps the report's state and its round allow now (not: who may take them)."""
    round_open = report.round.status == RoundStatus.OPEN
    return [
        name
        for name in allowed(REPORT_TRANSITIONS, report.state)
        if round_open or name not in REPORT_NEEDS_OPEN_ROUND
    ]


def register_transition_rules() -> None:
    """Tell the policy who may take each step (called once, from MonitoringConfig.ready)."""
    policy.register_transition_rules(
        "monitoring.ActionSheet",
        {
            "submit": policy.can_edit_monitoring,
            "revise": policy.can_edit_monitoring,
            "approve": policy.can_review_monitoring,
            "return": policy.can_review_monitoring,
        },
    )
    policy.register_transition_rules(
        "monitoring.ProgressReport",
        {
            "submit": policy.can_edit_monitoring,
            "accept": policy.can_review_monitoring,
            "return": policy.can_review_monitoring,
            "reopen": policy.can_review_monitoring,
        },
    )
    policy.register_transition_rules(
        "monitoring.ReportingRound",
        {"close": policy.can_manage_rounds, "reopen": policy.can_manage_rounds},
    )
