"""The example data of the learning network: the signals of one run, a held meeting after
the due date of the example's open round (31/7/2026, so its reports never submitted are late)
with its agenda generated as on that day, minutes and one decision, and the next meeting,
planned, with its generated agenda.

Like the other example data it is labelled (``Meeting.is_example``: an "Example" badge on
the meeting pages) and ``remove_demo`` deletes it (its items and decisions go with it).
Idempotent: a plan that has its example meeting gets nothing more.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import transaction
from django.utils.translation import gettext_noop

from planmonitor.accounts.models import User
from planmonitor.network.meetings import services
from planmonitor.network.models import (
    AgendaItem,
    Decision,
    Meeting,
    MeetingStatus,
    Signal,
    SignalSource,
)
from planmonitor.plans.models import Plan

from .monitoring import BRUSSELS

MEETING_AT = dt.datetime(2026, 9, 8, 14, 0, tzinfo=BRUSSELS)
NEXT_MEETING_AT = dt.datetime(2027, 1, 19, 14, 0, tzinfo=BRUSSELS)
LABELS = {
    Meeting: gettext_noop("meetings"),
    AgendaItem: gettext_noop("agenda items"),
    Decision: gettext_noop("decisions"),
    Signal: gettext_noop("signals"),
}


def _example_meeting(plan: Plan, people: list[User], *, starts_at: dt.datetime, title: str):
    meeting = services.meeting_create(
        plan=plan,
        starts_at=starts_at,
        title=title,
        location="Herman Teirlinckgebouw, Brussel",
        participants=people,
        outside_participants="Vertegenwoordiger van de CAW's\nVertegenwoordiger van de politie",
    )
    Meeting.objects.filter(pk=meeting.pk).update(is_example=True)
    meeting.refresh_from_db()
    return meeting, services.agenda_generate(meeting=meeting, today=starts_at.date())


def network_demo_load(plan: Plan | None = None) -> Counter[str]:
    """The signals of the example plan (one run of every source, as the worker would), a held
    meeting in September 2026 with its minutes and a decision still open, and the next one,
    planned, whose generated agenda carries that overdue decision, the late reports and the
    open signals."""
    from planmonitor.network.signals.services import sync_signals
    from planmonitor.plans.data.gbv_plan import SHORT_NAME

    created: Counter[str] = Counter()
    with transaction.atomic():
        plan = plan or Plan.objects.filter(short_name=SHORT_NAME).first()
        if plan is None or Meeting.objects.filter(plan=plan, is_example=True).exists():
            return created
        created[LABELS[Signal]] += sync_signals(plan=plan).created
        people = list(
            User.objects.filter(username__in=["demo-coordinator", "demo-network"]).order_by(
                "username"
            )
        )
        held, generated = _example_meeting(
            plan,
            people,
            starts_at=MEETING_AT,
            title="Voorbeeld: overleg lerend netwerk (september 2026)",
        )
        created[LABELS[AgendaItem]] += generated.created
        first = held.agenda_items.order_by("order").prefetch_related("actions").first()
        services.decision_create(
            meeting=held,
            text=(
                "Voorbeeld: de coördinator vraagt de ontbrekende rapporteringen op bij de "
                "betrokken administraties."
            ),
            owner=people[0] if people else None,
            deadline=dt.date(2026, 9, 30),
            agenda_item=first,
            actions=list(first.actions.all()[:3]) if first else [],
        )
        created[LABELS[Decision]] += 1
        services.meeting_change(
            meeting=held,
            version=held.version,
            starts_at=held.starts_at,
            title=held.title,
            location=held.location,
            participants=people,
            outside_participants=held.outside_participants,
            status=MeetingStatus.HELD,
            minutes=(
                "Voorbeeldverslag. Het netwerk overloopt de laattijdige rapporteringen van het "
                "eerste semester; de coördinator neemt contact op met de betrokken "
                "administraties."
            ),
        )
        _next, generated = _example_meeting(
            plan,
            people,
            starts_at=NEXT_MEETING_AT,
            title="Voorbeeld: overleg lerend netwerk (januari 2027)",
        )
        created[LABELS[Meeting]] += 2
        created[LABELS[AgendaItem]] += generated.created
    return created


def network_demo_remove() -> Counter[str]:
    """The example meetings, and the generated signals of the example plan: they are about
    the example actions, and the next run makes them anew from what remains. Signals noted
    by hand are people's words: they stay."""
    from planmonitor.plans.data.gbv_plan import SHORT_NAME

    removed: Counter[str] = Counter()
    for queryset in (
        Meeting.objects.filter(is_example=True),
        Signal.objects.filter(plan__short_name=SHORT_NAME, source=SignalSource.GENERATED),
    ):
        _, per_model = queryset.delete()
        removed.update({label: n for label, n in per_model.items() if n})
    return removed
