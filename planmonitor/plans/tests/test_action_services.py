"""Saving an action through the service refuses what the edit form refuses, field by field.

So a caller without the form (a command, the coming API) cannot store an action
its plan may not have.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from planmonitor.plans import services
from planmonitor.plans.models import Action


def _refusal(action: Action, **values) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        services.action_update(action_id=action.pk, values=values, expected_version=action.version)
    action.refresh_from_db()
    return refused.value.message_dict


def test_it_refuses_a_code_another_action_has_whatever_the_case(action, other_action):
    errors = _refusal(other_action, code="t001")

    assert errors == {"code": ["Een andere actie van dit plan heeft deze code al."]}
    assert other_action.code == "T002"


def test_it_refuses_the_lead_minister_as_a_co_minister(action):
    errors = _refusal(action, co_ministers=[action.lead_minister])

    assert errors == {
        "co_ministers": ["De trekkende minister kan niet ook betrokken minister van de actie zijn."]
    }
    assert list(action.co_ministers.values_list("key", flat=True)) == ["crevits"]


def test_it_refuses_a_co_minister_as_the_new_lead_minister(action):
    crevits = action.co_ministers.get()

    errors = _refusal(action, lead_minister=crevits)

    assert list(errors) == ["co_ministers"]
    assert action.lead_minister.key == "gennez"


def test_it_refuses_an_end_before_the_start(action):
    errors = _refusal(action, start_date=dt.date(2026, 7, 1), end_date=dt.date(2026, 6, 30))

    assert errors == {"end_date": ["De einddatum kan niet vóór de startdatum liggen."]}
    assert action.end_date is None


def test_it_keeps_the_actions_own_code(action):
    saved = services.action_update(
        action_id=action.pk, values={"code": "t001"}, expected_version=action.version
    )

    assert saved.code == "t001"
