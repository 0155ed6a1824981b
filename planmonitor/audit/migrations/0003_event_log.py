"""The plan-wide change log (``audit/events.py``): one table, append-only like the history."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

from planmonitor.core.db import append_only_trigger


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_seal_chain"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("plans", "0008_field_limits"),
    ]

    operations = [
        migrations.CreateModel(
            name="Event",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                (
                    "at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="when"),
                ),
                ("kind", models.CharField(max_length=50, verbose_name="what")),
                ("actor_id", models.BigIntegerField(blank=True, null=True)),
                ("actor_name", models.CharField(blank=True, max_length=300, verbose_name="who")),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("web", "web"),
                            ("admin", "admin"),
                            ("import", "import"),
                            ("command", "command"),
                            ("system", "system"),
                        ],
                        default="system",
                        max_length=10,
                        verbose_name="channel",
                    ),
                ),
                ("object_id", models.BigIntegerField(blank=True, null=True)),
                (
                    "object_label",
                    models.CharField(blank=True, max_length=300, verbose_name="object"),
                ),
                ("summary", models.CharField(blank=True, max_length=500, verbose_name="summary")),
                (
                    "content_type",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.plan",
                        verbose_name="plan",
                    ),
                ),
            ],
            options={
                "verbose_name": "event",
                "verbose_name_plural": "events",
                "ordering": ["-at", "-id"],
                "indexes": [
                    models.Index(fields=["plan", "at"], name="audit_event_plan_at"),
                    models.Index(
                        fields=["plan", "actor_id", "at"], name="audit_event_plan_actor_at"
                    ),
                    models.Index(fields=["plan", "kind", "at"], name="audit_event_plan_kind_at"),
                ],
            },
        ),
        append_only_trigger("audit_event"),
    ]
