"""Template helpers of the change log: whether the nav links to it."""

from __future__ import annotations

from django import template

from planmonitor.accounts import policy

register = template.Library()


@register.simple_tag(takes_context=True)
def change_log_link(context: template.Context) -> bool:
    """Whether the person may read some plan's change log: the roles read once per request."""
    request = context.get("request")
    plan_ids = policy.change_log_plan_ids(getattr(request, "user", None))
    return plan_ids is None or bool(plan_ids)
