"""Rows that break the new field limits (0004) are repaired or reported first.

See planmonitor/core/repair.py and docs/security.md ("Field limits and codes").
Limits are frozen here: a migration must mean the same thing forever.
"""

from django.db import migrations

from planmonitor.core.repair import NumberColumn, TextColumn, repair_numbers, repair_texts

NUMBERS = [
    NumberColumn("monitoring_indicatorvalue", "value", 4, note_column="remark", note_max=500),
]
TEXTS = [
    TextColumn("monitoring_actionsheet", "content_goal", 20_000),
    TextColumn("monitoring_actionsheet", "approach", 20_000),
    TextColumn("monitoring_actionsheet", "risks", 20_000),
    TextColumn("monitoring_actionsheet", "remarks", 5_000),
    TextColumn("monitoring_progressreport", "status_reason", 5_000),
    TextColumn("monitoring_progressreport", "done", 20_000),
    TextColumn("monitoring_progressreport", "obstacles", 20_000),
    TextColumn("monitoring_progressreport", "next_steps", 20_000),
    TextColumn("monitoring_progressreport", "remarks", 5_000),
    TextColumn("monitoring_progressreport", "reopen_reason", 5_000),
    TextColumn("monitoring_indicatorvalue", "text", 20_000),
    TextColumn("monitoring_contribution", "text", 10_000),
]


def repair(apps, schema_editor):
    repair_numbers(schema_editor.connection, NUMBERS)
    repair_texts(schema_editor.connection, TEXTS)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_append_only_history"), ("plans", "0007_repair_stored_values")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop, elidable=False)]
