"""The services of the sheet's parts, without the pages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from planmonitor.core.formatting import belgian as format_belgian
from planmonitor.core.formatting import parse_belgian as belgian_number
from planmonitor.core.locking import EditConflict
from planmonitor.monitoring.models import ActionSheet, IndicatorValue
from planmonitor.monitoring.rounds import services
from planmonitor.monitoring.sheets import services as sheet_services
from planmonitor.plans.models import Partner, Plan, PolicyDomain

from .sheets_helpers import run


def test_a_part_written_to_an_unopened_sheet_creates_it_as_a_draft(action):
    sheet_services.milestone_add(
        action=action, values={"name": "M", "planned_date": dt.date(2026, 1, 1)}
    )
    assert ActionSheet.objects.get(action=action).status == "draft"


@pytest.mark.parametrize("state", [("submit",), ("submit", "approve")])
def test_parts_are_locked_while_submitted_or_approved(action, coordinator, state):
    milestone = action.milestones.create(name="M", planned_date=dt.date(2026, 1, 1))
    indicator = action.indicators.create(code="I1", name="I", kind="qualitative")
    run(action, coordinator, *state)
    locked = sheet_services.SheetLocked
    with pytest.raises(locked):
        sheet_services.milestone_add(
            action=action, values={"name": "X", "planned_date": dt.date(2026, 1, 1)}
        )
    with pytest.raises(locked):
        sheet_services.milestone_update(
            milestone_id=milestone.pk,
            values={"name": "X"},
            expected_fingerprint=sheet_services.fingerprint(
                milestone, sheet_services.MILESTONE_FIELDS
            ),
        )
    with pytest.raises(locked):
        sheet_services.milestone_delete(milestone_id=milestone.pk)
    with pytest.raises(locked):
        sheet_services.indicator_update(
            indicator_id=indicator.pk,
            values={"name": "X"},
            expected_fingerprint=sheet_services.fingerprint(
                indicator, sheet_services.INDICATOR_FIELDS
            ),
        )
    with pytest.raises(locked):
        sheet_services.sheet_partners_update(
            action_id=action.pk, partners=[], expected_version=action.version
        )
    milestone.refresh_from_db()
    indicator.refresh_from_db()
    assert (milestone.name, indicator.name) == ("M", "I")


def test_a_stale_fingerprint_is_a_conflict(action):
    indicator = action.indicators.create(code="I1", name="Oud", kind="qualitative")
    loaded = sheet_services.fingerprint(indicator, sheet_services.INDICATOR_FIELDS)
    sheet_services.indicator_update(
        indicator_id=indicator.pk, values={"name": "Eerste"}, expected_fingerprint=loaded
    )
    with pytest.raises(EditConflict) as conflict:
        sheet_services.indicator_update(
            indicator_id=indicator.pk, values={"name": "Tweede"}, expected_fingerprint=loaded
        )
    assert conflict.value.current.name == "Eerste"


def test_a_fingerprint_ignores_trailing_zeros(action):
    indicator = action.indicators.create(
        code="I1", name="I", kind="quantitative", target_value=Decimal("1.5")
    )
    fresh = type(indicator).objects.get(pk=indicator.pk)  # Decimal("1.5000") from the database
    fields = sheet_services.INDICATOR_FIELDS
    assert sheet_services.fingerprint(indicator, fields) == sheet_services.fingerprint(
        fresh, fields
    )


def test_only_the_parts_fields_are_written(action):
    with pytest.raises(ValueError):
        sheet_services.milestone_add(
            action=action,
            values={"name": "M", "planned_date": dt.date(2026, 1, 1), "action_id": 999},
        )


def test_a_qualitative_indicator_refuses_numbers(action):
    with pytest.raises(ValidationError):
        sheet_services.indicator_add(
            action=action,
            values={"code": "Q1", "name": "Q", "kind": "qualitative", "target_value": Decimal(3)},
        )
    assert not action.indicators.exists()


def test_an_indicator_with_reported_values_keeps_its_type(action):
    indicator = action.indicators.create(
        code="I1", name="I", kind="quantitative", baseline_value=Decimal(0)
    )
    reporting_round = services.round_open(
        plan=action.plan,
        name="2026 – eerste semester",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 6, 30),
        due_date=dt.date(2026, 7, 31),
        actions=[action],
    )
    IndicatorValue.objects.create(
        report=reporting_round.reports.get(), indicator=indicator, value=Decimal(4)
    )
    with pytest.raises(ValidationError) as refused:
        sheet_services.indicator_update(
            indicator_id=indicator.pk,
            values={"kind": "qualitative", "baseline_value": None},
            expected_fingerprint=sheet_services.fingerprint(
                indicator, sheet_services.INDICATOR_FIELDS
            ),
        )
    assert "kind" in refused.value.error_dict


def test_a_budget_line_needs_a_policy_domain_of_its_own_plan(action):
    other_plan = Plan.objects.create(
        short_name="ander",
        title="Ander plan",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2029, 12, 31),
        coordinating_minister=action.plan.coordinating_minister,
    )
    foreign = PolicyDomain.objects.create(plan=other_plan, code="X", label="Elders")
    with pytest.raises(ValidationError):
        sheet_services.budget_line_add(
            action=action,
            values={"year": 2026, "amount": Decimal(5), "policy_domain": foreign},
        )
    foreign_partner = Partner.objects.create(plan=other_plan, code="X", label="Elders")
    with pytest.raises(ValidationError):
        sheet_services.sheet_partners_update(
            action_id=action.pk, partners=[foreign_partner], expected_version=action.version
        )


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("1.234,50", "1234.50"),
        ("€ 12.500", "12500"),
        ("1234,5", "1234.5"),
        ("12.5", "12.5"),
        ("0.125", "0.125"),
        ("1.000.000", "1000000"),
        ("-3,5", "-3.5"),
    ],
)
def test_numbers_are_typed_the_belgian_way(typed, number):
    assert belgian_number(typed) == number


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (Decimal("1234.5000"), None, "1.234,5"),
        (Decimal("12500"), 2, "12.500,00"),
        (Decimal("0.1250"), None, "0,125"),
        (Decimal("-7"), None, "-7"),
    ],
)
def test_numbers_are_shown_the_belgian_way_in_forms(value, places, shown):
    assert format_belgian(value, places=places) == shown
