"""Fixtures of the API tests: the plan with hidden items, tokens per role, a client."""

from __future__ import annotations

import pytest

from planmonitor.api.tokens import services
from planmonitor.portal.tests.hidden import published_plan_with_hidden_items


@pytest.fixture
def hidden_plan(db):
    return published_plan_with_hidden_items()


@pytest.fixture
def token_for():
    """A personal token for ``user``: the header value to send."""

    def make(user) -> str:
        _token, plain = services.personal_token_create(user=user, name="test")
        return f"Bearer {plain}"

    return make
