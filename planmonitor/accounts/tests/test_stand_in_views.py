"""Stand-ins on the person's page: set by a coordinator, shown, ended, with their history."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from planmonitor.accounts.models import Role, StandIn
from planmonitor.tests.html import parse_html


def _detail(plan, user):
    return reverse("accounts:member_detail", args=[plan.short_name, user.pk])


def test_a_coordinator_sets_a_stand_in_and_it_shows(client, coordinator, plan, owner, make_user):
    colleague = make_user("colleague", plan, Role.EVALUATOR)
    client.force_login(coordinator)
    today = timezone.localdate()
    response = client.post(
        reverse("accounts:stand_in_add", args=[plan.short_name, owner.pk]),
        {
            "stand_in": colleague.pk,
            "starts_on": today.isoformat(),
            "ends_on": (today + dt.timedelta(days=14)).isoformat(),
            "note": "Ouderschapsverlof",
        },
    )
    assert response.status_code == 302
    row = StandIn.objects.get()
    assert (row.person, row.stand_in) == (owner, colleague)
    page = parse_html(client.get(_detail(plan, owner)))
    item = page.select_one("li.stand-in")
    assert item["data-current"] == "true"
    assert "Ouderschapsverlof" in item.get_text()
    history = reverse("audit:history", args=["vervanging", row.pk])
    assert item.select_one(f'a[href="{history}"]') is not None
    assert client.get(history).status_code == 200
    assert parse_html(client.get(_detail(plan, colleague))).select_one(".standing-in-for")


def test_a_refused_stand_in_says_why(client, coordinator, plan, owner):
    client.force_login(coordinator)
    today = timezone.localdate().isoformat()
    client.post(
        reverse("accounts:stand_in_add", args=[plan.short_name, owner.pk]),
        {"stand_in": owner.pk, "starts_on": today, "ends_on": today},
    )
    assert not StandIn.objects.exists()


def test_ending_it_keeps_it_on_the_page_as_past(client, coordinator, plan, owner, make_user):
    colleague = make_user("colleague", plan, Role.EVALUATOR)
    today = timezone.localdate()
    row = StandIn.objects.create(
        plan=plan,
        person=owner,
        stand_in=colleague,
        starts_on=today - dt.timedelta(days=3),
        ends_on=today + dt.timedelta(days=3),
    )
    client.force_login(coordinator)
    client.post(reverse("accounts:stand_in_end", args=[plan.short_name, owner.pk, row.pk]))
    row.refresh_from_db()
    assert row.ends_on == today - dt.timedelta(days=1)
    item = parse_html(client.get(_detail(plan, owner))).select_one("li.stand-in")
    assert item["data-current"] == "false"
