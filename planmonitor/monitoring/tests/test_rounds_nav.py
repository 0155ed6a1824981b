"""The "Reporting rounds" link in the nav: for who may follow the default plan's rounds."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from planmonitor.accounts.policy import memberships
from planmonitor.tests.html import parse_html as soup_of
from planmonitor.tests.queries import assert_queries

from .rounds_helpers import list_url, open_round


def _rounds_links(client) -> list[str]:
    soup = soup_of(client.get(reverse("plans:overview")))
    return [a["href"] for a in soup.select("header nav a") if "/rondes/" in a["href"]]


@pytest.mark.parametrize("who", ["coordinator", "network_member", "evaluator"])
def test_coordinators_and_readers_of_the_whole_plan_get_the_link(client, plan, who, request):
    client.force_login(request.getfixturevalue(who))
    assert _rounds_links(client) == [list_url(plan)]


@pytest.mark.parametrize("who", ["owner", "contributor", "outsider"])
def test_others_do_not(client, plan, who, request):
    client.force_login(request.getfixturevalue(who))
    assert _rounds_links(client) == []


def test_anonymous_visitors_do_not(client, plan):
    assert _rounds_links(client) == []


def test_it_is_marked_current_on_the_rounds_page(client, plan, action, coordinator):
    open_round(plan)
    client.force_login(coordinator)
    soup = soup_of(client.get(list_url(plan)))
    assert soup.select_one("header nav a[aria-current=page]")["href"] == list_url(plan)


TAG = Template("{% load rounds %}{% rounds_link_plan as p %}{{ p.short_name|default:'-' }}")


def test_the_link_costs_one_query_once_the_policy_knows_the_user(plan, coordinator):
    request = RequestFactory().get("/")
    request.user = coordinator
    memberships(coordinator)  # what the nav's members link has asked already

    with assert_queries([("SELECT plans_plan", "the default plan")]):
        assert TAG.render(Context({"request": request})) == plan.short_name


def test_the_link_costs_nothing_for_anonymous_visitors(db):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with assert_queries([]):
        assert TAG.render(Context({"request": request})) == "-"
