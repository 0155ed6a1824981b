"""Who may take which workflow step: the policy's ``can_transition``, per role.

Monitoring registers the rules from its AppConfig; the views, and later the API,
ask only ``policy.can_transition``.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from planmonitor.accounts import policy
from planmonitor.monitoring.models import ActionSheet, ProgressReport, ReportingRound

SHEET_STEPS = ["submit", "revise", "approve", "return"]
REPORT_STEPS = ["submit", "accept", "return", "reopen"]
ROUND_STEPS = ["close", "reopen"]

# Role fixture -> the steps it may take on ``action``'s sheet, report and round.
ALLOWED = {
    "coordinator": {
        "sheet": set(SHEET_STEPS),
        "report": set(REPORT_STEPS),
        "round": set(ROUND_STEPS),
    },
    "superuser": {
        "sheet": set(SHEET_STEPS),
        "report": set(REPORT_STEPS),
        "round": set(ROUND_STEPS),
    },
    # The lead owner writes and submits; the coordinator reviews.
    "owner": {"sheet": {"submit", "revise"}, "report": {"submit"}, "round": set()},
    "other_owner": {"sheet": set(), "report": set(), "round": set()},
    "contributor": {"sheet": set(), "report": set(), "round": set()},
    "network_member": {"sheet": set(), "report": set(), "round": set()},
    "evaluator": {"sheet": set(), "report": set(), "round": set()},
    "outsider": {"sheet": set(), "report": set(), "round": set()},
    "anonymous": {"sheet": set(), "report": set(), "round": set()},
}


@pytest.fixture
def superuser(admin_user):
    return admin_user  # pytest-django's


@pytest.fixture
def anonymous(db):
    return AnonymousUser()


@pytest.fixture
def objects(plan, action) -> dict:
    """Unsaved: the rules read the plan and the action, no state."""
    reporting_round = ReportingRound(plan=plan, name="2026 – tweede semester")
    return {
        "sheet": ActionSheet(action=action),
        "report": ProgressReport(round=reporting_round, action=action),
        "round": reporting_round,
    }


STEPS = {"sheet": SHEET_STEPS, "report": REPORT_STEPS, "round": ROUND_STEPS}


@pytest.mark.parametrize("role", list(ALLOWED))
@pytest.mark.parametrize("kind", list(STEPS))
def test_each_role_may_take_exactly_its_steps(request, objects, role, kind):
    user = request.getfixturevalue(role)

    allowed = {step for step in STEPS[kind] if policy.can_transition(user, objects[kind], step)}

    assert allowed == ALLOWED[role][kind]


def test_an_unknown_step_is_for_nobody(coordinator, superuser, objects):
    for user in (coordinator, superuser):
        assert not policy.can_transition(user, objects["sheet"], "accept")  # a report's step
        assert not policy.can_transition(user, objects["report"], "approve")  # a sheet's step
        assert not policy.can_transition(user, objects["round"], "delete")


def test_a_kind_without_a_workflow_has_no_steps(coordinator, action):
    assert not policy.can_transition(coordinator, action, "submit")


def test_the_owner_of_another_action_may_not_submit_it(owner, other_action):
    assert not policy.can_transition(owner, ActionSheet(action=other_action), "submit")


def test_a_registered_rule_is_what_the_policy_asks(monkeypatch, coordinator, owner, action):
    rules_of_actions = {"archive": policy.is_lead_of}
    monkeypatch.setitem(policy.TRANSITION_RULES, "plans.Action", rules_of_actions)

    assert policy.can_transition(owner, action, "archive")
    assert not policy.can_transition(coordinator, action, "archive")
