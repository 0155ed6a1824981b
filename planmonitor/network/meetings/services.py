"""Writes of meetings, agenda items and decisions: keyword-only, in a transaction, with
history (simple-history records each save) and optimistic locking on every edit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from planmonitor.accounts.models import User
from planmonitor.core.errors import TransitionRefused
from planmonitor.core.locking import locked_current
from planmonitor.plans.models import Action, Plan

from ..models import (
    AgendaItem,
    AgendaItemSource,
    Decision,
    DecisionStatus,
    Meeting,
    MeetingStatus,
    Signal,
)
from . import agenda, selectors


@transaction.atomic
def meeting_create(
    *,
    plan: Plan,
    starts_at: dt.datetime,
    title: str,
    location: str = "",
    participants: Iterable[User] = (),
    outside_participants: str = "",
) -> Meeting:
    meeting = Meeting.objects.create(
        plan=plan,
        starts_at=starts_at,
        title=title,
        location=location,
        outside_participants=outside_participants,
    )
    meeting.participants.set(participants)
    return meeting


@transaction.atomic
def meeting_change(
    *,
    meeting: Meeting,
    version: int,
    starts_at: dt.datetime,
    title: str,
    location: str = "",
    participants: Iterable[User] = (),
    outside_participants: str = "",
    status: str = MeetingStatus.PLANNED,
    minutes: str = "",
) -> Meeting:
    """Change the meeting, if nobody changed it since ``version`` (else ``EditConflict``)."""
    meeting = locked_current(Meeting, meeting.pk, version)
    meeting.starts_at = starts_at
    meeting.title = title
    meeting.location = location
    meeting.outside_participants = outside_participants
    meeting.status = status
    meeting.minutes = minutes
    meeting.version += 1
    meeting.full_clean()
    meeting.save()
    meeting.participants.set(participants)
    return meeting


@dataclass(frozen=True)
class GenerateResult:
    created: int = 0
    updated: int = 0
    removed: int = 0


def _next_order(meeting: Meeting) -> int:
    return (meeting.agenda_items.aggregate(top=Max("order"))["top"] or 0) + 1


def _edited(item: AgendaItem) -> bool:
    """A person changed the item after it was generated: generating again keeps its text."""
    return item.version > 1


@transaction.atomic
def agenda_generate(*, meeting: Meeting, today: dt.date | None = None) -> GenerateResult:
    """Add the generated items (``agenda.proposals``) the agenda lacks; refresh those it
    has (text only where nobody edited it; the links always); remove the generated items
    whose cause is gone, unless edited or holding a decision. Manual items stay as they
    are. Idempotent: generating twice adds nothing. A held meeting's agenda is its record:
    refused."""
    meeting = Meeting.objects.select_for_update().select_related("plan").get(pk=meeting.pk)
    if meeting.status != MeetingStatus.PLANNED:
        raise TransitionRefused(_("The meeting was held: its agenda can no longer be generated."))
    today = today or timezone.localdate()
    meeting_day = timezone.localtime(meeting.starts_at).date()
    signals, late, decisions = selectors.agenda_inputs(meeting, min(today, meeting_day))
    proposed = agenda.proposals(
        meeting_date=meeting_day, signals=signals, late=late, decisions=decisions
    )
    generated = meeting.agenda_items.filter(source=AgendaItemSource.GENERATED)
    # The generated items that hold a decision: removing them would lose where it was taken.
    with_decisions = set(
        generated.filter(decisions__isnull=False).values_list("pk", flat=True).distinct()
    )
    existing: dict[str, AgendaItem] = {item.key: item for item in generated}
    created = updated = removed = 0
    order = _next_order(meeting)
    for proposal in proposed:
        found = existing.get(proposal.key)
        if found is None:
            item = AgendaItem.objects.create(
                meeting=meeting,
                order=order,
                title=proposal.title,
                note=proposal.note,
                source=AgendaItemSource.GENERATED,
                key=proposal.key,
            )
            order += 1
            created += 1
        else:
            item = found
            if not _edited(item) and (item.title, item.note) != (proposal.title, proposal.note):
                item.title, item.note = proposal.title, proposal.note
                item.save()
                updated += 1
        item.actions.set(proposal.action_ids)
        item.signals.set(proposal.signal_ids)
    keys = {proposal.key for proposal in proposed}
    for key, item in existing.items():
        if key not in keys and not _edited(item) and item.pk not in with_decisions:
            item.delete()
            removed += 1
    return GenerateResult(created=created, updated=updated, removed=removed)


def _links_in_plan(
    meeting: Meeting, actions: Iterable[Action], signals: Iterable[Signal] = ()
) -> tuple[list[Action], list[Signal]]:
    """Links to another plan's actions or signals: refused (the forms offer only the plan's)."""
    action_list, signal_list = list(actions), list(signals)
    if any(a.plan_id != meeting.plan_id for a in action_list) or any(
        s.plan_id != meeting.plan_id for s in signal_list
    ):
        raise TransitionRefused(_("Only actions and signals of the meeting's plan can be linked."))
    return action_list, signal_list


@transaction.atomic
def agenda_item_create(
    *,
    meeting: Meeting,
    title: str,
    note: str = "",
    actions: Iterable[Action] = (),
    signals: Iterable[Signal] = (),
) -> AgendaItem:
    actions, signals = _links_in_plan(meeting, actions, signals)
    # Locking the meeting serialises two additions: they cannot take the same number.
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    item = AgendaItem.objects.create(
        meeting=meeting,
        order=_next_order(meeting),
        title=title,
        note=note,
        source=AgendaItemSource.MANUAL,
    )
    item.actions.set(actions)
    item.signals.set(signals)
    return item


@transaction.atomic
def agenda_item_change(
    *,
    item: AgendaItem,
    version: int,
    title: str,
    note: str = "",
    actions: Iterable[Action] = (),
    signals: Iterable[Signal] = (),
) -> AgendaItem:
    item = locked_current(AgendaItem, item.pk, version)
    actions, signals = _links_in_plan(item.meeting, actions, signals)
    item.title = title
    item.note = note
    item.version += 1
    item.full_clean()
    item.save()
    item.actions.set(actions)
    item.signals.set(signals)
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, version: int) -> None:
    """Remove the item; its decisions stay, without an agenda item."""
    locked_current(AgendaItem, item.pk, version).delete()


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, up: bool) -> AgendaItem:
    """Swap the item with the one before (``up``) or after it; at either end: nothing.

    The order is unique per meeting: the swap parks the item on 0 (never a real number,
    they start at 1) so no moment has two items on one number."""
    Meeting.objects.select_for_update().get(pk=item.meeting_id)
    item = AgendaItem.objects.get(pk=item.pk)
    siblings = AgendaItem.objects.filter(meeting_id=item.meeting_id)
    other = (
        siblings.filter(order__lt=item.order).order_by("-order").first()
        if up
        else siblings.filter(order__gt=item.order).order_by("order").first()
    )
    if other is None:
        return item
    mine, theirs = item.order, other.order
    item.order = 0
    item.save(update_fields=["order"])
    other.order = mine
    other.save(update_fields=["order"])
    item.order = theirs
    item.save(update_fields=["order"])
    return item


def _decision_links(
    meeting: Meeting, agenda_item: AgendaItem | None, actions: Iterable[Action]
) -> list[Action]:
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise TransitionRefused(_("The agenda item belongs to another meeting."))
    return _links_in_plan(meeting, actions)[0]


@transaction.atomic
def decision_create(
    *,
    meeting: Meeting,
    text: str,
    owner: User | None = None,
    deadline: dt.date | None = None,
    agenda_item: AgendaItem | None = None,
    actions: Iterable[Action] = (),
) -> Decision:
    actions = _decision_links(meeting, agenda_item, actions)
    decision = Decision.objects.create(
        meeting=meeting, text=text, owner=owner, deadline=deadline, agenda_item=agenda_item
    )
    decision.actions.set(actions)
    return decision


@transaction.atomic
def decision_change(
    *,
    decision: Decision,
    version: int,
    text: str,
    owner: User | None = None,
    deadline: dt.date | None = None,
    agenda_item: AgendaItem | None = None,
    actions: Iterable[Action] = (),
) -> Decision:
    decision = locked_current(Decision, decision.pk, version)
    actions = _decision_links(decision.meeting, agenda_item, actions)
    decision.text = text
    decision.owner = owner
    decision.deadline = deadline
    decision.agenda_item = agenda_item
    decision.version += 1
    decision.full_clean()
    decision.save()
    decision.actions.set(actions)
    return decision


@transaction.atomic
def decision_mark_done(*, decision: Decision, version: int, done_on: dt.date) -> Decision:
    """Done on ``done_on``: it leaves the dashboard and its actions' pages."""
    decision = locked_current(Decision, decision.pk, version)
    decision.status = DecisionStatus.DONE
    decision.done_on = done_on
    decision.version += 1
    decision.save()
    return decision
