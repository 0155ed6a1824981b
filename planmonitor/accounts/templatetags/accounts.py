"""Template helpers of the accounts app: the policy's answers, the members link, durations."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from planmonitor.plans.models import Plan

from .. import policy
from ..selectors import plans_managed_by

register = template.Library()


@register.filter
def can(user, rule: str) -> bool:
    """The policy's answer for a rule about the user alone: ``{% if user|can:"use_admin" %}``.

    Templates ask the policy (``policy.can_<rule>``) instead of testing the user's flags;
    a rule the policy does not have is an error, not a silent no.
    """
    return bool(getattr(policy, f"can_{rule}")(user))


@register.simple_tag(takes_context=True)
def plans_with_members_link(context: template.Context) -> list[Plan]:
    """The plans whose members page the nav links to: the policy decides, one query.

    Asked only where the nav is drawn, so pages without it (mails, exports) pay nothing.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    return plans_managed_by(user) if user is not None else []


@register.filter
def home_title(user) -> str:
    """The name of the person's home page, in the nav and on the page: "My actions" for
    those whose home lists actions, "My work" for network members and evaluators."""
    return _("My actions") if policy.home_lists_actions(user) else _("My work")


@register.filter
def duration(value: dt.timedelta | None) -> str:
    """A timedelta in words, in the active language: "1 hour", "30 minutes"."""
    if not value:
        return ""
    now = timezone.now()
    return timesince(now - value, now)
