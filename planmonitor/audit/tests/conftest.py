"""Fixtures of the audit-trail tests: edits made as someone, through some channel."""

import pytest

from planmonitor.accounts.models import Membership, Role, User
from planmonitor.audit.context import audit_context
from planmonitor.plans.models import Minister


@pytest.fixture
def edit():
    """Change and save an object as ``user`` through ``channel``; ``m2m`` sets links."""

    def edit(obj, *, user=None, channel: str = "web", m2m: dict | None = None, **values):
        with audit_context(channel=channel, user=user):
            for name, value in values.items():
                setattr(obj, name, value)
            if values:
                obj.save()
            for name, targets in (m2m or {}).items():
                getattr(obj, name).set(targets)
        return obj

    return edit


@pytest.fixture
def els(plan) -> User:
    """An action owner with a full name (the fixtures' other users have only a username)."""
    user = User.objects.create_user(
        username="els", password="x-test-password-123", first_name="Els", last_name="Peeters"
    )
    membership = Membership.objects.create(user=user, plan=plan, role=Role.ACTION_OWNER)
    membership.ministers.set([Minister.objects.get(key="gennez")])
    return user


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser(
        username="root", password="x-test-password-123", first_name="Ada", last_name="Admin"
    )
