"""The authorization matrix's objects, built once per module (the matrix runs ~1,000 cases).

``matrix_data`` builds, in a module-wide transaction (planmonitor/conftest.py,
``module_transaction``), what each case used to build for itself: ``action``,
``other_action`` and ``owner``, then a round with ``action``'s report, its sheet and
a piece of evidence, then one user per role. Each test gets its own copies of them
(as ``setUpTestData`` gives), and runs in a savepoint rolled back after it.
"""

import copy
import datetime as dt

import pytest

from planmonitor.conftest import (
    ROLE_USERS,
    _user,
    action_create,
    module_transaction,
    other_action_create,
    role_user_create,
)
from planmonitor.monitoring.reports import services as report_services
from planmonitor.monitoring.rounds import services
from planmonitor.monitoring.sheets import services as sheet_services
from planmonitor.plans.models import Plan


def _build() -> dict:
    # The same rows, in the same order, as the shared fixtures in planmonitor/conftest.py.
    plan = Plan.objects.get()
    action = action_create(plan)
    other_action = other_action_create(plan)
    owner = role_user_create(plan, "owner")
    reporting_round = services.round_open(
        plan=action.plan,
        name="2026 – tweede semester",
        period_start=dt.date(2026, 7, 1),
        period_end=dt.date(2026, 12, 31),
        due_date=dt.date(2027, 1, 31),
    )
    report = reporting_round.reports.get(action=action)
    evidence = report_services.evidence_add(
        report=report, user=owner, title="Verslag", url="https://example.org/verslag"
    )
    users = {role: role_user_create(plan, role) for role in ROLE_USERS if role != "owner"}
    return {
        "plan": plan,
        "users": {"owner": owner, **users, "outsider": _user("outsider")},
        "objects": {
            "action": action,
            "other_action": other_action,
            "owner": owner,
            "round": reporting_round,
            "report": report,
            "sheet": sheet_services.sheet_for(action),
            "evidence": evidence,
        },
    }


@pytest.fixture(scope="module")
def matrix_data(django_db_setup, django_db_blocker):
    with module_transaction(django_db_blocker):
        yield _build()


@pytest.fixture(autouse=True)
def matrix(db, matrix_data) -> dict:
    """This test's own copies of the module's objects (one copy: shared objects stay shared)."""
    return copy.deepcopy(matrix_data)


@pytest.fixture
def objects(matrix) -> dict:
    return matrix["objects"]


@pytest.fixture
def plan(matrix) -> Plan:
    return matrix["plan"]


@pytest.fixture
def action(objects):
    return objects["action"]


@pytest.fixture
def other_action(objects):
    return objects["other_action"]


@pytest.fixture
def owner(matrix):
    return matrix["users"]["owner"]


@pytest.fixture
def coordinator(matrix):
    return matrix["users"]["coordinator"]


@pytest.fixture
def other_owner(matrix):
    return matrix["users"]["other_owner"]


@pytest.fixture
def contributor(matrix):
    return matrix["users"]["contributor"]


@pytest.fixture
def network_member(matrix):
    return matrix["users"]["network_member"]


@pytest.fixture
def evaluator(matrix):
    return matrix["users"]["evaluator"]


@pytest.fixture
def outsider(matrix):
    return matrix["users"]["outsider"]


@pytest.fixture
def cabinet(matrix):
    return matrix["users"]["cabinet"]
