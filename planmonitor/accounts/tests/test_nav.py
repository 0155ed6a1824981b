"""The "Members" link in the nav: only for people who may manage a plan's members, one query."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from planmonitor.accounts.models import Role
from planmonitor.accounts.policy import memberships
from planmonitor.tests.html import parse_html as soup_of
from planmonitor.tests.queries import assert_queries

from .helpers import members_url


def _members_links(client) -> list[str]:
    soup = soup_of(client.get(reverse("plans:overview")))
    return [a["href"] for a in soup.select("header nav a") if "/leden/" in a["href"]]


def test_a_coordinator_sees_the_members_link(client, plan, coordinator):
    client.force_login(coordinator)
    assert _members_links(client) == [members_url(plan)]


def test_the_link_is_marked_current_on_the_members_page(client, plan, coordinator):
    client.force_login(coordinator)
    soup = soup_of(client.get(members_url(plan)))
    assert soup.select_one("header nav a[aria-current=page]")["href"] == members_url(plan)


@pytest.mark.parametrize("who", ["network_member", "evaluator", "owner", "outsider"])
def test_others_do_not(client, plan, who, request):
    client.force_login(request.getfixturevalue(who))
    assert _members_links(client) == []


def test_anonymous_visitors_do_not(client, plan):
    assert _members_links(client) == []


def test_a_coordinator_of_two_plans_gets_a_link_per_plan(client, plan, other_plan, coordinator):
    coordinator.memberships.create(plan=other_plan, role=Role.COORDINATOR)
    client.force_login(coordinator)
    assert sorted(_members_links(client)) == sorted([members_url(plan), members_url(other_plan)])


def test_logged_in_people_get_a_change_password_link(client, member):
    client.force_login(member)
    soup = soup_of(client.get(reverse("plans:overview")))
    assert soup.select_one(f'header nav a[href="{reverse("accounts:password_change")}"]')


TAG = Template("{% load accounts %}{% plans_with_members_link as plans %}{{ plans|length }}")


def test_the_link_costs_one_query_once_the_policy_knows_the_user(coordinator):
    request = RequestFactory().get("/")
    request.user = coordinator
    memberships(coordinator)  # what any page asking the policy has done already

    with assert_queries([("SELECT plans_plan", "the plans")]):
        assert TAG.render(Context({"request": request})) == "1"


def test_the_link_costs_nothing_for_anonymous_visitors(db):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with assert_queries([]):
        assert TAG.render(Context({"request": request})) == "0"
