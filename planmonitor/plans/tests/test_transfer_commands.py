"""The import_actions and export_actions management commands."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.core.management.base import OutputWrapper
from django.utils import translation

from planmonitor.plans.models import Action, Indicator, Plan
from planmonitor.plans.transfer.cli import terminal_progress
from planmonitor.plans.transfer.reading import no_progress
from planmonitor.plans.transfer.samples import action_create


@pytest.fixture(autouse=True)
def english(settings):
    # The commands speak the interface's language (settings.LANGUAGE_CODE).
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def exported(plan, tmp_path):
    """A plan with two actions and an indicator, exported to XLSX, then emptied."""
    action = action_create(plan, "A1", title="Campagne", start_date=dt.date(2026, 1, 1))
    action_create(plan, "A2", title="Vorming")
    Indicator.objects.create(action=action, code="I1", name="Bereik", kind="quantitative")
    path = tmp_path / "plan.xlsx"
    call_command("export_actions", str(path), stdout=io.StringIO())
    Action.objects.all().delete()
    return path


def run(*args) -> tuple[str, CommandError | None]:
    out = io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=io.StringIO())
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def test_it_imports_an_exported_workbook(exported):
    output, error = run("import_actions", str(exported))

    assert error is None
    assert "actions: 2 new, 0 changed" in output
    assert "Imported." in output
    assert Action.objects.count() == 2 and Indicator.objects.count() == 1


def test_a_dry_run_writes_nothing(exported):
    output, error = run("import_actions", str(exported), "--dry-run")

    assert error is None
    assert "Dry run: nothing written." in output
    assert not Action.objects.exists()


def test_json_output_is_one_object_with_the_whole_report(exported):
    output, error = run("import_actions", str(exported), "--dry-run", "--format", "json")

    assert error is None
    report = json.loads(output)
    assert set(report) >= {
        "plan",
        "dry_run",
        "applied",
        "ok",
        "summary",
        "created",
        "updated",
        "unchanged",
        "not_in_file",
        "problems",
        "warnings",
        "problem_count",
    }
    assert report["dry_run"] is True and report["applied"] is False
    assert report["summary"]["action"] == {
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "not_in_file": 0,
    }
    assert report["created"][0] == {
        "kind": "action",
        "key": "A1",
        "label": "Campagne",
        "row": 2,
        "changes": [],
    }


def test_reimporting_reports_nothing_created_or_changed(exported):
    run("import_actions", str(exported))

    output, error = run("import_actions", str(exported), "--format", "json")

    report = json.loads(output)
    assert error is None and report["applied"] is True
    assert report["summary"]["action"]["created"] == report["summary"]["action"]["updated"] == 0
    assert report["summary"]["action"]["unchanged"] == 2


def test_problems_exit_non_zero_and_write_nothing(plan, tmp_path):
    path = tmp_path / "acties.csv"
    path.write_text("code,titel,od,trekkende_minister\nA1,Campagne,1.1,Janssens\nA2,x,1.1,demir\n")

    output, error = run("import_actions", str(path), "--format", "json")

    assert error is not None and error.returncode == 1
    report = json.loads(output)
    assert report["ok"] is False and report["applied"] is False
    assert report["problems"] == [
        {
            "message": 'Unknown minister "Janssens".',
            "sheet": "acties.csv",
            "row": 2,
            "column": "trekkende_minister",
            "cell": "D2",
        }
    ]
    assert not Action.objects.exists()


def test_text_output_lists_problems_with_their_place(plan, tmp_path):
    path = tmp_path / "acties.csv"
    path.write_text("code;titel;od;trekkende_minister\nA1;Campagne;9.9;demir\n")

    output, error = run("import_actions", str(path))

    assert error is not None and "the file has 1 problem." in str(error)
    assert 'problem: acties.csv, C2, od: Unknown operational goal "9.9".' in output


def test_csv_export_writes_three_files_that_import_back(plan, tmp_path):
    action = action_create(plan, "A1")
    Indicator.objects.create(action=action, code="I1", name="Bereik", kind="qualitative")
    path = tmp_path / "plan.csv"

    output, error = run("export_actions", str(path))

    assert error is None
    names = sorted(item.name for item in tmp_path.iterdir())
    assert names == ["plan-budgetlijnen.csv", "plan-indicatoren.csv", "plan.csv"]
    assert (tmp_path / "plan.csv").read_bytes().startswith(b"\xef\xbb\xbfcode,titel,")
    Action.objects.all().delete()
    output, error = run(
        "import_actions",
        str(path),
        "--indicators",
        str(tmp_path / "plan-indicatoren.csv"),
        "--budget-lines",
        str(tmp_path / "plan-budgetlijnen.csv"),
    )
    assert error is None, output
    assert Indicator.objects.get().action.code == "A1"


def test_with_several_plans_the_plan_must_be_named(plan, tmp_path):
    Plan.objects.create(
        short_name="ander-plan",
        title="Ander plan",
        period_start=dt.date(2030, 1, 1),
        period_end=dt.date(2034, 12, 31),
    )

    _output, error = run("export_actions", str(tmp_path / "x.xlsx"))
    assert error is not None and "--plan" in str(error)

    _output, error = run("export_actions", str(tmp_path / "x.xlsx"), "--plan", plan.short_name)
    assert error is None


def test_an_unknown_plan_or_file_is_an_error(plan, tmp_path):
    _output, error = run("import_actions", str(tmp_path / "missing.xlsx"))
    assert error is not None and "No such file" in str(error)

    _output, error = run("export_actions", str(tmp_path / "x.xlsx"), "--plan", "nope")
    assert error is not None and "nope" in str(error)


def test_export_refuses_other_file_types(plan, tmp_path):
    _output, error = run("export_actions", str(tmp_path / "x.ods"))

    assert error is not None and ".xlsx or .csv" in str(error)


def test_progress_bars_show_only_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert terminal_progress(OutputWrapper(io.StringIO())) is no_progress
    bar = terminal_progress(OutputWrapper(Terminal()))([1, 2, 3], desc="Acties", total=None)
    assert list(bar) == [1, 2, 3]


def test_it_draws_a_progress_line_on_stderr_and_clears_it():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stderr = Terminal()
    progress = terminal_progress(OutputWrapper(Terminal()), stderr)

    assert list(progress([1, 2, 3], desc="Acties", total=None)) == [1, 2, 3]
    drawn = stderr.getvalue()
    assert "\rActies: 1 rows\033[K" in drawn
    assert drawn.endswith("\r\033[K")
    assert terminal_progress(OutputWrapper(Terminal()), io.StringIO()) is no_progress
