"""Shared fixtures: the loaded plan, one user per role, a reporting round.

The plan is loaded once, into the test database itself (``django_db_setup``): every
test runs inside a transaction rolled back at its end, so each one finds the plan as
the loader left it, whatever the test before it changed. A test of an empty database
(a fresh install) asks for ``no_plan``. Data a whole module shares is built once in
a module-wide transaction (``module_transaction``), the way Django's ``setUpTestData`` does.
"""

import datetime as dt
from contextlib import contextmanager

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import override_settings
from django.test.client import ClientMixin
from django.utils import translation

from planmonitor.accounts.models import Membership, Role, User
from planmonitor.demo.plan import demo_load
from planmonitor.monitoring.models import ProgressReport
from planmonitor.monitoring.rounds import services as round_services
from planmonitor.plans.models import Action, Minister, Plan
from planmonitor.plans.services import gbv_plan_load
from planmonitor.tests.two_factor import force_login_past_second_step

# Real hashers are deliberately slow; tests that check hashing override this.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Background tasks run at once, in the test (a test that inspects the queue
# switches to django_tasks.backends.dummy.DummyBackend).
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture(autouse=True)
def private_media_root(settings, tmp_path):
    # Uploaded evidence goes to a fresh folder per test, never into var/media.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def interface_language():
    # Every test starts in the interface's language: a request in English (LocaleMiddleware
    # activates the visitor's language for the thread) must not leak into the next test.
    with translation.override(django_settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def fresh_open_data_bodies():
    # A worker keeps open-data bodies in memory under the cache generation; between tests
    # the database is rolled back and its ids reused, the generation not.
    from planmonitor.portal.opendata.views import forget_kept_bodies

    forget_kept_bodies()


@pytest.fixture(autouse=True)
def logged_in_past_second_step(monkeypatch):
    # Coordinators and administrators enter a code after their password; tests of what
    # they do then start there. Tests of the code itself use password_only_login.
    monkeypatch.setattr(ClientMixin, "force_login", force_login_past_second_step)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database with the plan loaded: once per session (per xdist worker)."""
    with django_db_blocker.unblock():
        gbv_plan_load()


@pytest.fixture
def plan(db) -> Plan:
    return Plan.objects.get()


@pytest.fixture
def no_plan(db) -> None:
    """The database as a fresh install finds it: no plan, no ministers (until the test ends)."""
    Plan.objects.all().delete()
    Minister.objects.all().delete()


@contextmanager
def module_transaction(django_db_blocker):
    """A transaction around a module's tests, rolled back after the last one.

    What a module-scoped fixture builds inside it is there for each test of the module;
    each test still runs in its own savepoint, so what one test changes the next never sees.
    Build with the settings the tests run with (fast hashers, tasks at once).
    """
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS, TASKS=IMMEDIATE_TASKS),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)


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
    return role_user_create(plan, "coordinator")


@pytest.fixture
def evaluator(plan) -> User:
    return role_user_create(plan, "evaluator")


@pytest.fixture
def network_member(plan) -> User:
    return role_user_create(plan, "network_member")


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


@pytest.fixture(scope="module")
def demo_module(django_db_setup, django_db_blocker):
    """The demo data loaded once for a module (per worker), in a module-wide transaction.

    Loading it takes seconds: modules whose tests only read it share one load. A test
    still changes it in its own savepoint only. Every test of such a module sees the demo
    once one test asked for it: tests that need a database without it live elsewhere.
    """
    with module_transaction(django_db_blocker):
        demo_load()
        yield


@pytest.fixture
def demo_shared(db, demo_module) -> Plan:
    """The plan with the demo data, loaded once per module (see ``demo_module``)."""
    return Plan.objects.get()


def action_create(plan: Plan) -> Action:
    action = Action.objects.create(
        plan=plan,
        code="T001",
        title="Testactie: opleiding voor hulpverleners",
        operational_goal=plan.operational_goals.get(code="2.1"),
        lead_minister=Minister.objects.get(key="gennez"),
    )
    action.co_ministers.add(Minister.objects.get(key="crevits"))
    return action


def other_action_create(plan: Plan) -> Action:
    return Action.objects.create(
        plan=plan,
        code="T002",
        title="Testactie: veilige sportclubs",
        operational_goal=plan.operational_goals.get(code="1.4"),
        lead_minister=Minister.objects.get(key="de-ridder"),
    )


# The users of the role fixtures below: username, role, ministers.
ROLE_USERS = {
    "coordinator": ("coordinator", Role.COORDINATOR, ()),
    "evaluator": ("evaluator", Role.EVALUATOR, ()),
    "network_member": ("network", Role.NETWORK_MEMBER, ()),
    "owner": ("owner", Role.ACTION_OWNER, ("gennez",)),
    "other_owner": ("other-owner", Role.ACTION_OWNER, ("de-ridder",)),
    "contributor": ("contributor", Role.CONTRIBUTOR, ("crevits",)),
    "cabinet": ("cabinet", Role.CABINET, ("gennez",)),
}


def role_user_create(plan: Plan, role: str) -> User:
    username, role_value, ministers = ROLE_USERS[role]
    return _user(username, plan, role_value, ministers=ministers)


@pytest.fixture
def action(plan) -> Action:
    """An action led by minister Gennez, with minister Crevits involved."""
    return action_create(plan)


@pytest.fixture
def other_action(plan) -> Action:
    """An action of another minister (De Ridder), nobody else involved."""
    return other_action_create(plan)


@pytest.fixture
def owner(plan) -> User:
    """Staff of the lead minister (Gennez) of ``action``."""
    return role_user_create(plan, "owner")


@pytest.fixture
def other_owner(plan) -> User:
    """Staff of another minister (De Ridder): owner of ``other_action`` only."""
    return role_user_create(plan, "other_owner")


@pytest.fixture
def contributor(plan) -> User:
    """Staff of a co-minister (Crevits) of ``action``."""
    return role_user_create(plan, "contributor")


@pytest.fixture
def cabinet(plan) -> User:
    """Minister Gennez's cabinet: reads ``action`` (and its reports, its sheet), writes nothing."""
    return role_user_create(plan, "cabinet")


@pytest.fixture(name="reporting_round")
def reporting_round_fixture(action, other_action):
    return round_services.round_open(
        plan=action.plan,
        name="2026 – tweede semester",
        period_start=dt.date(2026, 7, 1),
        period_end=dt.date(2026, 12, 31),
        due_date=dt.date(2027, 1, 31),
        actions=[action, other_action],
    )


@pytest.fixture(name="report")
def report_fixture(reporting_round, action) -> ProgressReport:
    return reporting_round.reports.select_related("round__plan", "action").get(action=action)
