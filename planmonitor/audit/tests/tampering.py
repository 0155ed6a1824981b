"""Helpers of the seal tests: one history row in a table, triggers out of the way."""

import contextlib
import datetime as dt
from decimal import Decimal

from django.db import connection, models
from django.utils import timezone

from planmonitor.audit.history import AuditedM2MHistory, append_only_models
from planmonitor.core.db import append_only_name, append_only_statements


def model_of(table: str) -> type[models.Model]:
    return next(m for m in append_only_models() if m._meta.db_table == table)


def _dummy(field: models.Field):
    if isinstance(field, models.ForeignKey):
        return None  # set by the caller (the link history's "history") or nullable
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return dt.date(2026, 1, 1)
    if isinstance(field, models.DecimalField):
        return Decimal(1)
    if isinstance(field, models.IntegerField | models.FloatField):
        return 1
    if isinstance(field, models.JSONField):
        return {}
    return "x"


def history_row(table: str) -> models.Model:
    """A history row in ``table``, inserted as any client could (inserting is allowed)."""
    model = model_of(table)
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.null or field.has_default():
            continue
        if isinstance(field, models.ForeignKey) and issubclass(model, AuditedM2MHistory):
            values[field.name] = history_row(field.related_model._meta.db_table)
        else:
            values[field.name] = _dummy(field)
    return model.objects.create(**values)


@contextlib.contextmanager
def triggers_dropped(table: str):
    """What a table owner can do: drop the append-only triggers, then put them back."""
    name = append_only_name(table)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for suffix in ("update", "delete", "replace"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}_{suffix}")
        else:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}_truncate ON {table}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for statement in append_only_statements(connection.vendor, table):
                cursor.execute(statement)
