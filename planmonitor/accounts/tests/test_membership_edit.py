"""Changing a role: its kind, organisation and ministers; the plan keeps a coordinator."""

import pytest

from planmonitor.accounts.models import Membership, Role
from planmonitor.plans.models import Minister
from planmonitor.tests.html import parse_html as soup_of

from .helpers import member_url, membership, messages_of


def _url(plan, user, role) -> str:
    return member_url(plan, user, "membership_edit", membership_id=membership(user, plan, role).pk)


def test_it_shows_the_role_as_it_is(client, plan, coordinator, owner, minister):
    client.force_login(coordinator)
    soup = soup_of(client.get(_url(plan, owner, Role.ACTION_OWNER)))
    assert soup.select_one("#id_role option[selected]")["value"] == Role.ACTION_OWNER
    checked = [box["value"] for box in soup.select("input[name=ministers][checked]")]
    assert checked == [str(minister.pk)]


def test_it_changes_the_ministers(client, plan, coordinator, owner, minister):
    others = list(Minister.objects.exclude(pk=minister.pk)[:2])
    client.force_login(coordinator)

    response = client.post(
        _url(plan, owner, Role.ACTION_OWNER),
        {"role": Role.ACTION_OWNER, "ministers": [m.pk for m in others]},
    )

    assert response["Location"] == member_url(plan, owner)
    changed = membership(owner, plan, Role.ACTION_OWNER)
    assert set(changed.ministers.all()) == set(others)


def test_it_refuses_to_drop_the_last_minister_of_an_owner(client, plan, coordinator, owner):
    client.force_login(coordinator)
    response = client.post(_url(plan, owner, Role.ACTION_OWNER), {"role": Role.ACTION_OWNER})
    assert response.context["form"].errors["ministers"]
    assert membership(owner, plan, Role.ACTION_OWNER).ministers.count() == 1


def test_it_refuses_a_role_the_person_holds_already(client, plan, coordinator, owner):
    Membership.objects.create(user=owner, plan=plan, role=Role.EVALUATOR)
    client.force_login(coordinator)
    response = client.post(_url(plan, owner, Role.EVALUATOR), {"role": Role.ACTION_OWNER})
    assert response.context["form"].errors["role"]


def test_the_last_active_coordinator_keeps_the_role(client, plan, coordinator):
    client.force_login(coordinator)

    response = client.post(_url(plan, coordinator, Role.COORDINATOR), {"role": Role.EVALUATOR})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert membership(coordinator, plan, Role.COORDINATOR)


def test_a_coordinator_may_hand_over_and_then_leaves_the_members_pages(
    client, plan, coordinator, make_user
):
    make_user("successor", plan, Role.COORDINATOR)
    client.force_login(coordinator)

    response = client.post(_url(plan, coordinator, Role.COORDINATOR), {"role": Role.EVALUATOR})

    # They may no longer manage members: back to the overview rather than a 403.
    assert response["Location"] == "/"
    assert list(coordinator.memberships.values_list("role", flat=True)) == [Role.EVALUATOR]
    assert messages_of(client.get("/"))[0][0] == "success"


def test_it_answers_404_for_a_role_in_another_plan_or_of_another_person(
    client, plan, other_plan, coordinator, owner, member
):
    foreign = Membership.objects.create(user=owner, plan=other_plan, role=Role.EVALUATOR)
    client.force_login(coordinator)
    assert (
        client.get(member_url(plan, owner, "membership_edit", membership_id=foreign.pk)).status_code
        == 404
    )
    other_persons = membership(member, plan, Role.NETWORK_MEMBER).pk
    assert (
        client.get(
            member_url(plan, owner, "membership_edit", membership_id=other_persons)
        ).status_code
        == 404
    )


@pytest.mark.parametrize("who", ["network_member", "evaluator", "owner"])
def test_it_refuses_everyone_but_coordinators(client, plan, owner, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.post(_url(plan, owner, Role.ACTION_OWNER), {"role": Role.EVALUATOR})
    assert response.status_code == 403
    assert membership(owner, plan, Role.ACTION_OWNER)
