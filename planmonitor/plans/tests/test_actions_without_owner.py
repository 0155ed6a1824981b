"""The coordinator's list and home warning of actions without an active owner."""

import datetime as dt

from django.urls import reverse

from planmonitor.plans.models import Minister
from planmonitor.tests.html import parse_html
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, TWO_STEP, assert_queries


def _url(plan):
    return reverse("plans:actions_without_owner", args=[plan.short_name])


def _codes(client, plan):
    return [row["data-code"] for row in parse_html(client.get(_url(plan))).select("tr[data-code]")]


def test_it_lists_actions_whose_lead_minister_has_no_active_owner(
    client, coordinator, plan, action, other_action, owner
):
    client.force_login(coordinator)
    assert _codes(client, plan) == ["T002"]  # De Ridder's: nobody owns it
    owner.is_active = False
    owner.save()
    assert _codes(client, plan) == ["T001", "T002"]


def test_it_lists_actions_whose_lead_minister_left_office(client, coordinator, plan, action, owner):
    Minister.objects.filter(key="gennez").update(in_office_to=dt.date(2025, 1, 1))
    client.force_login(coordinator)
    page = parse_html(client.get(_url(plan)))
    assert "2025" in page.select_one("tr[data-code=T001]").get_text()


def test_its_query_count_does_not_grow_with_the_actions(client, demo, coordinator, plan):
    client.force_login(coordinator)
    expected = [
        *SIGNED_IN,
        *TWO_STEP,
        ("SELECT plans_plan", "the plan from the URL"),
        *POLICY,
        ("SELECT plans_action", "the actions without owner, with minister and goal"),
        *NAV,
        *BANNER,
    ]
    with assert_queries(expected):
        client.get(_url(plan))


def test_the_coordinators_home_warns_and_links_to_it(client, coordinator, plan, other_action):
    client.force_login(coordinator)
    page = parse_html(client.get(reverse("plans:my_actions")))
    link = page.select_one(".without-owner a")
    assert link["href"] == _url(plan)
    assert "1" in link.get_text()


def test_others_get_no_warning(client, owner, plan, other_action):
    client.force_login(owner)
    assert parse_html(client.get(reverse("plans:my_actions"))).select_one(".without-owner") is None
    assert client.get(_url(plan)).status_code == 403
