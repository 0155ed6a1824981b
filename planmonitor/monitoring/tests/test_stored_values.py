"""Stored numbers and texts never break a page; what cannot be stored exactly is refused."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from planmonitor.core.limits import NARRATIVE_MAX, REMARK_MAX
from planmonitor.monitoring.models import ActionSheet, Contribution, IndicatorValue, ProgressReport
from planmonitor.monitoring.reports import services
from planmonitor.monitoring.reports.forms import IndicatorValueForm
from planmonitor.monitoring.sheets.forms import IndicatorForm
from planmonitor.plans.models import ActionComment, BudgetLine, Indicator

LARGEST = Decimal("99999999999.9999")  # 15 digits, 4 after the comma
TOO_LARGE = Decimal("9999999999999999.9999")  # what numeric(20, 4) accepted before


@pytest.fixture
def quantitative(indicators) -> Indicator:
    return indicators[0]


@pytest.fixture
def value(report, quantitative) -> IndicatorValue:
    return IndicatorValue.objects.create(report=report, indicator=quantitative, value=Decimal(1))


@pytest.fixture
def budget_line(action) -> BudgetLine:
    return BudgetLine.objects.create(
        action=action,
        year=2026,
        amount=Decimal(1),
        policy_domain=action.plan.policy_domains.first(),
    )


# --- The database ------------------------------------------------------------------------


@pytest.mark.parametrize("number", [TOO_LARGE, -TOO_LARGE, LARGEST + 1])
def test_the_database_refuses_numbers_it_cannot_store_exactly(quantitative, value, number):
    for rows, field in (
        (Indicator.objects.filter(pk=quantitative.pk), "baseline_value"),
        (Indicator.objects.filter(pk=quantitative.pk), "target_value"),
        (IndicatorValue.objects.filter(pk=value.pk), "value"),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            rows.update(**{field: number})


def test_the_database_refuses_an_amount_beyond_its_digits(budget_line):
    # SQLite: the CHECK constraint; PostgreSQL: numeric(14, 2) itself overflows.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        BudgetLine.objects.filter(pk=budget_line.pk).update(amount=Decimal("1000000000000"))


@pytest.mark.parametrize("number", [LARGEST, -LARGEST, Decimal("0.0001"), Decimal("12345.6789")])
def test_the_largest_accepted_values_read_back_exactly(quantitative, value, number):
    Indicator.objects.filter(pk=quantitative.pk).update(baseline_value=number, target_value=number)
    IndicatorValue.objects.filter(pk=value.pk).update(value=number)
    quantitative.refresh_from_db()
    value.refresh_from_db()
    assert quantitative.baseline_value == quantitative.target_value == value.value == number


def test_the_largest_amount_reads_back_exactly(budget_line):
    BudgetLine.objects.filter(pk=budget_line.pk).update(amount=Decimal("999999999999.99"))
    budget_line.refresh_from_db()
    assert budget_line.amount == Decimal("999999999999.99")


@pytest.mark.parametrize(
    ("model", "field", "limit"),
    [
        (ActionSheet, "approach", NARRATIVE_MAX),
        (ProgressReport, "done", NARRATIVE_MAX),
        (ProgressReport, "remarks", REMARK_MAX),
        (Contribution, "text", 10_000),
        (ActionComment, "body", REMARK_MAX),
    ],
)
def test_the_database_refuses_an_overlong_text(model, field, limit):
    assert model._meta.get_field(field).max_length == limit
    constraint = f"{model._meta.model_name}_{field}_max_length"
    assert constraint in {c.name for c in model._meta.constraints}


def test_the_database_refuses_an_overlong_report_text(report):
    rows = ProgressReport.objects.filter(pk=report.pk)
    rows.update(done="x" * NARRATIVE_MAX)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(done="x" * (NARRATIVE_MAX + 1))


# --- Pages with extreme stored values ----------------------------------------------------


def test_the_pages_answer_with_extreme_stored_values(
    client, coordinator, report, quantitative, value, budget_line
):
    Indicator.objects.filter(pk=quantitative.pk).update(
        baseline_value=LARGEST, target_value=LARGEST - Decimal("0.0001")
    )
    IndicatorValue.objects.filter(pk=value.pk).update(value=-LARGEST)
    BudgetLine.objects.filter(pk=budget_line.pk).update(amount=Decimal("999999999999.99"))
    action = report.action
    plan = action.plan.short_name
    client.force_login(coordinator)
    pages = [
        reverse("monitoring:report_detail", args=[plan, report.round_id, action.code]),
        reverse("monitoring:report_edit", args=[plan, report.round_id, action.code]),
        reverse("plans:action_detail", args=[plan, action.code]),
        reverse("monitoring:sheet_detail", args=[plan, action.code]),
        reverse("monitoring:sheet_pdf", args=[plan, action.code]),
        reverse("plans:transfer_export_xlsx", args=[plan]),
        reverse("plans:transfer_export_csv", args=[plan, "indicatoren"]),
    ]
    for page in pages:
        assert client.get(page).status_code == 200, page


# --- Forms ----------------------------------------------------------------------------------


def test_the_value_form_refuses_a_number_it_cannot_store(quantitative):
    data = {f"indicator-{quantitative.pk}-value": "9.999.999.999.999.999,9999"}
    with translation.override("nl"):
        form = IndicatorValueForm(data, indicator=quantitative)
        assert not form.is_valid()
        assert "te groot om exact te bewaren" in form.errors["value"][0]
    assert IndicatorValueForm(
        {f"indicator-{quantitative.pk}-value": "99.999.999.999,9999"}, indicator=quantitative
    ).is_valid()


def test_the_indicator_form_refuses_too_many_digits_and_decimals(action, quantitative):
    base = {
        "code": "I9",
        "name": "Bereik",
        "kind": "quantitative",
        "direction": "increase",
        "frequency": "annual",
        "target_value": "12,5",
    }
    with translation.override("nl"):
        form = IndicatorForm({**base, "baseline_value": "9999999999999999,9999"}, action=action)
        assert not form.is_valid()
        assert "te groot om exact te bewaren" in form.errors["baseline_value"][0]
        form = IndicatorForm({**base, "baseline_value": "1,23456"}, action=action)
        assert not form.is_valid()
        assert "hoogstens 4 cijfers na de komma" in form.errors["baseline_value"][0]


def test_the_service_refuses_a_number_it_cannot_store(report, quantitative):
    values = {"value": TOO_LARGE, "level": "", "text": "", "source": "", "remark": ""}
    with pytest.raises(ValidationError) as refused:
        services.report_update(
            report_id=report.pk,
            values={},
            indicator_values={quantitative.pk: values},
            expected_version=report.version,
        )
    assert "value" in refused.value.message_dict
    assert not IndicatorValue.objects.filter(value=TOO_LARGE).exists()
