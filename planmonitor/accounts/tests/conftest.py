"""Fixtures of the accounts tests: a second plan, a person to manage, a minister."""

import datetime as dt

import pytest

from planmonitor.accounts.models import Role, User
from planmonitor.plans.models import Minister, Organisation, Plan


@pytest.fixture
def minister(plan) -> Minister:
    """The minister the shared ``owner`` fixture works for."""
    return Minister.objects.get(key="gennez")


@pytest.fixture
def organisation(plan) -> Organisation:
    """The plan's coordinating agency (Agentschap Justitie en Handhaving)."""
    return plan.coordinating_agency


@pytest.fixture
def other_plan(plan) -> Plan:
    other = Plan.objects.create(
        short_name="ander-plan",
        title="Ander plan",
        period_start=dt.date(2030, 1, 1),
        period_end=dt.date(2034, 12, 31),
    )
    Organisation.objects.create(plan=other, code="ANDER", label="Andere organisatie")
    return other


@pytest.fixture
def member(plan, make_user) -> User:
    """A network member with an e-mail address: the person the coordinator manages."""
    user = make_user("member", plan, Role.NETWORK_MEMBER)
    user.email = "member@example.org"
    user.first_name, user.last_name = "Mira", "Member"
    user.save()
    return user
