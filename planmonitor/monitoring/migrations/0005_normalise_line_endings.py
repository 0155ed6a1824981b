"""Stored texts get LF line endings only, as the forms and the importer now store them.

Live rows only: frozen sheet versions (``monitoring_sheetversion``, their snapshots)
and history rows stay as recorded (see planmonitor/core/repair.py,
``normalise_line_endings``). The columns are frozen here: a migration must mean the
same thing forever.
"""

from django.db import migrations

from planmonitor.core.repair import normalise_line_endings

COLUMNS = [
    ("monitoring_actionsheet", "content_goal"),
    ("monitoring_actionsheet", "approach"),
    ("monitoring_actionsheet", "risks"),
    ("monitoring_actionsheet", "contact_name"),
    ("monitoring_actionsheet", "remarks"),
    ("monitoring_milestone", "name"),
    ("monitoring_progressreport", "status_reason"),
    ("monitoring_progressreport", "done"),
    ("monitoring_progressreport", "obstacles"),
    ("monitoring_progressreport", "next_steps"),
    ("monitoring_progressreport", "remarks"),
    ("monitoring_progressreport", "reopen_reason"),
    ("monitoring_indicatorvalue", "text"),
    ("monitoring_indicatorvalue", "source"),
    ("monitoring_indicatorvalue", "remark"),
    ("monitoring_contribution", "text"),
]


def normalise(apps, schema_editor):
    normalise_line_endings(schema_editor.connection, COLUMNS)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0004_field_limits"), ("plans", "0009_normalise_line_endings")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop, elidable=False)]
