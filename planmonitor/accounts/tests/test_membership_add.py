"""Giving a person another role in the plan, with the organisation and ministers they serve."""

import pytest

from planmonitor.accounts.models import Membership, Role
from planmonitor.tests.html import parse_html as soup_of

from .helpers import member_url, messages_of


@pytest.fixture
def url(plan, member) -> str:
    return member_url(plan, member, "membership_add")


def test_it_adds_an_action_owner_role_with_ministers(
    client, plan, coordinator, member, url, minister, organisation
):
    client.force_login(coordinator)

    response = client.post(
        url,
        {"role": Role.ACTION_OWNER, "organisation": organisation.pk, "ministers": [minister.pk]},
    )

    assert response["Location"] == member_url(plan, member)
    added = Membership.objects.get(user=member, plan=plan, role=Role.ACTION_OWNER)
    assert added.organisation == organisation
    assert list(added.ministers.all()) == [minister]
    assert messages_of(client.get(response["Location"]))[0][0] == "success"


def test_an_owner_may_represent_an_organisation_without_ministers(
    client, plan, coordinator, member, url, organisation
):
    client.force_login(coordinator)
    client.post(url, {"role": Role.ACTION_OWNER, "organisation": organisation.pk})
    assert Membership.objects.filter(user=member, role=Role.ACTION_OWNER).exists()


def test_an_owner_needs_a_minister_or_an_organisation(client, coordinator, member, url):
    client.force_login(coordinator)

    response = client.post(url, {"role": Role.ACTION_OWNER})

    assert response.status_code == 200
    assert response.context["form"].errors["ministers"]
    soup = soup_of(response)
    assert soup.select_one(".error-summary a[href='#id_ministers']") is not None
    assert soup.select_one("fieldset#id_ministers .field__error") is not None
    assert not Membership.objects.filter(user=member, role=Role.ACTION_OWNER).exists()


def test_a_contributor_needs_a_minister_even_with_an_organisation(
    client, coordinator, member, url, organisation
):
    client.force_login(coordinator)
    response = client.post(url, {"role": Role.CONTRIBUTOR, "organisation": organisation.pk})
    assert response.context["form"].errors["ministers"]
    assert not Membership.objects.filter(user=member, role=Role.CONTRIBUTOR).exists()


def test_it_refuses_an_organisation_of_another_plan(
    client, coordinator, member, url, other_plan, minister
):
    client.force_login(coordinator)
    foreign = other_plan.organisations.get()

    response = client.post(
        url, {"role": Role.ACTION_OWNER, "organisation": foreign.pk, "ministers": [minister.pk]}
    )

    assert response.context["form"].errors["organisation"]
    assert not Membership.objects.filter(user=member, role=Role.ACTION_OWNER).exists()


def test_it_refuses_a_role_the_person_already_has(client, coordinator, member, url):
    client.force_login(coordinator)
    response = client.post(url, {"role": Role.NETWORK_MEMBER})
    assert response.context["form"].errors["role"]
    assert member.memberships.count() == 1


def test_the_form_lists_only_this_plans_organisations(client, plan, coordinator, url, other_plan):
    client.force_login(coordinator)
    soup = soup_of(client.get(url))
    offered = {
        option["value"] for option in soup.select("#id_organisation option") if option["value"]
    }
    assert offered == {str(pk) for pk in plan.organisations.values_list("pk", flat=True)}


@pytest.mark.parametrize("who", ["network_member", "evaluator", "owner"])
def test_it_refuses_everyone_but_coordinators(client, member, url, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.post(url, {"role": Role.EVALUATOR}).status_code == 403
    assert member.memberships.count() == 1
