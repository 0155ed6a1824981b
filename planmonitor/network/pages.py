"""What the network contributes to pages it does not own: on the action page
(``registry.ActionSection``) the SMART verdicts, the on-track verdict with its rules and the
open signals; on the import review (``registry.ImportCheck``) the SMART verdicts."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from planmonitor.accounts import policy
from planmonitor.plans.models import Action
from planmonitor.plans.transfer.importing import import_actions

from . import selectors, smart, status


def action_smart(request: Any, action: Any) -> dict[str, Any] | None:
    """The action's five verdicts, for the plan's people (not the public).

    The action page has read the action with most of what the rules need; what it has
    not (the milestones, the ministers' portfolios) costs two queries.
    """
    if not policy.can_see_smart(request.user, action):
        return None
    prefetch_related_objects([action], *selectors.SMART_PREFETCH)
    plan = action.plan
    result = smart.verdicts_of(action, plan=plan, ministers=selectors.ministers_in_office(plan))
    list_url = None
    if policy.can_view_network(request.user, plan):
        list_url = reverse("network:smart_list", args=[plan.short_name])
    return {"result": result, "list_url": list_url}


def import_smart(*, plan: Any, report: Any, source: Any) -> list[str]:
    """The SMART verdicts of the actions an import creates or changes, as they would be
    once imported, weakest first; one line per action that misses a letter.

    The verdicts need the imported rows (indicators, budget lines, co-ministers), so the
    check runs the import in a transaction it rolls back: nothing stays written. A file
    with problems cannot be imported at all: its problems come first, no verdicts.
    """
    codes = [entry.key for entry in (*report.created, *report.updated) if entry.kind == "action"]
    if not report.ok or not codes:
        return []
    with transaction.atomic():
        trial = import_actions(plan=plan, source=source, commit=True)
        results = []
        if trial.applied:
            results = selectors.smart_verdicts(
                plan, Action.objects.filter(plan=plan, code__in=codes)
            )
        transaction.set_rollback(True)
    lines = []
    for result in results:
        failed = [(letter, v) for letter, v in result.letters.items() if not v.ok]
        if not failed:
            continue
        reasons = " ".join(
            f"{letter} ({smart.LETTER_NAMES[letter]}): {v.reason}" for letter, v in failed
        )
        lines.append(
            _("SMART %(code)s, %(passed)d of 5: %(reasons)s")
            % {"code": result.action.code, "passed": result.passed, "reasons": reasons}
        )
    return lines


def action_signals(request: Any, action: Any) -> dict[str, Any] | None:
    """The action's open signals, for those who follow the whole plan and its lead owner;
    nothing when there is none (one query)."""
    if not policy.can_see_action_signals(request.user, action):
        return None
    from .signals.selectors import open_signals_of_action

    signals = open_signals_of_action(action)
    if not signals:
        return None
    return {
        "signals": signals,
        "short_name": action.plan.short_name,
        "can_open": policy.can_view_network(request.user, action.plan),
    }


def action_status(request: Any, action: Any) -> dict[str, Any] | None:
    """On track, at risk or off track, with every rule that says so: the dashboard's rules
    (``status.RULES``) on this action's rows, so the page and the dashboard never disagree.
    For whoever sees the action's monitoring (five queries)."""
    if not policy.can_view_monitoring(request.user, action):
        return None
    from planmonitor.monitoring.models import ImplementationStatus

    today = timezone.localdate()
    data = selectors.action_status_data(action)
    findings = status.risk_findings(data, today)
    verdict = status.signals(data, today, findings)[action.pk]
    implementation = status.implementation_status(data, today)[action.pk]
    names = dict(ImplementationStatus.choices) | {status.NO_REPORT: _("No report")}
    titles = {rule.key: rule.title for rule in status.RULES}
    plan = action.plan
    return {
        "verdict": verdict,
        "label": status.SIGNAL_LABELS[verdict],
        "implementation": names[implementation],
        "findings": [(titles[f.rule], f) for f in findings],
        "rules": [rule.title for rule in status.RULES],
        "dashboard_url": reverse("network:dashboard", args=[plan.short_name])
        if policy.can_view_network(request.user, plan)
        else None,
    }


def action_decisions(request: Any, action: Any) -> dict[str, Any] | None:
    """The open decisions of the network's meetings that name the action, until done; for
    those who see its signals (one query; nothing when there is none)."""
    if not policy.can_see_action_decisions(request.user, action):
        return None
    from .meetings.selectors import open_decisions_of_action

    decisions = open_decisions_of_action(action)
    if not decisions:
        return None
    return {
        "decisions": decisions,
        "short_name": action.plan.short_name,
        "can_open": policy.can_view_network(request.user, action.plan),
    }
