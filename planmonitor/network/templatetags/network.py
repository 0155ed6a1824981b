"""Template helpers of the learning network: whether the nav links to its pages."""

from __future__ import annotations

from django import template

from planmonitor.accounts import policy
from planmonitor.network.smart import LETTER_NAMES

register = template.Library()


@register.simple_tag(takes_context=True)
def network_link(context: template.Context) -> bool:
    """Whether the person may read some plan's network pages: the roles read once per request."""
    request = context.get("request")
    plan_ids = policy.network_plan_ids(getattr(request, "user", None))
    return plan_ids is None or bool(plan_ids)


@register.filter
def smart_letter_name(letter: str) -> str:
    """The name of a SMART letter ("S" -> "Specific"), in the reader's language."""
    return str(LETTER_NAMES.get(letter, letter))
