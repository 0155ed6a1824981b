"""Imported and demo rows carry their initial values in their history (issue 9, item 7)."""

import csv

from django.urls import reverse

from planmonitor.accounts.models import Membership
from planmonitor.audit.context import Channel, audit_context
from planmonitor.plans.models import Action, Indicator
from planmonitor.plans.transfer.importing import ImportFile, ImportSource, import_actions
from planmonitor.tests.html import parse_html

from .helpers import timeline


def _changes(entry) -> dict[str, tuple[str, str]]:
    return {c.label: (c.before, c.after) for c in entry.changes}


def test_an_imported_actions_history_shows_its_initial_values(client, plan, coordinator, tmp_path):
    path = tmp_path / "acties.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["code", "titel", "od", "trekkende_minister"])
        writer.writerow(["A1", "Campagne", "1.1", "demir"])
    with audit_context(channel=Channel.WEB, user=coordinator):
        report = import_actions(
            plan=plan, source=ImportSource(ImportFile(path, path.name)), commit=True
        )
    assert report.applied
    action = Action.objects.get(plan=plan, code="A1")

    (created,) = timeline(Action, action.pk)
    assert (created.kind, created.channel, created.earlier_unknown) == ("+", "import", False)
    assert _changes(created)["Title"] == ("", "Campagne")

    client.force_login(coordinator)
    page = client.get(reverse("audit:history", args=["actie", action.pk]))
    assert parse_html(page).select_one(".history__note") is None  # no "not recorded"


def test_the_demo_records_the_initial_values_of_what_it_creates(demo):
    action = Action.objects.get(plan=demo, code="A001")
    (created,) = timeline(Action, action.pk)
    assert created.kind == "+" and not created.earlier_unknown
    assert _changes(created)["Title"] == ("", action.title)
    assert {"Co-ministers", "Violence forms"} <= set(_changes(created))  # the links too
    indicator = Indicator.objects.filter(action=action).first()
    assert [e.kind for e in timeline(Indicator, indicator.pk)] == ["+"]
    membership = Membership.objects.filter(user__username="demo-owner").first()
    assert [e.kind for e in timeline(Membership, membership.pk)] == ["+"]
