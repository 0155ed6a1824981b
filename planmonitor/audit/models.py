"""The seal chain over the history tables (see ``planmonitor.audit.seal``). Append-only too."""

from django.db import models


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
