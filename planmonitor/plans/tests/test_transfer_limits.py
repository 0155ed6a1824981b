"""The importer applies the limits of core/limits.py: a problem at its cell, never a rounding."""

from decimal import Decimal

import pytest
from django.utils import translation

from planmonitor.plans.models import Action, Indicator
from planmonitor.plans.transfer import values
from planmonitor.plans.transfer.importing import import_actions
from planmonitor.plans.transfer.values import CellError

from .test_transfer_import import (
    action_row,
    budget_row,
    indicator_row,
    workbook,
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _problems(report) -> set[tuple]:
    return {(p.sheet, p.row, p.column, p.message) for p in report.problems}


@pytest.mark.parametrize("commit", [False, True])
def test_it_refuses_numbers_it_cannot_store_exactly(terms, tmp_path, commit):  # noqa: F811
    indicators = [
        indicator_row(code="I1", basiswaarde="9999999999999999,9999"),
        indicator_row(code="I2", streefwaarde=1.23456),
        indicator_row(code="I3", streefwaarde="99.999.999.999,9999"),
    ]
    budget = [budget_row(bedrag="1.000.000.000.000,00")]
    source = workbook(tmp_path / "a.xlsx", [action_row()], indicators, budget)

    report = import_actions(plan=terms, source=source, commit=commit)

    assert _problems(report) == {
        (
            "Indicatoren",
            2,
            "basiswaarde",
            '"9999999999999999,9999" is too large: the largest number allowed is '
            "99.999.999.999,9999.",
        ),
        (
            "Indicatoren",
            3,
            "streefwaarde",
            '"1.23456" has too many decimals; at most 4 are allowed.',
        ),
        (
            "Budgetlijnen",
            2,
            "bedrag",
            '"1.000.000.000.000,00" is too large: the largest number allowed is '
            "999.999.999.999,99.",
        ),
    }
    assert not Action.objects.filter(code="A1").exists()


def test_it_stores_the_largest_number_exactly(terms, tmp_path):  # noqa: F811
    indicators = [indicator_row(basiswaarde="-99.999.999.999,9999", streefwaarde=99999999999.9999)]
    source = workbook(tmp_path / "a.xlsx", [action_row()], indicators)

    report = import_actions(plan=terms, source=source, commit=True)

    assert report.ok, report.problems
    indicator = Indicator.objects.get()
    assert indicator.baseline_value == Decimal("-99999999999.9999")
    assert indicator.target_value == Decimal("99999999999.9999")


def test_it_refuses_an_overlong_description(terms, tmp_path):  # noqa: F811
    rows = [action_row(omschrijving="x" * 20_001), action_row("A2", omschrijving="x" * 20_000)]
    source = workbook(tmp_path / "a.xlsx", rows)

    report = import_actions(plan=terms, source=source, commit=False)

    assert _problems(report) == {
        (
            "Acties",
            2,
            "omschrijving",
            "The text is 20001 characters long; at most 20000 are allowed.",
        )
    }


@pytest.mark.parametrize(
    ("cell", "expected"),
    [(0.1 + 0.2, Decimal("0.3")), (1 / 3 * 3, Decimal(1)), (12.5, Decimal("12.5"))],
)
def test_it_drops_only_the_binary_noise_of_a_float(cell, expected):
    assert values.decimal(cell, max_digits=15, places=4) == expected


@pytest.mark.parametrize("cell", [1 / 3, 2 / 3, 0.00001])
def test_it_refuses_a_float_with_more_decimals_than_allowed(cell):
    with pytest.raises(CellError, match="too many decimals"):
        values.decimal(cell, max_digits=15, places=4)
