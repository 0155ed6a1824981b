"""Template helpers of the reporting rounds: the nav link to the chosen plan's rounds."""

from __future__ import annotations

from django import template

from planmonitor.monitoring.workflow import OwnerState
from planmonitor.plans.models import Plan
from planmonitor.plans.selectors import LAST_PLAN

from .selectors import default_plan_with_rounds

register = template.Library()


@register.simple_tag(takes_context=True)
def rounds_link_plan(context: template.Context) -> Plan | None:
    """The plan whose rounds the nav links to, or None: the policy decides, at most one query."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return None
    session = getattr(request, "session", None)
    last = session.get(LAST_PLAN) if session is not None else None
    return default_plan_with_rounds(user, last=last)


@register.filter
def owner_state_label(state: str) -> str:
    """The words for an owner state (``workflow.OwnerState``), the same on every page."""
    return str(OwnerState(state).label)
