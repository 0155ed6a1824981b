"""Which plan ``/`` shows: the only one; with several, the visitor's last one or a choice."""

import datetime as dt

import pytest
from django.urls import reverse

from planmonitor.accounts.models import Membership, Role
from planmonitor.plans.models import Plan
from planmonitor.tests.html import parse_html

HOME = reverse("plans:overview")


@pytest.fixture
def later_plan(plan) -> Plan:
    """A second, more recent plan: the old code showed it at ``/`` to everyone."""
    return Plan.objects.create(
        short_name="gbv-2030",
        title="Actieplan 2030-2034",
        period_start=dt.date(2030, 1, 1),
        period_end=dt.date(2034, 12, 31),
    )


def _page(client, url=HOME):
    response = client.get(url)
    assert response.status_code == 200
    return parse_html(response)


def _shown_plan(soup) -> str | None:
    h1 = soup.select_one("main h1").get_text(strip=True)
    return None if h1 == "Planoverzicht" else h1


def _choices(soup) -> list[str]:
    return [a["href"] for a in soup.select(".plan-choice a")]


def _switcher(soup) -> list[tuple[str, bool]]:
    return [(a["href"], a.has_attr("aria-current")) for a in soup.select(".plan-switcher a")]


def _plan_url(plan) -> str:
    return reverse("plans:plan_overview", args=[plan.short_name])


def test_with_one_plan_it_shows_that_plan_without_a_switcher(plan, client):
    soup = _page(client)

    assert _shown_plan(soup) == plan.title
    assert soup.select_one(".plan-switcher") is None


def test_with_two_plans_it_asks_instead_of_guessing_the_most_recent(
    plan, later_plan, client, make_user
):
    both = make_user("both")
    for each in (plan, later_plan):
        Membership.objects.create(user=both, plan=each, role=Role.EVALUATOR)
    client.force_login(both)

    soup = _page(client)

    assert _shown_plan(soup) is None
    assert _choices(soup) == [_plan_url(later_plan), _plan_url(plan)]


def test_it_shows_the_plan_chosen_last_with_a_switcher(plan, later_plan, client, make_user):
    both = make_user("both")
    for each in (plan, later_plan):
        Membership.objects.create(user=both, plan=each, role=Role.EVALUATOR)
    client.force_login(both)

    chosen = _page(client, _plan_url(plan))
    assert _shown_plan(chosen) == plan.title
    assert _switcher(chosen) == [(_plan_url(later_plan), False), (_plan_url(plan), True)]
    assert chosen.select_one("form.filters")["action"] == _plan_url(plan)

    assert _shown_plan(_page(client)) == plan.title  # "/" remembers it


def test_a_person_who_may_see_one_of_the_plans_gets_that_one(plan, later_plan, client, coordinator):
    client.force_login(coordinator)  # coordinator of the first plan only

    soup = _page(client)

    assert _shown_plan(soup) == plan.title
    assert soup.select_one(".plan-switcher") is None


def test_the_public_sees_the_published_plan_only(plan, later_plan, client):
    assert _shown_plan(_page(client)) is None
    assert (
        "Er is nog geen plan gepubliceerd." in _page(client).select_one(".empty-state").get_text()
    )

    later_plan.is_published = True
    later_plan.save()

    assert _shown_plan(_page(client)) == later_plan.title


def test_a_plans_overview_follows_the_policy(plan, later_plan, client, outsider):
    assert client.get(_plan_url(later_plan)).status_code == 403  # not published
    assert client.get(reverse("plans:plan_overview", args=["no-such-plan"])).status_code == 404
    later_plan.is_published = True
    later_plan.save()
    # Published: anonymous visitors get the portal's page, signed-in people this one.
    response = client.get(_plan_url(later_plan))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:plan", args=[later_plan.short_name])
    client.force_login(outsider)
    assert client.get(_plan_url(later_plan)).status_code == 200


def test_a_remembered_plan_the_person_may_no_longer_see_is_not_shown(
    plan, later_plan, client, make_user
):
    client.force_login(make_user("reader"))  # anonymous visitors would get the portal
    later_plan.is_published = True
    later_plan.save()
    _page(client, _plan_url(later_plan))
    later_plan.is_published = False
    later_plan.save()

    assert _shown_plan(_page(client)) is None  # neither plan is published now


def _rounds_link(soup) -> str | None:
    link = soup.find("a", string="Rapporteringsrondes")
    return link["href"] if link else None


def test_the_rounds_link_follows_the_chosen_plan_not_the_most_recent(
    client, plan, later_plan, coordinator
):
    Membership.objects.create(user=coordinator, plan=later_plan, role=Role.COORDINATOR)
    client.force_login(coordinator)

    # Two plans the coordinator may see, none chosen: no guess.
    assert _rounds_link(_page(client)) is None

    _page(client, reverse("plans:plan_overview", args=[plan.short_name]))
    assert _rounds_link(_page(client)) == reverse("monitoring:round_list", args=[plan.short_name])
