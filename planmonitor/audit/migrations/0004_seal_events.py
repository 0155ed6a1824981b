"""The change log's events join the seal chain (``audit/seal.py``), as the history rows did.

From now on ``events.record_event`` seals each event in the same transaction as its row;
the events that exist when this migration runs are sealed here, once, in id order (as
``0002_seal_chain`` sealed the history rows that existed then).
"""

from django.db import migrations

# Frozen: the table this migration seals, not read from the models.
EVENT_TABLES = ["audit_event"]


def seal_existing_events(apps, schema_editor):
    from planmonitor.audit.seal import seal_existing

    seal_existing(apps, schema_editor.connection.alias, EVENT_TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_event_log"),
    ]

    operations = [
        migrations.RunPython(seal_existing_events, migrations.RunPython.noop, elidable=False),
    ]
