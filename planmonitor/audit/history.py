"""The audit trail: who changed which plan data, when, how, and through which channel.

Every audited model declares ``history = audited(...)`` (django-simple-history).
Its historical table is append-only: migrations create triggers that refuse
UPDATE, DELETE and TRUNCATE in the database itself (``planmonitor.core.db``), so
neither the UI, the admin, a bug nor a stray script can rewrite history.

Three entry points besides ``audited``:

* ``as_command`` marks a management command's changes as made through the
  "command" channel;
* ``record_bulk_history`` writes the history that ``bulk_create`` and
  ``bulk_update`` skip (they send no signals), for the importer;
* ``append_only_tables`` lists every table the triggers must guard;
* ``sealed_models`` lists every model whose rows are sealed: the history, the
  change log's events (``events.py``) and the redactions (``redaction.py``).

Every history row is also sealed in the same transaction (``seal.py``): the
signal path through ``AuditedRecords.create_historical_record``, the bulk path
through ``record_bulk_history``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TypeVar

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, models
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import (
    post_create_historical_m2m_records,
    post_create_historical_record,
    pre_create_historical_record,
)
from simple_history.utils import get_history_manager_for_model, get_history_model_for_model

from . import seal
from .context import Channel, audit_context, current

USER_NAME_MAX_LENGTH = 300
# Enough ids for one IN (...) list on any backend (SQLite allows 999 parameters).
_ID_CHUNK = 500


class AuditedHistory(models.Model):
    """Extra columns of every historical table: the channel, and the actor's name as it was."""

    history_channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.SYSTEM
    )
    # A snapshot: history keeps the name after the account is renamed or removed.
    history_user_name = models.CharField(
        _("changed by"), max_length=USER_NAME_MAX_LENGTH, blank=True
    )

    class Meta:
        abstract = True


class AuditedM2MHistory(models.Model):
    """Marks the many-to-many history tables, so they get the append-only triggers too."""

    class Meta:
        abstract = True


