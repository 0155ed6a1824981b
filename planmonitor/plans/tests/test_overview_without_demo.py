"""The plan overview without the demo data: no plan, a plan without actions, an
unpublished plan, an owner's view."""

from django.urls import reverse

from planmonitor.accounts.models import Role
from planmonitor.demo.plan import demo_load
from planmonitor.plans.models import Minister

# The overview's helpers are its module's: importing them brings none of its fixtures.
from .test_overview import _codes, _expected, _page


def test_it_shows_an_empty_state_without_a_plan(no_plan, client):
    soup = _page(client)

    assert "Er is nog geen plan geladen." in soup.select_one(".empty-state").get_text()
    assert soup.find(id="example-data-banner") is None


def test_it_shows_the_goal_framework_of_a_plan_without_actions(plan, client):
    plan.is_published = True
    plan.save()
    soup = _page(client)

    assert "Dit plan heeft nog geen acties." in soup.select_one(".empty-state").get_text()
    assert soup.select_one(".result-count").get_text(strip=True) == "0 acties"
    assert len(soup.select("section.operational-goal")) == 11
    assert soup.find(id="example-data-banner") is None


def test_an_unpublished_plan_shows_its_goals_but_not_its_actions_to_the_public(plan, client):
    demo_load()  # the unpublished plan, with actions
    soup = _page(client)

    assert _codes(soup) == []
    assert len(soup.select("section.operational-goal")) == 11
    assert soup.select_one(".empty-state a")["href"].startswith(reverse("login"))


def test_an_action_owner_sees_only_the_actions_of_their_minister(plan, client, make_user):
    demo_load()
    owner = make_user("owner-gennez", plan, Role.ACTION_OWNER)
    owner.memberships.get().ministers.add(Minister.objects.get(key="gennez"))
    client.force_login(owner)

    codes = _codes(_page(client))

    assert codes == _expected(lead_minister__key="gennez")
    assert 0 < len(codes) < 115
