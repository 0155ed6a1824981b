"""The example meeting: labelled, with a generated agenda and one decision; loaded once;
removed with the other example data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from planmonitor.demo.network import network_demo_load
from planmonitor.demo.plan import demo_load, demo_remove
from planmonitor.network.models import AgendaItem, Decision, Meeting

pytestmark = pytest.mark.django_db


def test_the_example_meeting(client, demo):
    meeting = Meeting.objects.get()
    assert meeting.is_example and meeting.title.startswith("Voorbeeld")
    items = list(meeting.agenda_items.order_by("order"))
    # The example reports include late and missing ones on the demo's "today".
    assert "late_reports" in [item.key for item in items]
    assert all(item.source == "generated" for item in items)
    decision = meeting.decisions.get()
    assert decision.owner.username == "demo-coordinator" and decision.agenda_item == items[0]
    assert network_demo_load() == {}  # loaded once
    client.force_login(decision.owner)
    page = client.get(reverse("network:meeting_detail", args=[demo.short_name, meeting.pk]))
    assert b"badge--example" in page.content


def test_it_leaves_with_the_example_data(plan):
    demo_load()
    deleted = demo_remove()
    assert deleted["network.Meeting"] == 1
    assert not Meeting.objects.exists()
    assert not AgendaItem.objects.exists() and not Decision.objects.exists()
