"""The plan-wide change log: one row per thing a person did, written by the service doing it.

``record_event`` is the one entry point. Call it inside the service's transaction,
after the change (before it, for a deletion: the object must still have its id), so the
event exists exactly when the change does::

    record_event(kind="report.submit", obj=report, user=user)

The kinds are registered by the apps that record them (``registry.EventKind``), so the
log can name them in the reader's language; an unregistered kind is a programming error.
Who did it and through which channel come from the audit context (as for the history)
unless ``user`` is given. The table is append-only (triggers in the migration) and
every event is sealed in the same transaction, in the chain of the history rows
(``seal.py``), so ``verify_audit`` reports an event changed, removed or slipped in.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.db import models

from planmonitor.core import registry

from . import seal
from .context import current
from .history import USER_NAME_MAX_LENGTH, user_display_name
from .models import Event

SUMMARY_MAX = 500
# Where an object's plan is found when it has none itself, in this order.
_PARENTS = ("action", "report", "round", "sheet")


def event_kinds() -> dict[str, registry.EventKind]:
    """The registered kinds by key, in their order."""
    return {kind.key: kind for kind in registry.registered(registry.EventKind)}


def record_event(
    *,
    kind: str,
    obj: models.Model | None = None,
    plan: models.Model | None = None,
    summary: str = "",
    user: Any = None,
) -> Event:
    """Record that someone did ``kind`` to ``obj`` (in ``plan``: found from ``obj`` if not given).

    ``summary`` is a short free text for the log (a reason, remarks, what an import
    counted); the field-by-field change stays in the object's history, which the log
    links to.
    """
    if kind not in event_kinds():
        raise ImproperlyConfigured(f"event kind {kind!r} is not registered")
    context = current()
    actor = user if user is not None and user.is_authenticated else context.actor
    event = Event(
        plan_id=plan.pk if plan is not None else _plan_id(obj),
        kind=kind,
        actor_id=actor.pk if actor is not None else None,
        actor_name=user_display_name(actor),
        channel=context.channel,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=obj.pk if obj is not None else None,
        object_label=_label(obj),
        summary=summary.strip()[:SUMMARY_MAX],
    )
    # A block of its own, also inside a service's sealing() (its history rows): the event
    # is sealed right after its INSERT, under the chain's lock, so events are sealed in id
    # order whatever the outer block still has to seal (rows of other tables).
    with seal.sealing() as batch:
        event.save(force_insert=True)
        batch.add(Event, [event])
    return event


def _plan_id(obj: models.Model | None) -> int | None:
    """The plan an object belongs to: its own, or its action's, report's, round's, ..."""
    for _depth in range(len(_PARENTS) + 1):
        if obj is None:
            return None
        plan_id = getattr(obj, "plan_id", None)
        if plan_id is not None:
            return plan_id
        obj = next((getattr(obj, name) for name in _PARENTS if hasattr(obj, f"{name}_id")), None)
    return None


def _label(obj: models.Model | None) -> str:
    if obj is None:
        return ""
    try:
        return str(obj)[:USER_NAME_MAX_LENGTH]
    except ObjectDoesNotExist:
        return f"{obj._meta.verbose_name} #{obj.pk}"
