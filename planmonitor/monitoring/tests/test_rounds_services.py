"""Opening a round through the service refuses what the round form refuses, field by field.

So a caller without the form (a command, the coming API) cannot open a round the
plan may not have.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from planmonitor.monitoring.models import ReportingRound
from planmonitor.monitoring.rounds import services

from .rounds_helpers import open_round


def _refusal(plan, action, **values) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        open_round(plan, actions=[action], **values)
    return refused.value.message_dict


def test_it_refuses_a_name_the_plan_has_whatever_the_case(plan, action):
    open_round(plan, actions=[action], name="2026 – Tweede semester")

    errors = _refusal(plan, action, name="  2026 – tweede SEMESTER ")

    assert errors == {"name": ["Dit plan heeft al een ronde met deze naam."]}
    assert ReportingRound.objects.count() == 1


def test_it_refuses_a_period_that_ends_before_it_starts(plan, action):
    errors = _refusal(plan, action, period_end=dt.date(2026, 6, 30), due_date=dt.date(2026, 7, 31))

    assert errors == {"period_end": ["De periode kan niet eindigen voordat ze begint."]}
    assert not ReportingRound.objects.exists()


def test_it_refuses_a_due_date_before_the_end_of_the_period(plan, action):
    errors = _refusal(plan, action, due_date=dt.date(2026, 12, 30))

    assert errors == {
        "due_date": ["De uiterste datum kan niet vóór het einde van de periode liggen."]
    }
    assert not ReportingRound.objects.exists()


def test_the_due_date_may_be_the_last_day_of_the_period(plan, action):
    reporting_round = open_round(plan, actions=[action], due_date=dt.date(2026, 12, 31))

    assert reporting_round.due_date == reporting_round.period_end


def test_it_stores_the_name_as_the_form_does_without_surrounding_spaces(plan, action):
    assert open_round(plan, actions=[action], name=" 2027 – eerste semester ").name == (
        "2027 – eerste semester"
    )


def test_it_says_every_problem_at_once(plan, action):
    open_round(plan, actions=[action])

    with pytest.raises(ValidationError) as refused:
        services.round_validate(
            plan=plan,
            name="2026 – tweede semester",
            period_start=dt.date(2026, 7, 1),
            period_end=dt.date(2026, 6, 30),
            due_date=dt.date(2026, 6, 1),
        )

    assert set(refused.value.message_dict) == {"name", "period_end", "due_date"}
