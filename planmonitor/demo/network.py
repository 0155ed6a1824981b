"""The example meeting of the learning network: one planned meeting, after the due date of
the example's open round (31/7/2026, so its reports never submitted are late), with its
agenda generated from the example data as on the meeting's day and one decision.

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
from planmonitor.network.models import AgendaItem, Decision, Meeting
from planmonitor.plans.models import Plan

from .monitoring import BRUSSELS

MEETING_AT = dt.datetime(2026, 9, 8, 14, 0, tzinfo=BRUSSELS)
LABELS = {
    Meeting: gettext_noop("meetings"),
    AgendaItem: gettext_noop("agenda items"),
    Decision: gettext_noop("decisions"),
}


def network_demo_load(plan: Plan | None = None) -> Counter[str]:
    from planmonitor.plans.data.gbv_plan import SHORT_NAME

    created: Counter[str] = Counter()
    with transaction.atomic():
        plan = plan or Plan.objects.filter(short_name=SHORT_NAME).first()
        if plan is None or Meeting.objects.filter(plan=plan, is_example=True).exists():
            return created
        people = list(
            User.objects.filter(username__in=["demo-coordinator", "demo-network"]).order_by(
                "username"
            )
        )
        meeting = services.meeting_create(
            plan=plan,
            starts_at=MEETING_AT,
            title="Voorbeeld: overleg lerend netwerk (september 2026)",
            location="Herman Teirlinckgebouw, Brussel",
            participants=people,
            outside_participants="Vertegenwoordiger van de CAW's\nVertegenwoordiger van de politie",
        )
        Meeting.objects.filter(pk=meeting.pk).update(is_example=True)
        generated = services.agenda_generate(meeting=meeting, today=MEETING_AT.date())
        created[LABELS[Meeting]] += 1
        created[LABELS[AgendaItem]] += generated.created
        first = meeting.agenda_items.order_by("order").prefetch_related("actions").first()
        services.decision_create(
            meeting=meeting,
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
    return created


def network_demo_remove() -> Counter[str]:
    _, per_model = Meeting.objects.filter(is_example=True).delete()
    return Counter({label: n for label, n in per_model.items() if n})
