"""Reads of notifications: a person's inbox and the unread count of the header."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import F, QuerySet

from .models import Notification

if TYPE_CHECKING:
    from planmonitor.accounts.policy import AnyUser

INBOX_SIZE = 100


def inbox(*, user: AnyUser) -> QuerySet[Notification]:
    """The person's latest notifications, unread first: one query."""
    return Notification.objects.filter(recipient_id=getattr(user, "pk", None)).order_by(
        F("read_at").asc(nulls_first=True), "-created_at", "-pk"
    )[:INBOX_SIZE]


def unread_count(*, user: AnyUser) -> int:
    """For the header: one query per page."""
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()
