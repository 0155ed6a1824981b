"""The history tables refuse REPLACE too, and every history row is sealed (a hash chain).

* SQLite: ``INSERT OR REPLACE`` / ``REPLACE INTO`` deleted a history row without
  firing its DELETE trigger. Every history table now refuses an INSERT whose id
  is taken (``core.db.replace_guard_statements``); dropped and created again, so
  this can run after a migration that rebuilt a table.
* The seal chain (``audit/seal.py``): the tables ``audit_seal`` and
  ``audit_seallayout``, append-only like the history, and the first seals: every
  history row that exists when this migration runs is sealed here, once.
  Rows written later are sealed by the application as they are written.
"""

from importlib import import_module

from django.db import migrations, models

from planmonitor.core.db import append_only_trigger, replace_guard_trigger

# Frozen: the tables the earlier trigger migrations guard (29), not read from the models.
HISTORY_TABLES = sorted(
    [
        *import_module("planmonitor.audit.migrations.0001_append_only_history").TABLES,
        *import_module("planmonitor.monitoring.migrations.0002_append_only_history").TABLES,
    ]
)


def seal_existing_rows(apps, schema_editor):
    from planmonitor.audit.seal import seal_existing

    seal_existing(apps, schema_editor.connection.alias, HISTORY_TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_append_only_history"),
        # After every schema change of this release, so the first seals cover the final columns.
        ("accounts", "0005_two_step_login"),
        ("plans", "0008_field_limits"),
        ("monitoring", "0004_field_limits"),
    ]

    operations = [
        *(replace_guard_trigger(table) for table in HISTORY_TABLES),
        migrations.CreateModel(
            name="SealLayout",
            fields=[
                ("id", models.CharField(max_length=16, primary_key=True, serialize=False)),
                ("table", models.CharField(max_length=63)),
                ("key", models.CharField(max_length=63)),
                ("columns", models.JSONField()),
            ],
        ),
        migrations.CreateModel(
            name="Seal",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("layout", models.CharField(max_length=16)),
                ("row_id", models.BigIntegerField()),
                ("digest", models.CharField(max_length=64)),
                ("chain", models.CharField(max_length=64)),
            ],
        ),
        append_only_trigger("audit_seallayout", key="id"),  # a text key: no rowid alias
        append_only_trigger("audit_seal"),
        migrations.RunPython(seal_existing_rows, migrations.RunPython.noop, elidable=False),
    ]
