"""The coordinator's warning on "My actions": actions of their plans without an active owner."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone

from planmonitor.accounts import policy
from planmonitor.accounts.models import Role

from ..models import Action
from . import selectors


def home_without_owner(request: HttpRequest) -> dict | None:
    """Per coordinated plan, how many actions nobody leads: one query; None when all are led."""
    plan_ids = {m.plan_id for m in policy.memberships(request.user) if m.role == Role.COORDINATOR}
    if not plan_ids:
        return None
    counts = list(
        selectors.without_owner(
            Action.objects.filter(plan_id__in=plan_ids), today=timezone.localdate()
        )
        .values("plan__short_name", "plan__title")
        .annotate(count=Count("pk"))
        .order_by("plan__short_name")
    )
    return {"plans": counts} if counts else None
