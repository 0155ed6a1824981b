"""Redactions: personal data taken out of sealed rows, each redaction sealed in the chain."""

import django.utils.timezone
from django.db import migrations, models

from planmonitor.core.db import append_only_trigger


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_seal_events"),
    ]

    operations = [
        migrations.CreateModel(
            name="Redaction",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("at", models.DateTimeField(default=django.utils.timezone.now)),
                ("layout", models.CharField(max_length=16)),
                ("row_id", models.BigIntegerField()),
                ("columns", models.JSONField()),
                ("digest", models.CharField(max_length=64)),
                ("reason", models.CharField(max_length=300)),
            ],
            options={
                "indexes": [models.Index(fields=["layout", "row_id"], name="audit_redaction_row")],
            },
        ),
        append_only_trigger("audit_redaction"),
    ]
