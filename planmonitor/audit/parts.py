"""An object's history with that of its parts: a report's indicator values and evidence.

The apps say which rows belong in whose history (``registry.HistoryPart``). The parts'
entries join the object's own, newest first, each named by the part it is about and
linking to that part's own history; deleted parts are included (their history stays).
Queries do not grow with the number of parts: per kind of part, one for its history
rows and one per referenced model for the labels.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils.text import capfirst
from simple_history.utils import get_history_model_for_model

from planmonitor.core import registry

from .selectors import (
    CHANGED,
    DELETED,
    FieldChange,
    TimelineEntry,
    _diffed_fields,
    _entry,
    _Labels,
    _records,
    history_timeline,
)


@dataclass(frozen=True)
class PartEntry(TimelineEntry):
    """A timeline entry about a part of the object: which part, and its own history page."""

    subject: str = ""
    subject_url: str = ""


def history_timeline_with_parts(model: type[models.Model], pk: int) -> list[TimelineEntry]:
    """``history_timeline`` of the object, with the entries of its registered parts."""
    entries = history_timeline(model, pk)
    parts = [p for p in registry.registered(registry.HistoryPart) if p.parent == model._meta.label]
    if not parts:
        return entries
    for part in parts:
        entries.extend(_part_entries(part, pk))
    entries.sort(key=lambda entry: entry.date, reverse=True)
    return entries


def _part_entries(part: registry.HistoryPart, parent_pk: int) -> list[PartEntry]:
    part_model = apps.get_model(part.part)
    history_model = get_history_model_for_model(part_model)
    parent_field = part_model._meta.get_field(part.parent_field)
    name_field = part_model._meta.get_field(part.name_field)
    # The part's own fields; the one pointing at the parent says nothing new here.
    shown = [f for f in _diffed_fields(history_model) if f.name != parent_field.name]
    pk_name = part_model._meta.pk.attname
    records = _records(history_model, parent_field.attname, parent_pk)

    labels = _Labels()
    raw: list[tuple[Any, dict[str, Any] | None, dict[str, Any]]] = []
    previous: dict[Any, dict[str, Any]] = {}
    last_name: dict[Any, Any] = {}
    for record in records:  # oldest first
        object_pk = getattr(record, pk_name)
        state = {f.name: getattr(record, f.attname) for f in shown}
        before = previous.get(object_pk)
        raw.append((record, before, state))
        labels.want(shown, [], before or {}, state)
        previous[object_pk] = state
        last_name[object_pk] = getattr(record, name_field.attname)
    labels.load()

    url_key = _history_key(part.part)
    verbose_name = capfirst(part_model._meta.verbose_name)
    entries = []
    for record, before, after in raw:
        entry = _entry(record, before, after, shown, [], labels)
        if entry.kind == CHANGED and not entry.changes and not entry.earlier_unknown:
            continue
        values = {f.name: getattr(entry, f.name) for f in fields(entry)}
        if entry.kind == DELETED and before is not None:
            values["changes"] = _removed(before, shown, labels)  # what was removed
        object_pk = getattr(record, pk_name)
        name = last_name[object_pk]
        if name_field.is_relation:
            name = labels.label(name_field.related_model, name)
        entries.append(
            PartEntry(
                **values,
                subject=f"{verbose_name}: {name}",
                subject_url=reverse("audit:history", args=[url_key, object_pk]) if url_key else "",
            )
        )
    return entries


def _removed(before: dict[str, Any], shown: list[Any], labels: _Labels) -> list[FieldChange]:
    return [
        FieldChange(label=str(capfirst(f.verbose_name)), before=labels.display(f, before[f.name]))
        for f in shown
        if before[f.name] not in (None, "")
    ]


def _history_key(label: str) -> str | None:
    return next(
        (k.key for k in registry.registered(registry.HistoryKind) if k.model == label), None
    )
