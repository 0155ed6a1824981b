"""The learning network's example data: one run of the signals, a held meeting with minutes
and an open decision, and the next meeting whose generated agenda carries that decision;
labelled, loaded once, removed with the other example data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from planmonitor.demo.network import network_demo_load
from planmonitor.demo.plan import demo_load, demo_remove
from planmonitor.network.models import (
    AgendaItem,
    Decision,
    Meeting,
    MeetingStatus,
    Signal,
    SignalSource,
)

pytestmark = pytest.mark.django_db


def test_the_example_meetings(client, demo):
    held, planned = Meeting.objects.order_by("starts_at")
    assert held.is_example and planned.is_example and held.title.startswith("Voorbeeld")
    assert held.status == MeetingStatus.HELD and held.minutes.startswith("Voorbeeld")
    assert planned.status == MeetingStatus.PLANNED
    items = list(held.agenda_items.order_by("order"))
    # The example reports include late and missing ones on the meeting's day.
    assert "late_reports" in [item.key for item in items]
    assert all(item.source == "generated" for item in items)
    decision = held.decisions.get()
    assert decision.owner.username == "demo-coordinator" and decision.agenda_item == items[0]
    # The next meeting's agenda: the overdue decision, then the late reports, then signals.
    keys = list(planned.agenda_items.order_by("order").values_list("key", flat=True))
    assert keys[:2] == [f"decision:{decision.pk}", "late_reports"]
    assert any(key.startswith("signals:") for key in keys)
    assert network_demo_load() == {}  # loaded once
    client.force_login(decision.owner)
    page = client.get(reverse("network:meeting_detail", args=[demo.short_name, held.pk]))
    assert b"badge--example" in page.content


def test_the_example_plan_has_its_signals(demo):
    assert Signal.objects.filter(plan=demo, source=SignalSource.GENERATED).count() > 100


def test_it_leaves_with_the_example_data(plan):
    demo_load()
    Signal.objects.create(plan=plan, kind="manual", title="Door iemand genoteerd", source="manual")
    deleted = demo_remove()
    assert deleted["network.Meeting"] == 2
    assert not Meeting.objects.exists()
    assert not AgendaItem.objects.exists() and not Decision.objects.exists()
    # The generated signals were about the example actions; a person's note stays.
    assert list(Signal.objects.values_list("source", flat=True)) == [SignalSource.MANUAL]
