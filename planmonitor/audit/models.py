"""The seal chain over the history tables (see ``planmonitor.audit.seal``) and the plan-wide
event log (``planmonitor.audit.events``). Append-only too."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .context import Channel


class SealLayout(models.Model):
    """The columns a seal covers: its id is derived from them (``seal.Layout.id``)."""

    id = models.CharField(primary_key=True, max_length=16)
    table = models.CharField(max_length=63)
    key = models.CharField(max_length=63)
    columns = models.JSONField()

    def __str__(self) -> str:
        return f"{self.table} ({self.id})"


class Seal(models.Model):
    """One history row's digest and its link in the chain; the id gives the chain's order."""

    id = models.BigAutoField(primary_key=True)
    # The layout's id, not a foreign key: verify_audit reports a seal whose layout is gone.
    layout = models.CharField(max_length=16)
    row_id = models.BigIntegerField()
    digest = models.CharField(max_length=64)
    chain = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"seal {self.id}: {self.layout} #{self.row_id}"


class Event(models.Model):
    """One thing a person did in a plan, as the service that did it tells it (``events.py``).

    The plan-wide change log reads this one table, not the history tables. Append-only
    like them (triggers in the migration). The plan, the actor and the object are plain
    references without database constraints: an event outlives what it names (and the
    triggers would refuse a cascading delete); the labels are kept as they were.
    """

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("when"), default=timezone.now)
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    kind = models.CharField(_("what"), max_length=50)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(_("who"), max_length=300, blank=True)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.SYSTEM
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    object_id = models.BigIntegerField(null=True, blank=True)
    object_label = models.CharField(_("object"), max_length=300, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["plan", "at"], name="audit_event_plan_at"),
            models.Index(fields=["plan", "actor_id", "at"], name="audit_event_plan_actor_at"),
            models.Index(fields=["plan", "kind", "at"], name="audit_event_plan_kind_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name}: {self.kind} {self.object_label}"


class Redaction(models.Model):
    """Personal data taken out of one sealed row, sealed itself (``redaction.py``).

    The row's own seal keeps the digest it had; ``digest`` is the row's digest after the
    redaction, under the same layout. ``verify_audit`` wants a redacted row to match its
    latest redaction instead of its seal: both are links of the keyed chain, so only the
    key's holder can write one that fits. Append-only like the history (triggers in the migration).
    """

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(default=timezone.now)
    # The redacted row's layout (as sealed) and id: plain values, like Seal's.
    layout = models.CharField(max_length=16)
    row_id = models.BigIntegerField()
    columns = models.JSONField()
    digest = models.CharField(max_length=64)
    reason = models.CharField(max_length=300)

    class Meta:
        indexes = [models.Index(fields=["layout", "row_id"], name="audit_redaction_row")]

    def __str__(self) -> str:
        return f"redaction {self.id}: {self.layout} #{self.row_id}"
