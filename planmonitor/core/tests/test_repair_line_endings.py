"""The data migrations that give stored texts LF line endings (core/repair.py).

Live rows are normalised; history rows and frozen sheet versions stay as recorded.
"""

import importlib

from django.db import connection

from planmonitor.monitoring.models import ActionSheet, ProgressReport, SheetVersion
from planmonitor.monitoring.sheets import services as sheet_services
from planmonitor.plans.models import Action

PLANS = importlib.import_module("planmonitor.plans.migrations.0009_normalise_line_endings")
MONITORING = importlib.import_module(
    "planmonitor.monitoring.migrations.0005_normalise_line_endings"
)


class Editor:
    connection = connection


def _migrate() -> None:
    PLANS.normalise(None, Editor)
    MONITORING.normalise(None, Editor)


def test_it_says_nothing_on_a_clean_database(action, capsys):
    _migrate()
    assert capsys.readouterr().out == ""


def test_it_normalises_live_rows_and_leaves_history_and_versions_alone(
    report, owner, coordinator, capsys
):
    action = report.action
    sheet = sheet_services.sheet_for(action)
    ActionSheet.objects.filter(pk=sheet.pk).update(approach="Eerst\r\ndan\rnu")
    sheet_services.sheet_transition(sheet_id=sheet.pk, transition="submit", user=owner)
    sheet_services.sheet_transition(sheet_id=sheet.pk, transition="approve", user=coordinator)
    stored = ProgressReport.objects.get(pk=report.pk)
    stored.done = "Gedaan\r\nen meer"
    stored.save()  # a history row holding CRLF, as the app wrote it before
    Action.objects.filter(pk=action.pk).update(description="Een\r\nbeschrijving")
    history_rows = stored.history.count()

    _migrate()

    assert ActionSheet.objects.get(pk=sheet.pk).approach == "Eerst\ndan\nnu"
    assert ProgressReport.objects.get(pk=report.pk).done == "Gedaan\nen meer"
    assert Action.objects.get(pk=action.pk).description == "Een\nbeschrijving"
    # No history row is written, none rewritten; the frozen version keeps its text.
    assert stored.history.count() == history_rows
    assert stored.history.latest("history_id").done == "Gedaan\r\nen meer"
    assert SheetVersion.objects.get(sheet=sheet).content["approach"] == "Eerst\r\ndan\rnu"
    out = capsys.readouterr().out
    assert "monitoring_actionsheet.approach: 1 rows" in out
    assert "monitoring_progressreport.done: 1 rows" in out
