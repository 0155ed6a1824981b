"""Every kind of history page, for every role: readable exactly by who may read the object.

The expectations are written out here by hand, from docs/security.md's table: who
may read each kind of object, and the history rule on top (not the public, not
contributors). The view derives them from the policy; this test checks it does.
"""

import pytest
from django.urls import reverse

from planmonitor.accounts.policy import READ_RULES
from planmonitor.audit.views import HISTORY_MODELS
from planmonitor.tests import matrix

from .helpers import any_object

ROLES = [*matrix.ROLES, "superuser"]
LOGIN, OK, FORBIDDEN, NOT_FOUND = 302, 200, 403, 404

PLAN_KINDS = ["plan", "beslissing", "sd", "od", "vorm", "doelgroep", "beleidsdomein"]
PLAN_KINDS += ["organisatie", "partner"]
ACTION_KINDS = ["actie", "indicator", "begroting"]
MONITORING_KINDS = ["fiche", "mijlpaal", "rapport", "indicatorwaarde", "bewijsstuk", "bijdrage"]


def _answers(default: int, **by_role: int) -> dict[str, int]:
    return {r: default for r in matrix.LOGGED_IN} | {"anonymous": LOGIN, "superuser": OK} | by_role


# Who reads the whole plan sees every history of it; owners that of their own action.
WHOLE_PLAN = {"coordinator": OK, "network_member": OK, "evaluator": OK}
# A minister's cabinet reads its ministers' actions, sheets and reports, not who changed what.
OF_THE_ACTION = _answers(
    NOT_FOUND, **WHOLE_PLAN, owner=OK, contributor=FORBIDDEN, cabinet=FORBIDDEN
)
UNPUBLISHED = {
    **dict.fromkeys(PLAN_KINDS, _answers(FORBIDDEN, **WHOLE_PLAN, outsider=NOT_FOUND)),
    **dict.fromkeys(ACTION_KINDS + MONITORING_KINDS, OF_THE_ACTION),
    # Comments are for who works on the action: the cabinet does not even read them.
    "opmerking": {**OF_THE_ACTION, "cabinet": NOT_FOUND},
    "ronde": _answers(NOT_FOUND, **WHOLE_PLAN),
    # Roles in the plan: the members pages are for coordinators only, so is their history.
    "rol": _answers(NOT_FOUND, coordinator=OK),
    "vervanging": _answers(NOT_FOUND, coordinator=OK),  # stand-ins: the members pages' too
    "minister": _answers(FORBIDDEN),
    "gebruiker": _answers(NOT_FOUND),
    # Context series (evaluation): for the evaluation's readers, the whole-plan readers.
    "contextreeks": _answers(NOT_FOUND, **WHOLE_PLAN),
    "contextwaarde": _answers(NOT_FOUND, **WHOLE_PLAN),
    "evaluatiesectie": _answers(NOT_FOUND, **WHOLE_PLAN),  # the report's written sections
}
# Published: everybody reads the plan and its actions, nobody new reads their history;
# comments and the monitoring cycle stay internal.
PUBLISHED = {
    **UNPUBLISHED,
    **dict.fromkeys(PLAN_KINDS, _answers(FORBIDDEN, **WHOLE_PLAN)),
    **dict.fromkeys(
        ACTION_KINDS, _answers(FORBIDDEN, **WHOLE_PLAN, owner=OK, contributor=FORBIDDEN)
    ),
}


def test_the_tables_name_every_kind_and_every_kind_has_a_read_rule():
    assert UNPUBLISHED.keys() == HISTORY_MODELS.keys() == PUBLISHED.keys()
    assert set(HISTORY_MODELS.values()) <= READ_RULES.keys()


@pytest.fixture
def people(request, action, superuser) -> dict:
    """One person per role (anonymous: None), made before the objects are."""
    return {role: None if role == "anonymous" else request.getfixturevalue(role) for role in ROLES}


@pytest.fixture
def urls(people, action, superuser) -> dict[str, str]:
    return {
        key: reverse("audit:history", args=[key, any_object(label, action, superuser).pk])
        for key, label in HISTORY_MODELS.items()
    }


def _unexpected(client, people, urls, expected) -> dict[tuple[str, str], tuple[int, int]]:
    """(kind, role) → (answer, expected answer), for every answer that differs."""
    unexpected = {}
    for key, url in urls.items():
        for role, user in people.items():
            client.logout()
            if user is not None:
                client.force_login(user)
            answer = client.get(url).status_code
            if answer != expected[key][role]:
                unexpected[key, role] = (answer, expected[key][role])
    return unexpected


def test_each_kind_answers_each_role_as_its_read_rule_and_the_history_rule_say(
    client, people, urls
):
    assert _unexpected(client, people, urls, UNPUBLISHED) == {}


def test_publishing_the_plan_opens_no_history_and_no_comment_to_the_public(
    client, action, people, urls
):
    action.plan.is_published = True
    action.plan.save()
    assert _unexpected(client, people, urls, PUBLISHED) == {}
