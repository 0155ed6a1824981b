"""Shared fixtures: the loaded plan and one user per role."""

import pytest
from django.test.client import ClientMixin

from planmonitor.accounts.models import Membership, Role, User
from planmonitor.demo.plan import demo_load
from planmonitor.plans.models import Action, Minister, Plan
from planmonitor.plans.services import gbv_plan_load
from planmonitor.tests.two_factor import force_login_past_second_step


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # Real hashers are deliberately slow; tests that check hashing override this.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    # Background tasks run at once, in the test (a test that inspects the queue
    # switches to django_tasks.backends.dummy.DummyBackend).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def private_media_root(settings, tmp_path):
    # Uploaded evidence goes to a fresh folder per test, never into var/media.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def logged_in_past_second_step(monkeypatch):
    # Coordinators and administrators enter a code after their password; tests of what
    # they do then start there. Tests of the code itself use password_only_login.
    monkeypatch.setattr(ClientMixin, "force_login", force_login_past_second_step)


@pytest.fixture
def plan(db) -> Plan:
    gbv_plan_load()
    return Plan.objects.get()


def _user(
    username: str,
    plan: Plan | None = None,
    role: Role | None = None,
    *,
    ministers: tuple[str, ...] = (),
) -> User:
    user = User.objects.create_user(
        username=username, password="x-test-password-123", first_name=username.title()
    )
    if plan is not None and role is not None:
        membership = Membership.objects.create(user=user, plan=plan, role=role)
        membership.ministers.set(Minister.objects.filter(key__in=ministers))
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


@pytest.fixture
def action(plan) -> Action:
    """An action led by minister Gennez, with minister Crevits involved."""
    action = Action.objects.create(
        plan=plan,
        code="T001",
        title="Testactie: opleiding voor hulpverleners",
        operational_goal=plan.operational_goals.get(code="2.1"),
        lead_minister=Minister.objects.get(key="gennez"),
    )
    action.co_ministers.add(Minister.objects.get(key="crevits"))
    return action


@pytest.fixture
def other_action(plan) -> Action:
    """An action of another minister (De Ridder), nobody else involved."""
    return Action.objects.create(
        plan=plan,
        code="T002",
        title="Testactie: veilige sportclubs",
        operational_goal=plan.operational_goals.get(code="1.4"),
        lead_minister=Minister.objects.get(key="de-ridder"),
    )


@pytest.fixture
def owner(plan) -> User:
    """Staff of the lead minister (Gennez) of ``action``."""
    return _user("owner", plan, Role.ACTION_OWNER, ministers=("gennez",))


@pytest.fixture
def other_owner(plan) -> User:
    """Staff of another minister (De Ridder): owner of ``other_action`` only."""
    return _user("other-owner", plan, Role.ACTION_OWNER, ministers=("de-ridder",))


@pytest.fixture
def contributor(plan) -> User:
    """Staff of a co-minister (Crevits) of ``action``."""
    return _user("contributor", plan, Role.CONTRIBUTOR, ministers=("crevits",))
