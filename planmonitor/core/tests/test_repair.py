"""The data migrations' repair (core/repair.py): rows that break a new limit, fixed or reported."""

import importlib
from decimal import Decimal

import pytest
from django.db import connection

from planmonitor.monitoring.models import ProgressReport
from planmonitor.plans.models import Action

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="rows breaking the constraints are written with a pragma"
)

PLANS = importlib.import_module("planmonitor.plans.migrations.0007_repair_stored_values")
MONITORING = importlib.import_module("planmonitor.monitoring.migrations.0003_repair_stored_values")


class Editor:
    connection = connection


def _unchecked(sql: str, params: list) -> None:
    """Write a row as older code could (before the CHECK constraints existed)."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA ignore_check_constraints = ON")
        try:
            cursor.execute(sql, params)
        finally:
            cursor.execute("PRAGMA ignore_check_constraints = OFF")


def _repair() -> None:
    PLANS.repair(None, Editor)
    MONITORING.repair(None, Editor)


def test_it_says_nothing_on_a_clean_database(action, capsys):
    _repair()
    assert capsys.readouterr().out == ""


def test_it_renames_codes_that_break_urls_uniquely(action, other_action, capsys):
    _unchecked("UPDATE plans_action SET code = 'A/1' WHERE id = %s", [action.pk])
    _unchecked("UPDATE plans_action SET code = 'A 1' WHERE id = %s", [other_action.pk])

    _repair()

    codes = set(
        Action.objects.filter(pk__in=[action.pk, other_action.pk]).values_list("code", flat=True)
    )
    assert codes == {"A-1", "A-1-2"}
    out = capsys.readouterr().out
    assert "RENAMED plans_action" in out and "'A/1' -> 'A-1'" in out


def test_it_repairs_exact_numbers_and_clears_and_notes_the_rest(action, capsys):
    indicator = action.indicators.create(code="I1", name="Bereik", kind="quantitative")
    # SQLite kept the too-long decimal as a float: Django cannot even read it back.
    _unchecked(
        "UPDATE plans_indicator SET baseline_value = %s WHERE id = %s",
        ["9999999999999999.9999", indicator.pk],
    )
    # A number kept as text (a raw insert): Django cannot read that back either.
    _unchecked(
        "UPDATE plans_indicator SET target_value = CAST('12.5' AS TEXT) WHERE id = %s",
        [indicator.pk],
    )

    _repair()

    indicator.refresh_from_db()
    assert indicator.baseline_value is None
    assert (
        indicator.baseline_text
        == "[Waarde 10000000000000000 kon niet exact bewaard worden en is gewist]"
    )
    assert indicator.target_value == Decimal("12.5")
    out = capsys.readouterr().out
    assert f"CLEARED plans_indicator.baseline_value id={indicator.pk}" in out


def test_it_shortens_overlong_texts_and_reports_them(report, capsys):
    _unchecked(
        "UPDATE monitoring_progressreport SET done = %s WHERE id = %s", ["x" * 20_005, report.pk]
    )
    _unchecked(
        "UPDATE monitoring_progressreport SET obstacles = %s WHERE id = %s",
        ["y" * 20_000 + "   ", report.pk],
    )

    _repair()

    report = ProgressReport.objects.get(pk=report.pk)
    assert report.done == "x" * 20_000 and report.obstacles == "y" * 20_000
    out = capsys.readouterr().out
    assert f"SHORTENED monitoring_progressreport.done id={report.pk}: 20005 characters" in out
    assert f"repaired monitoring_progressreport.obstacles id={report.pk}" in out
