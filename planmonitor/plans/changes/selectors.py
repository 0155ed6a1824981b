"""Reading the change log: the events of one plan, filtered, with what each row shows.

Every read is one query whatever the number of events: the events with their content
type (a join), and the people who appear in the log for the filter. Kind labels and
history links come from the registry, not the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone

from planmonitor.audit.events import event_kinds
from planmonitor.audit.models import Event
from planmonitor.core import registry

from ..models import Plan


@dataclass(frozen=True)
class LogRow:
    event: Event
    kind_label: str
    url: str | None  # the object's history page (from there, its page), when it has one


def events_for(
    *,
    plan: Plan,
    person: int | None = None,
    kind: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[Event]:
    """The plan's events, newest first; ``since`` and ``until`` are days, both included."""
    events = Event.objects.filter(plan=plan).select_related("content_type")
    if person is not None:
        events = events.filter(actor_id=person)
    if kind:
        events = events.filter(kind=kind)
    if since is not None:
        events = events.filter(at__gte=_start_of(since))
    if until is not None:
        events = events.filter(at__lt=_start_of(until + dt.timedelta(days=1)))
    return events.order_by("-at", "-id")


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def people_in_log(*, plan: Plan) -> list[tuple[int, str]]:
    """(actor id, name as last recorded) of everyone in the plan's log, by name: one query."""
    last_ids = (
        Event.objects.filter(plan=plan, actor_id__isnull=False)
        .values("actor_id")
        .annotate(last=Max("id"))
        .values("last")
    )
    names = [
        (actor_id, name)
        for actor_id, name in Event.objects.filter(id__in=last_ids).values_list(
            "actor_id", "actor_name"
        )
        if actor_id is not None
    ]
    return sorted(names, key=lambda pair: (pair[1].casefold(), pair[0]))


def log_rows(events: Iterable[Event]) -> Iterator[LogRow]:
    """What the page and the downloads show of each event, without further queries."""
    kinds = event_kinds()
    history_keys: dict[str, str] = {}
    for history_kind in registry.registered(registry.HistoryKind):
        history_keys.setdefault(history_kind.model, history_kind.key)
    for event in events:
        kind = kinds.get(event.kind)
        yield LogRow(
            event=event,
            kind_label=str(kind.label) if kind is not None else event.kind,
            url=_history_url(event, history_keys),
        )


def _history_url(event: Event, history_keys: dict[str, str]) -> str | None:
    content_type = event.content_type
    if content_type is None or event.object_id is None:
        return None
    try:
        label = apps.get_model(content_type.app_label, content_type.model)._meta.label
    except LookupError:  # a model that no longer exists
        return None
    key = history_keys.get(label)
    return reverse("audit:history", args=[key, event.object_id]) if key else None
