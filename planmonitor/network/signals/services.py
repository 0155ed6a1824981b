"""Writes of signals: the sync with the sources, manual signals, status changes, notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from planmonitor.accounts.models import User
from planmonitor.audit.history import record_bulk_history
from planmonitor.core.locking import EditConflict, locked_current
from planmonitor.plans.models import Action, Plan

from ..models import Signal, SignalKind, SignalNote, SignalSource, SignalStatus
from . import sources

CLOSED = (SignalStatus.RESOLVED, SignalStatus.DISMISSED)


# Someone else changed the signal since the form was opened (the project's one mechanism).
SignalConflict = EditConflict


@dataclass(frozen=True)
class SyncResult:
    created: int = 0
    resolved: int = 0
    reopened: int = 0


@transaction.atomic
def sync_signals(*, plan: Plan, today: dt.date | None = None) -> SyncResult:
    """Make the generated signals match the sources' findings. New finding: a new open
    signal. Cause gone: the signal resolves itself (with a note). Cause back on a resolved
    signal: it reopens (with a note). Dismissed stays dismissed. Idempotent.

    Generated titles, details and notes are stored text, so they are written in the plan's
    working language (``LANGUAGE_CODE``, Dutch) whoever starts the run, in whatever language:
    otherwise one list would mix the languages of the people who happened to press the button.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _sync(plan, today or timezone.localdate())


def _create_signals(new: list[Signal], found: dict[str, sources.Finding]) -> None:
    """The new signals, their action links and their history in a few queries: a first run
    on a plan makes hundreds (the example plan about 440), one INSERT each was most of it."""
    if not new:
        return
    Signal.objects.bulk_create(new)  # ids back on SQLite >= 3.35 and PostgreSQL
    links = Signal.actions.through
    links.objects.bulk_create(
        links(signal_id=signal.pk, action_id=action_id)
        for signal in new
        for action_id in dict.fromkeys(found[signal.key].action_ids)
    )
    record_bulk_history(Signal, new, update=False)


def _sync(plan: Plan, today: dt.date) -> SyncResult:
    found = {finding.key: finding for finding in sources.findings(plan, today)}
    existing = {
        signal.key: signal
        for signal in Signal.objects.filter(plan=plan, source=SignalSource.GENERATED)
    }
    resolved = reopened = 0
    now = timezone.now()
    new = [
        Signal(
            plan=plan,
            kind=finding.kind,
            key=key,
            title=finding.title[:300],
            detail=finding.detail,
            source=SignalSource.GENERATED,
        )
        for key, finding in found.items()
        if key not in existing
    ]
    _create_signals(new, found)
    for key, finding in found.items():
        signal = existing.get(key)
        if signal is None:
            continue
        if signal.status == SignalStatus.RESOLVED:
            signal.status = SignalStatus.OPEN
            signal.resolved_at = None
            signal.detail = finding.detail
            signal.version += 1
            signal.save()
            SignalNote.objects.create(
                signal=signal,
                text=_("Reopened: the cause is back on %(date)s.") % {"date": today.isoformat()},
            )
            reopened += 1
    for key, signal in existing.items():
        if key in found or signal.status in CLOSED:
            continue
        signal.status = SignalStatus.RESOLVED
        signal.resolved_at = now
        signal.version += 1
        signal.save()
        SignalNote.objects.create(
            signal=signal, text=_("Cause gone on %(date)s.") % {"date": today.isoformat()}
        )
        resolved += 1
    return SyncResult(created=len(new), resolved=resolved, reopened=reopened)


@transaction.atomic
def signal_create(
    *,
    plan: Plan,
    title: str,
    detail: str = "",
    actions: Iterable[Action] = (),
    owner: User | None = None,
) -> Signal:
    signal = Signal.objects.create(
        plan=plan,
        kind=SignalKind.MANUAL,
        title=title,
        detail=detail,
        owner=owner,
        source=SignalSource.MANUAL,
    )
    signal.actions.set(actions)
    return signal


@transaction.atomic
def signal_change(
    *,
    signal: Signal,
    version: int,
    status: str,
    owner: User | None,
    reason: str = "",
    author: User | None = None,
) -> Signal:
    """Change the status and owner, if nobody changed the signal since ``version``."""
    signal = locked_current(Signal, signal.pk, version)
    signal.version += 1
    changed = signal.status != status
    signal.status = status
    signal.owner = owner
    signal.resolved_at = timezone.now() if status in CLOSED else None
    signal.save()
    if changed or reason:
        text = _("Status: %(status)s.") % {"status": signal.get_status_display()}
        SignalNote.objects.create(signal=signal, author=author, text=f"{text} {reason}".strip())
    return signal


def signal_comment(*, signal: Signal, author: User | None, text: str) -> SignalNote:
    return SignalNote.objects.create(signal=signal, author=author, text=text)
