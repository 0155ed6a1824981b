"""Stored texts get LF line endings only, as the forms and the importer now store them.

Live rows only; history rows stay as recorded (see planmonitor/core/repair.py,
``normalise_line_endings``). The columns are frozen here: a migration must mean the
same thing forever.
"""

from django.db import migrations

from planmonitor.core.repair import normalise_line_endings

COLUMNS = [
    ("plans_minister", "portfolio"),
    ("plans_plan", "description"),
    ("plans_plandecision", "description"),
    ("plans_strategicgoal", "text"),
    ("plans_operationalgoal", "text"),
    ("plans_action", "title"),
    ("plans_action", "description"),
    ("plans_budgetline", "note"),
    ("plans_indicator", "name"),
    ("plans_indicator", "baseline_text"),
    ("plans_indicator", "target_text"),
    ("plans_indicator", "source"),
    ("plans_actioncomment", "body"),
]


def normalise(apps, schema_editor):
    normalise_line_endings(schema_editor.connection, COLUMNS)


class Migration(migrations.Migration):
    dependencies = [("plans", "0008_field_limits")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop, elidable=False)]
