"""The mail claims become an outbox (``OutgoingMail``): each row carries its rendered mail
and a state. The rows of before were all sent (a refused mail's claim was deleted), so
they become "sent"; a digest's key gains its recipient, the key being unique on its own now.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def keys_unique_and_rows_sent(apps, schema_editor):
    OutgoingMail = apps.get_model("notifications", "OutgoingMail")
    for mail in OutgoingMail.objects.filter(key__startswith="digest:"):
        mail.key = f"{mail.key}:{mail.recipient_id}"
        mail.save(update_fields=["key"])
    OutgoingMail.objects.update(state="sent", queued_at=models.F("sent_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_notifications"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="maildelivery", name="maildelivery_once"),
        migrations.RenameModel(old_name="MailDelivery", new_name="OutgoingMail"),
        migrations.AlterModelOptions(
            name="outgoingmail",
            options={
                "ordering": ["-queued_at", "-pk"],
                "verbose_name": "outgoing mail",
                "verbose_name_plural": "outgoing mails",
            },
        ),
        migrations.AlterField(
            model_name="outgoingmail",
            name="key",
            field=models.CharField(max_length=200, verbose_name="key"),
        ),
        migrations.AlterField(
            model_name="outgoingmail",
            name="recipient",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="outgoing_mails",
                to=settings.AUTH_USER_MODEL,
                verbose_name="recipient",
            ),
        ),
        migrations.AlterField(
            model_name="outgoingmail",
            name="sent_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="sent"),
        ),
        migrations.AddField(
            model_name="outgoingmail",
            name="to",
            field=models.JSONField(default=list, verbose_name="to"),
        ),
        migrations.AddField(
            model_name="outgoingmail",
            name="subject",
            field=models.CharField(blank=True, max_length=300, verbose_name="subject"),
        ),
        migrations.AddField(
            model_name="outgoingmail",
            name="body",
            field=models.TextField(blank=True, verbose_name="body"),
        ),
        migrations.AddField(
            model_name="outgoingmail",
            name="state",
            field=models.CharField(
                choices=[
                    ("queued", "Queued"),
                    ("sending", "Sending"),
                    ("sent", "Sent"),
                    ("retrying", "Refused, will be retried"),
                    ("failed", "Failed, not retried"),
                ],
                default="queued",
                max_length=20,
                verbose_name="state",
            ),
        ),
        migrations.AddField(
            model_name="outgoingmail",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="attempts"),
        ),
        migrations.AddField(
            model_name="outgoingmail",
            name="last_error",
            field=models.CharField(blank=True, max_length=500, verbose_name="last error"),
        ),
        migrations.AddField(
            model_name="outgoingmail",
            name="queued_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="queued"
            ),
        ),
        migrations.AddField(
            model_name="outgoingmail",
            name="next_attempt_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="next attempt"),
        ),
        migrations.AddField(
            model_name="outgoingmail",
            name="claimed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="claimed"),
        ),
        migrations.RunPython(keys_unique_and_rows_sent, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="outgoingmail",
            name="key",
            field=models.CharField(max_length=200, unique=True, verbose_name="key"),
        ),
        migrations.AddIndex(
            model_name="outgoingmail",
            index=models.Index(fields=["state", "next_attempt_at"], name="outgoingmail_due"),
        ),
        migrations.AddConstraint(
            model_name="outgoingmail",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("state__in", ["queued", "sending", "sent", "retrying", "failed"])
                ),
                name="outgoingmail_state_valid",
            ),
        ),
    ]
