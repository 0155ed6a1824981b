"""Shared fixtures: the loaded plan and one user per role."""

import pytest

from planmonitor.accounts.models import Membership, Role, User
from planmonitor.plans.demo import demo_load
from planmonitor.plans.models import Plan
from planmonitor.plans.services import gbv_plan_load


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # Real hashers are deliberately slow; tests that check hashing override this.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def plan(db) -> Plan:
    gbv_plan_load()
    return Plan.objects.get()


def _user(username: str, plan: Plan | None = None, role: Role | None = None) -> User:
    user = User.objects.create_user(username=username, password="x-test-password-123")
    if plan is not None and role is not None:
        Membership.objects.create(user=user, plan=plan, role=role)
    return user


@pytest.fixture
def coordinator(plan) -> User:
    return _user("coordinator", plan, Role.COORDINATOR)


@pytest.fixture
def evaluator(plan) -> User:
    return _user("evaluator", plan, Role.EVALUATOR)


@pytest.fixture
def network_member(plan) -> User:
    return _user("network", plan, Role.NETWORK_MEMBER)


@pytest.fixture
def outsider(db) -> User:
    return _user("outsider")


@pytest.fixture
def make_user(db):
    return _user


@pytest.fixture
def demo(plan) -> Plan:
    """The plan with the example actions and demo accounts loaded."""
    demo_load()
    return plan
