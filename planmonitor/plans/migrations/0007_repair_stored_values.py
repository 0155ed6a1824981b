"""Rows that break the new field limits (0008) are repaired or reported first.

See planmonitor/core/repair.py and docs/security.md ("Field limits and codes").
Limits are frozen here: a migration must mean the same thing forever.
"""

from django.db import migrations

from planmonitor.core.repair import NumberColumn, TextColumn, repair_action_codes, repair_numbers, repair_texts

NUMBERS = [
    NumberColumn("plans_indicator", "baseline_value", 4, note_column="baseline_text", note_max=500),
    NumberColumn("plans_indicator", "target_value", 4, note_column="target_text", note_max=500),
    NumberColumn("plans_budgetline", "amount", 2, max_digits=14, note_column="note", note_max=300,
                 replacement="0"),
]
TEXTS = [
    TextColumn("plans_action", "description", 20_000),
    TextColumn("plans_actioncomment", "body", 5_000),
]


def repair(apps, schema_editor):
    connection = schema_editor.connection
    repair_action_codes(connection)
    repair_numbers(connection, NUMBERS)
    repair_texts(connection, TEXTS)


class Migration(migrations.Migration):
    dependencies = [("plans", "0006_budget_procedure")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop, elidable=False)]
