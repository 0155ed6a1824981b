"""What the network contributes to pages it does not own: the SMART verdicts on the
action page (``registry.ActionSection``) and on the import review (``registry.ImportCheck``)."""

from __future__ import annotations

from typing import Any

from django.db.models import prefetch_related_objects
from django.urls import reverse

from planmonitor.accounts import policy

from . import selectors, smart


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