class AuditedRecords(HistoricalRecords):
    """``HistoricalRecords`` that ignores saves touching only excluded columns.

    A login saves only ``last_login``: recording it would add an empty change to
    the user's history on every login.
    """

    def post_save(self, instance, created, using=None, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields and set(update_fields) <= set(self.excluded_fields):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def create_historical_record(self, instance, history_type, using=None):
        # The row, its many-to-many rows and their seals: one transaction (see seal.py).
        with seal.sealing(using or DEFAULT_DB_ALIAS):
            super().create_historical_record(instance, history_type, using=using)

    def create_history_model(self, model, inherited):
        history_model = super().create_history_model(model, inherited)
        # simple-history names the app package ("planmonitor.plans") when the app label
        # differs from its path; the class lives in the models module, where pickle and
        # the shell's auto-imports look for it.
        history_model.__module__ = self.module
        return history_model


def _actor(instance=None, request=None, **kwargs):
    """simple-history's ``get_user`` hook: whoever the audit context names."""
    return current().actor


def audited(
    *, excluded_fields: Sequence[str] = (), m2m_fields: Sequence[str] = (), **options
) -> HistoricalRecords:
    """The history manager every audited model uses: ``history = audited(...)``.

    The actor is kept as a plain id column (no foreign key): history rows may
    never be UPDATEd, so deleting a user must not cascade into them (SET_NULL),
    and the constraint-free column keeps the id of a removed demo account.
    """
    if options.get("inherit"):
        # simple-history would share this one id field between the subclasses' tables.
        raise ImproperlyConfigured("declare history = audited() on each concrete model")
    return AuditedRecords(
        bases=[AuditedHistory],
        m2m_bases=[AuditedM2MHistory],
        get_user=_actor,
        history_user_id_field=models.BigIntegerField(null=True, blank=True, db_index=True),
        # Append-only forever: 64-bit ids from the start, never a migration of this key.
        history_id_field=models.BigAutoField(primary_key=True),
        excluded_fields=list(excluded_fields),
        m2m_fields=list(m2m_fields),
        **options,
    )


def user_display_name(user) -> str:
    if user is None:
        return ""
    return (user.get_full_name() or user.get_username())[:USER_NAME_MAX_LENGTH]


@receiver(pre_create_historical_record)
def _stamp_channel_and_name(sender, history_instance, history_user=None, **kwargs) -> None:
    if isinstance(history_instance, AuditedHistory):
        history_instance.history_channel = current().channel
        history_instance.history_user_name = user_display_name(history_user)


@receiver(post_create_historical_record)
def _seal_record(sender, history_instance, **kwargs) -> None:
    if isinstance(history_instance, AuditedHistory):
        seal.current_batch().add(sender, [history_instance])


@receiver(post_create_historical_m2m_records)
def _seal_m2m_records(sender, created_rows, **kwargs) -> None:
    if issubclass(sender, AuditedM2MHistory):
        seal.current_batch().add(sender, created_rows)


# --- management commands ---------------------------------------------------

Handle = TypeVar("Handle", bound=Callable)


def as_command(handle: Handle) -> Handle:
    """Decorate a command's ``handle``: what it changes is recorded as channel "command"."""

    @functools.wraps(handle)
    def handle_as_command(*args, **options):
        with audit_context(channel=Channel.COMMAND):
            return handle(*args, **options)

    return handle_as_command  # type: ignore[return-value]


# --- bulk writes --------------------------------------------------------------


def record_bulk_history(
    model: type[models.Model],
    objs: Sequence[models.Model],
    *,
    update: bool,
    channel: str | None = None,
    user=None,
) -> list[models.Model]:
    """Record history for rows written with ``bulk_create``/``bulk_update``.

    Bulk writes send no signals, so simple-history sees nothing: call this right
    after them, in the same transaction, once the many-to-many links are written
    too (the link history is read from the database). ``objs`` are the saved
    objects (with primary keys), each once. ``update`` marks them changed ("~")
    rather than created ("+"). ``channel`` and ``user`` default to the audit
    context's (e.g. ``audit_context(channel=Channel.IMPORT, user=request.user)``).

    Queries do not grow per object but per batch: one INSERT per batch of
    history rows, and per many-to-many field one SELECT per 500 objects plus one
    INSERT per batch of link rows. Returns the history rows.
    """
    if not objs:
        return []
    context = current()
    actor = user if user is not None else context.actor
    history_model = get_history_model_for_model(model)
    with seal.sealing() as batch:
        rows = get_history_manager_for_model(model).bulk_history_create(
            objs,
            update=update,
            default_user=actor,
            default_change_reason=None,
            default_date=timezone.now(),
            custom_historical_attrs={
                "history_channel": channel or context.channel,
                "history_user_name": user_display_name(actor),
            },
        )
        batch.add(history_model, rows)  # bulk_create returns ids on SQLite ≥ 3.35 and PG
        row_by_object = {getattr(row, model._meta.pk.attname): row for row in rows}
        for field in history_model._history_m2m_fields:
            _record_bulk_m2m_history(field, row_by_object, batch)
    return rows


def _record_bulk_m2m_history(
    field: models.ManyToManyField, row_by_object: dict, batch: seal.Batch
) -> None:
    """Copy the current links of ``field`` for every object into its history table."""
    m2m_history_model = HistoricalRecords.m2m_models[field]
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name()).attname
    link_columns = [f.attname for f in through._meta.fields]
    object_ids = list(row_by_object)
    history_links = []
    for start in range(0, len(object_ids), _ID_CHUNK):
        chunk = object_ids[start : start + _ID_CHUNK]
        for link in through.objects.filter(**{f"{source}__in": chunk}).values(*link_columns):
            history_links.append(m2m_history_model(history=row_by_object[link[source]], **link))
    batch.add(m2m_history_model, m2m_history_model.objects.bulk_create(history_links))


# --- what the triggers guard ------------------------------------------------------


def append_only_models() -> list[type[models.Model]]:
    """Every historical model (main and many-to-many) of the audited models."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, AuditedHistory | AuditedM2MHistory)
    ]


def append_only_tables() -> list[str]:
    """Every historical table (main and many-to-many) of the audited models, sorted."""
    return sorted(model._meta.db_table for model in append_only_models())


def sealed_models() -> list[type[models.Model]]:
    """Every model whose rows are in the seal chain: the historical ones, ``Event`` and
    ``Redaction``."""
    from .models import Event, Redaction

    return [*append_only_models(), Event, Redaction]


def sealed_tables() -> list[str]:
    """The tables of ``sealed_models``, sorted: those ``verify_audit`` reads in full."""
    return sorted(model._meta.db_table for model in sealed_models())


def history_models() -> dict[type[models.Model], type[models.Model]]:
    """Audited model → its historical model."""
    return {
        model.instance_type: model
        for model in apps.get_models()
        if issubclass(model, AuditedHistory)
    }
