"""What revisions contribute to pages of lower apps (registered in evaluation/apps.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from planmonitor.accounts import policy
from planmonitor.core import registry

from . import selectors, services
from .models import PlanVersion

GOVERNED = frozenset(services.CHANGE_FIELDS)


def guard_rule(plan) -> registry.GuardRule | None:
    """After version 1 the governed fields, the stopped status and new actions change only
    through an approved revision."""
    if not PlanVersion.objects.filter(plan=plan).exists():
        return None
    return registry.GuardRule(
        fields=GOVERNED,
        statuses=frozenset({"stopped"}),
        creates=True,
        message=_(
            "Since version 1 of the plan, an action's title, description, goal, ministers and "
            "dates, its discontinuation and new actions change only through an approved revision."
        ),
        url=reverse("evaluation:revision_list", args=[plan.short_name]),
    )


def plan_link(request, plan) -> tuple[Any, str] | None:
    """The plan page's link to the versions and revisions (registry.PlanLink)."""
    if not policy.can_view_versions(request.user, plan):
        return None
    return _("Versions and revisions"), reverse("evaluation:version_list", args=[plan.short_name])


def ending_section(request, action) -> dict[str, Any] | None:
    """A discontinued or merged action's page: since which version, replaced by what."""
    if action.status != "stopped":
        return None
    change = selectors.ending(action)
    if change is None:
        return None
    return {"change": change, "version": change.revision.produced_version}
