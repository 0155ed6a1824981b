"""Actions with known SMART verdicts, built once per module that asks for them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from planmonitor.conftest import module_transaction
from planmonitor.plans.models import Action, Indicator, Minister, Plan

# code -> letters passed (of S, M, A, R, T)
KNOWN = {"W001": 1, "M001": 3, "G001": 5}


def smart_action_create(plan: Plan, code: str, **values) -> Action:
    defaults = {
        "title": "Een vormingspakket over toestemming ontwikkelen voor leerkrachten",
        "operational_goal": plan.operational_goals.get(code="1.2"),
        "lead_minister": Minister.objects.get(key="gennez"),
        "start_date": dt.date(2026, 1, 1),
        "end_date": dt.date(2027, 12, 31),
    }
    return Action.objects.create(plan=plan, code=code, **(defaults | values))


def _indicator(action: Action, target: Decimal | None) -> None:
    Indicator.objects.create(
        action=action,
        code=f"{action.code}-I1",
        name="Bereikte leerkrachten",
        kind=Indicator.Kind.QUANTITATIVE,
        target_value=target,
    )


def smart_actions_create(plan: Plan) -> dict[str, Action]:
    good = smart_action_create(plan, "G001")
    _indicator(good, Decimal(500))
    # Fails M (no target) and T (ends after the plan): passes S, A, R.
    medium = smart_action_create(plan, "M001", end_date=dt.date(2031, 6, 30))
    _indicator(medium, None)
    # Only A passes: vague title, no indicator, budget impact without a line, no dates.
    weak = smart_action_create(
        plan,
        "W001",
        title="Aandacht voor preventie",
        has_budget_impact=True,
        start_date=None,
        end_date=None,
    )
    return {"G001": good, "M001": medium, "W001": weak}


@pytest.fixture(scope="module")
def smart_data(django_db_setup, django_db_blocker):
    with module_transaction(django_db_blocker):
        yield smart_actions_create(Plan.objects.get())
