"""What monitoring shows on other apps' pages (registered in apps.py): the action page's
progress section and the open reports on "My actions"."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from planmonitor.accounts import policy
from planmonitor.plans.models import Action

from .reports import selectors as report_selectors
from .reports.selectors import ActionMonitoring
from .rounds import selectors as round_selectors


def action_progress(request: HttpRequest, action: Action) -> ActionMonitoring | None:
    """Sheet, reports and progress of the action: for the plan's people, not the public."""
    if not policy.can_view_monitoring(request.user, action):
        return None
    return report_selectors.action_monitoring(action=action, today=timezone.localdate())


def home_open_reports(request: HttpRequest) -> dict | None:
    """The reports to write, complete or review; None for who has no report duties."""
    today = timezone.localdate()
    open_reports = [
        {
            "report": report,
            "state": round_selectors.owner_state(report),
            "late": round_selectors.is_late(report, today=today),
        }
        for report in round_selectors.open_reports_for_home(user=request.user)
    ]
    if not (round_selectors.has_report_duties(request.user) or open_reports):
        return None
    return {"open_reports": open_reports}
