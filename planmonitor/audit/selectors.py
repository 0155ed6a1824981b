"""Reading the audit trail: one object's history as a timeline of field-by-field changes.

A fixed number of queries, however long the history: the historical rows in
one query, their many-to-many links in one query per field, and the labels of
referenced objects in one query per referenced model (plus one into its history
when some of them were deleted since).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy
from simple_history.exceptions import NotHistoricalModelError
from simple_history.models import HistoricalRecords
from simple_history.utils import get_history_model_for_model

from planmonitor.core import text

from .context import Channel

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CHANNEL_LABELS: dict[str, StrOrPromise] = {
    Channel.WEB: pgettext_lazy("audit channel", "web"),
    Channel.ADMIN: pgettext_lazy("audit channel", "admin"),
    Channel.IMPORT: pgettext_lazy("audit channel", "import"),
    Channel.COMMAND: pgettext_lazy("audit channel", "command"),
    Channel.SYSTEM: pgettext_lazy("audit channel", "system"),
}
KIND_LABELS = {
    "+": pgettext_lazy("history entry", "created"),
    "~": pgettext_lazy("history entry", "changed"),
    "-": pgettext_lazy("history entry", "deleted"),
}
CREATED, CHANGED, DELETED = "+", "~", "-"


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str = ""
    after: str = ""
    # Many-to-many fields: the terms added and removed (``before``/``after`` stay empty).
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def is_many(self) -> bool:
        return bool(self.added or self.removed)

    @cached_property
    def diff(self) -> text.TextDiff | None:
        """What changed inside a long text (None for a short one)."""
        return text.text_diff(self.before, self.after)


@dataclass(frozen=True)
class TimelineEntry:
    date: dt.datetime
    kind: str  # "+", "~" or "-"
    user_name: str
    channel: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)
    # The first record is a change, not a creation: the object existed before the
    # trail (or was bulk-loaded without history); ``changes`` then lists its state.
    earlier_unknown: bool = False

    @property
    def kind_name(self) -> str:
        """For CSS classes: created, changed or deleted."""
        return {CREATED: "created", CHANGED: "changed", DELETED: "deleted"}[self.kind]

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def channel_label(self) -> str:
        return str(CHANNEL_LABELS.get(self.channel, self.channel))


# One record's state: field name → raw value (an id for relations, a frozenset of ids for M2M).
State = dict[str, Any]


def history_timeline(model: type[models.Model], pk: int) -> list[TimelineEntry]:
    """The history of ``model`` row ``pk``, newest first; also for a deleted row.

    Changes no person made (``version``, timestamps: non-editable fields) are left
    out; so is a "changed" record without any change left (a save that changed
    nothing, or the first of the records one many-to-many edit writes).
    """
    history_model = get_history_model_for_model(model)
    fields = _diffed_fields(history_model)
    m2m_fields = list(history_model._history_m2m_fields)
    records = _records(history_model, model._meta.pk.attname, pk)
    links = {f.name: _links(f, pk) for f in m2m_fields}

    raw_entries = []
    previous: State | None = None
    for record in records:
        state = {f.name: getattr(record, f.attname) for f in fields}
        state |= {f.name: links[f.name].get(record.pk, frozenset()) for f in m2m_fields}
        raw_entries.append((record, previous, state))
        previous = state

    labels = _Labels()
    for _record, before, after in raw_entries:
        labels.want(fields, m2m_fields, before or {}, after)
    labels.load()

    entries = []
    for record, before, after in raw_entries:
        entry = _entry(record, before, after, fields, m2m_fields, labels)
        if entry.kind != CHANGED or entry.changes or entry.earlier_unknown:
            entries.append(entry)
    entries.reverse()
    return entries


def _records(history_model: Any, pk_name: str, pk: int) -> list[Any]:
    """The history rows of one object, oldest first, with their numbers read as stored.

    Numbers are read as text and parsed here, not by Django's decimal converter: a row
    written before the number limits may hold a float SQLite made of a too-long decimal
    (``1e16`` for ``9999999999999999,9999``), which that converter cannot fit in the
    column's digits. History rows are append-only, so no migration can repair them.
    """
    decimals = [
        f for f in history_model._meta.concrete_fields if isinstance(f, models.DecimalField)
    ]
    rows = history_model.objects.filter(**{pk_name: pk}).order_by("history_date", "history_id")
    if decimals:
        rows = rows.defer(*(f.attname for f in decimals)).annotate(
            **{f"stored_{f.attname}": Cast(f.attname, models.TextField()) for f in decimals}
        )
    records = list(rows)
    for record in records:
        for f in decimals:
            stored = getattr(record, f"stored_{f.attname}")
            setattr(record, f.attname, None if stored is None else Decimal(stored))
    return records


def _diffed_fields(history_model: Any) -> list[models.Field[Any, Any]]:
    """The fields a person edits; not the primary key, ``version`` or timestamps."""
    return [f for f in history_model.tracked_fields if f.editable and not f.primary_key]


def _links(m2m_field: Any, pk: int) -> dict[int, frozenset[int]]:
    """history_id → the linked ids at that record, for every record of object ``pk``."""
    m2m_history_model = HistoricalRecords.m2m_models[m2m_field]
    through = m2m_field.remote_field.through
    source = through._meta.get_field(m2m_field.m2m_field_name()).attname
    target = through._meta.get_field(m2m_field.m2m_reverse_field_name()).attname
    grouped: dict[int, set[int]] = defaultdict(set)
    rows = m2m_history_model.objects.filter(**{source: pk}).values_list("history_id", target)
    for history_id, target_id in rows:
        grouped[history_id].add(target_id)
    return {history_id: frozenset(ids) for history_id, ids in grouped.items()}


def _entry(
    record: Any,
    before: State | None,
    after: State,
    fields: list[models.Field[Any, Any]],
    m2m_fields: list[Any],
    labels: _Labels,
) -> TimelineEntry:
    kind = record.history_type
    earlier_unknown = before is None and kind != CREATED
    changes: list[FieldChange] = []
    if kind != DELETED:
        base: State = before or {}
        for f in fields:
            old, new = base.get(f.name), after[f.name]
            if _normalise(old) != _normalise(new):
                changes.append(
                    FieldChange(
                        label=str(capfirst(f.verbose_name)),
                        before=labels.display(f, old),
                        after=labels.display(f, new),
                    )
                )
        for f in m2m_fields:
            old, new = base.get(f.name) or frozenset(), after[f.name]
            if old != new:
                model = f.related_model
                changes.append(
                    FieldChange(
                        label=str(capfirst(f.verbose_name)),
                        added=tuple(sorted(labels.label(model, i) for i in new - old)),
                        removed=tuple(sorted(labels.label(model, i) for i in old - new)),
                    )
                )
    return TimelineEntry(
        date=record.history_date,
        kind=kind,
        user_name=record.history_user_name,
        channel=record.history_channel,
        reason=record.history_change_reason or "",
        changes=changes,
        earlier_unknown=earlier_unknown,
    )


def _normalise(value: object) -> object:
    """As a reader compares (``core.text.comparable``): blank and missing are the same,
    and so are texts that differ only in line endings (CRLF in older records)."""
    return text.comparable(value)


class _Labels:
    """Labels of referenced objects, fetched per model in one query, deleted ones included."""

    def __init__(self) -> None:
        self._wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self._labels: dict[type[models.Model], dict[Any, str]] = {}

    def want(
        self,
        fields: list[models.Field[Any, Any]],
        m2m_fields: list[Any],
        before: State,
        after: State,
    ) -> None:
        for f in fields:
            if f.is_relation:
                self._wanted[f.related_model].update(  # type: ignore[index]  # a model class once apps are loaded
                    v for v in (before.get(f.name), after[f.name]) if v is not None
                )
        for f in m2m_fields:
            self._wanted[f.related_model].update(before.get(f.name) or (), after[f.name])

    def load(self) -> None:
        for model, ids in self._wanted.items():
            if not ids:
                continue
            found = {obj.pk: str(obj) for obj in model._default_manager.filter(pk__in=ids)}
            missing = ids - found.keys()
            if missing:
                found |= _deleted_labels(model, missing)
            self._labels[model] = found

    def label(self, model: type[models.Model], pk: Any) -> str:
        label = self._labels.get(model, {}).get(pk)
        if label is None:
            return _("deleted (#%(id)s)") % {"id": pk}
        return label

    def display(self, f: models.Field[Any, Any], value: Any) -> str:
        if value is None or value == "":
            return ""
        if f.is_relation:
            return self.label(f.related_model, value)  # type: ignore[arg-type]  # a model class once apps are loaded
        if f.choices:
            return str(dict(f.flatchoices).get(value, value))
        return _format(value)


def _deleted_labels(model: type[models.Model], ids: set[Any]) -> dict[Any, str]:
    """The last recorded name of each deleted object, from the model's own history."""
    try:
        history_model = get_history_model_for_model(model)
    except NotHistoricalModelError:  # not audited: no name to fall back on
        return {}
    pk_name = model._meta.pk.attname
    labels = {}
    rows = history_model.objects.filter(**{f"{pk_name}__in": ids}).order_by(
        pk_name, "history_date", "history_id"
    )
    for row in rows:  # oldest first: the last row of each object wins
        labels[getattr(row, pk_name)] = str(row.history_object)
    return labels


def _format(value: Any) -> str:
    if isinstance(value, bool):
        return pgettext("boolean", "yes") if value else pgettext("boolean", "no")
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return number_format(value.normalize())
    return str(value)
