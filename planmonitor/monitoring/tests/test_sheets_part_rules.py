"""The sheet's parts through the services refuse what their forms refuse, field by field.

So a caller without the form (a command, the coming API) cannot store an
indicator or a budget line the form would not accept.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from planmonitor.monitoring.sheets import services
from planmonitor.plans.models import FinanceAdvice, PolicyDomain


def _indicator_refusal(action, **values) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        services.indicator_add(action=action, values={"code": "I1", "name": "Opgeleiden", **values})
    assert not action.indicators.exists()
    return refused.value.message_dict


def _line(action) -> dict:
    domain = PolicyDomain.objects.filter(plan_id=action.plan_id).first()
    return {"year": 2026, "amount": Decimal(1000), "policy_domain": domain}


def _budget_refusal(action, **values) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        services.budget_line_add(action=action, values={**_line(action), **values})
    assert not action.budget_lines.exists()
    return refused.value.message_dict


def test_an_indicator_cannot_reach_its_target_before_its_baseline(action):
    errors = _indicator_refusal(
        action,
        kind="quantitative",
        baseline_date=dt.date(2026, 1, 1),
        target_date=dt.date(2025, 12, 31),
    )

    assert list(errors) == ["target_date"]
    assert errors["target_date"][0].startswith("De datum van de streefwaarde kan niet")


def test_a_qualitative_indicator_refuses_numbers_on_the_fields_that_hold_them(action):
    errors = _indicator_refusal(
        action, kind="qualitative", baseline_value=Decimal(1), target_value=Decimal(3)
    )

    assert set(errors) == {"baseline_value", "target_value"}


def test_an_advice_needs_its_date(action):
    errors = _budget_refusal(action, finance_advice_outcome=FinanceAdvice.FAVOURABLE)

    assert errors == {"finance_advice_date": ["Geef de datum van het advies op."]}


def test_an_advice_date_needs_its_outcome(action):
    errors = _budget_refusal(action, finance_advice_date=dt.date(2026, 3, 1))

    assert errors == {"finance_advice_outcome": ["Vul de uitkomst van het advies in."]}


def test_the_budget_minister_agrees_after_the_advice(action):
    errors = _budget_refusal(
        action,
        finance_advice_date=dt.date(2026, 3, 1),
        finance_advice_outcome=FinanceAdvice.FAVOURABLE,
        budget_agreement_date=dt.date(2026, 2, 1),
    )

    assert list(errors) == ["budget_agreement_date"]


def test_a_procedure_in_order_is_saved(action):
    line = services.budget_line_add(
        action=action,
        values={
            **_line(action),
            "finance_advice_date": dt.date(2026, 3, 1),
            "finance_advice_outcome": FinanceAdvice.FAVOURABLE,
            "budget_agreement_date": dt.date(2026, 3, 1),
        },
    )

    assert line.budget_agreement_date == line.finance_advice_date
