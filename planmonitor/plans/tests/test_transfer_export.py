"""The export format: real numbers and dates, escaped formulas, CSV encoding, the template."""

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from planmonitor.plans.models import BudgetLine, Indicator, PolicyDomain
from planmonitor.plans.transfer.columns import ACTIONS, BUDGET_LINES, INDICATORS
from planmonitor.plans.transfer.exporting import (
    Table,
    empty_tables,
    plan_tables,
    write_csv,
    write_xlsx,
)
from planmonitor.plans.transfer.samples import action_create


@pytest.fixture
def exported_plan(plan):
    action = action_create(
        plan, "A1", title='=HYPERLINK("x")', start_date=dt.date(2026, 3, 1), has_budget_impact=True
    )
    Indicator.objects.create(
        action=action,
        code="I1",
        name="-1 wachtlijst",
        kind="quantitative",
        baseline_value=Decimal("12.5"),
        target_value=Decimal("7.25"),
        target_date=dt.date(2029, 12, 31),
    )
    BudgetLine.objects.create(
        action=action,
        year=2026,
        amount=Decimal("1234.50"),
        policy_domain=PolicyDomain.objects.get(plan=plan, code="JH"),
    )
    return plan


def workbook(plan) -> openpyxl.Workbook:
    buffer = io.BytesIO()
    write_xlsx(buffer, plan_tables(plan), plan=plan)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer)


def test_the_workbook_has_the_three_sheets_and_the_help_sheets(exported_plan):
    book = workbook(exported_plan)

    assert book.sheetnames == ["Acties", "Indicatoren", "Budgetlijnen", "Toelichting", "Lijsten"]
    assert [cell.value for cell in book["Acties"][1]] == ACTIONS.headers
    assert [cell.value for cell in book["Indicatoren"][1]] == INDICATORS.headers
    assert [cell.value for cell in book["Budgetlijnen"][1]] == BUDGET_LINES.headers
    lists = {(row[0], row[1]) for row in book["Lijsten"].iter_rows(min_row=2, values_only=True)}
    assert ("od", "1.1") in lists and ("vormen", "SG") in lists


def test_numbers_stay_numbers_and_dates_stay_dates(exported_plan):
    book = workbook(exported_plan)

    action = dict(zip(ACTIONS.headers, [c.value for c in book["Acties"][2]], strict=True))
    assert action["start"] == dt.datetime(2026, 3, 1)
    assert book["Acties"]["L2"].is_date
    assert action["budgettaire_impact"] == "ja"
    indicator = dict(
        zip(INDICATORS.headers, [c.value for c in book["Indicatoren"][2]], strict=True)
    )
    assert (indicator["basiswaarde"], indicator["streefwaarde"]) == (12.5, 7.25)
    assert book["Budgetlijnen"]["B2"].value == 2026
    assert book["Budgetlijnen"]["C2"].value == 1234.5
    assert book["Budgetlijnen"]["C2"].number_format == "#,##0.00"


def test_text_that_starts_a_formula_is_escaped(exported_plan):
    book = workbook(exported_plan)

    title = book["Acties"]["B2"]
    assert title.data_type == "s"
    assert title.value == '\'=HYPERLINK("x")'
    assert book["Indicatoren"]["C2"].value == "'-1 wachtlijst"


def test_csv_is_utf8_with_bom_comma_separated_with_iso_dates(exported_plan):
    tables = {table.spec.kind: table for table in plan_tables(exported_plan)}
    out = io.StringIO()

    write_csv(out, tables["indicator"])

    text = out.getvalue()
    assert text.startswith("\ufeffactie,code,naam,type,")
    rows = list(csv.reader(io.StringIO(text[1:])))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["naam"] == "'-1 wachtlijst"
    assert row["basiswaarde"] == "12.5"
    assert row["streefdatum"] == "2029-12-31"
    assert row["type"] == "kwantitatief" and row["frequentie"] == "jaarlijks"


def test_the_template_has_headers_only(db):
    buffer = io.BytesIO()
    write_xlsx(buffer, empty_tables())
    buffer.seek(0)

    book = openpyxl.load_workbook(buffer)

    assert book.sheetnames == ["Acties", "Indicatoren", "Budgetlijnen", "Toelichting"]
    assert book["Acties"].max_row == 1
    assert [cell.value for cell in book["Acties"][1]] == ACTIONS.headers


def test_a_decimal_a_float_cannot_carry_is_written_as_exact_text(db):
    # PostgreSQL keeps 20 digits; a float keeps 15-17: write text rather than lose digits.
    row = [None] * len(INDICATORS.headers)
    row[INDICATORS.headers.index("streefwaarde")] = Decimal("1234567890123456.1234")
    buffer = io.BytesIO()
    write_xlsx(buffer, [Table(INDICATORS, [row])])
    buffer.seek(0)

    cell = openpyxl.load_workbook(buffer)["Indicatoren"]["H2"]

    assert cell.value == "1234567890123456.1234"
