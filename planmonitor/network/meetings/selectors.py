"""Reads of meetings and decisions: a fixed number of queries each."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone

from planmonitor.plans.models import Action, Plan

from ..models import AgendaItem, Decision, DecisionStatus, Meeting, Signal, SignalSource
from ..signals.selectors import open_signals
from ..signals.sources import delay_findings
from . import agenda


def meetings(plan: Plan) -> QuerySet[Meeting]:
    return Meeting.objects.filter(plan=plan)


def upcoming_and_past(
    plan: Plan, now: dt.datetime | None = None
) -> tuple[QuerySet[Meeting], QuerySet[Meeting]]:
    """(upcoming, soonest first; past, latest first): two querysets, one query each."""
    now = now or timezone.now()
    upcoming = meetings(plan).filter(starts_at__gte=now).order_by("starts_at", "pk")
    past = meetings(plan).filter(starts_at__lt=now).order_by("-starts_at", "-pk")
    return upcoming, past


def meeting_of(plan: Plan, pk: int) -> QuerySet[Meeting]:
    """The meeting with everything its page and its documents show (one query per relation)."""
    items = AgendaItem.objects.prefetch_related(
        Prefetch("actions", queryset=Action.objects.order_by("code")),
        Prefetch("signals", queryset=Signal.objects.order_by("pk")),
    ).order_by("order", "pk")
    decisions = (
        Decision.objects.select_related("owner")
        .prefetch_related(Prefetch("actions", queryset=Action.objects.order_by("code")))
        .order_by(F("deadline").asc(nulls_last=True), "pk")
    )
    return Meeting.objects.filter(plan=plan, pk=pk).prefetch_related(
        "participants",
        Prefetch("agenda_items", queryset=items),
        Prefetch("decisions", queryset=decisions),
    )


def open_decisions(plan: Plan, limit: int | None = None) -> list[Decision]:
    """The plan's open decisions, overdue (earliest deadline) first, no deadline last."""
    qs = (
        Decision.objects.filter(meeting__plan=plan, status=DecisionStatus.OPEN)
        .select_related("owner", "meeting")
        .order_by(F("deadline").asc(nulls_last=True), "pk")
    )
    return list(qs[:limit] if limit else qs)


def open_decisions_of_action(action: Action) -> list[Decision]:
    return list(
        Decision.objects.filter(actions=action, status=DecisionStatus.OPEN)
        .select_related("owner", "meeting")
        .order_by(F("deadline").asc(nulls_last=True), "pk")
    )


def agenda_inputs(
    meeting: Meeting, as_of: dt.date
) -> tuple[list[agenda.SignalRow], list[agenda.LateRow], list[agenda.DecisionRow]]:
    """What the generated agenda is made of: the plan's open signals, the late reports (the
    signals' delay source, the one place that rule lives) and the open decisions of other
    meetings that have a deadline by the meeting's date."""
    plan = meeting.plan
    signals = [
        agenda.SignalRow(
            pk=s.pk,
            kind=s.kind,
            kind_label=str(s.get_kind_display()),
            title=s.title,
            detail=s.detail,
            manual=s.source == SignalSource.MANUAL,
            key=s.key,
            action_ids=tuple(a.pk for a in s.actions.all()),
        )
        for s in open_signals(plan)
    ]
    late = [
        agenda.LateRow(key=f.key, title=f.title, detail=f.detail, action_ids=f.action_ids)
        for f in delay_findings(plan, as_of)
    ]
    meeting_day = timezone.localtime(meeting.starts_at).date()
    decisions = [
        agenda.DecisionRow(
            pk=d.pk,
            text=d.text,
            deadline=d.deadline,
            owner=d.owner.get_full_name() if d.owner else "",
            meeting=f"{d.meeting.title} ({timezone.localtime(d.meeting.starts_at):%d/%m/%Y})",
            action_ids=tuple(a.pk for a in d.actions.all()),
        )
        for d in Decision.objects.filter(
            meeting__plan=plan, status=DecisionStatus.OPEN, deadline__lte=meeting_day
        )
        .exclude(meeting=meeting)
        .select_related("owner", "meeting")
        .prefetch_related("actions")
        if d.deadline is not None
    ]
    return signals, late, decisions
