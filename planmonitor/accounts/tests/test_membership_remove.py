"""Taking a role away. The person stays; the plan keeps an active coordinator."""

import pytest

from planmonitor.accounts.models import Membership, Role

from .helpers import member_url, members_url, membership, messages_of


def _url(plan, user, role) -> str:
    return member_url(
        plan, user, "membership_remove", membership_id=membership(user, plan, role).pk
    )


def test_it_removes_one_role_and_keeps_the_others(client, plan, coordinator, member):
    Membership.objects.create(user=member, plan=plan, role=Role.EVALUATOR)
    client.force_login(coordinator)

    response = client.post(_url(plan, member, Role.EVALUATOR))

    assert response["Location"] == member_url(plan, member)
    assert list(member.memberships.values_list("role", flat=True)) == [Role.NETWORK_MEMBER]
    assert messages_of(client.get(response["Location"]))[0][0] == "success"


def test_removing_the_last_role_keeps_the_person(client, plan, coordinator, member):
    client.force_login(coordinator)
    response = client.post(_url(plan, member, Role.NETWORK_MEMBER))
    assert response["Location"] == members_url(plan)
    member.refresh_from_db()
    assert member.is_active and not member.memberships.exists()


def test_the_last_active_coordinator_cannot_lose_the_role(client, plan, coordinator, make_user):
    inactive = make_user("former", plan, Role.COORDINATOR)
    inactive.is_active = False
    inactive.save()
    client.force_login(coordinator)

    response = client.post(_url(plan, coordinator, Role.COORDINATOR), follow=True)

    assert membership(coordinator, plan, Role.COORDINATOR)
    [(level, _text)] = messages_of(response)
    assert level == "error"


def test_an_inactive_coordinator_may_lose_the_role(client, plan, coordinator, make_user):
    former = make_user("former", plan, Role.COORDINATOR)
    former.is_active = False
    former.save()
    client.force_login(coordinator)
    client.post(_url(plan, former, Role.COORDINATOR))
    assert not former.memberships.exists()


def test_it_is_post_only(client, plan, coordinator, member):
    client.force_login(coordinator)
    assert client.get(_url(plan, member, Role.NETWORK_MEMBER)).status_code == 405
    assert member.memberships.exists()


@pytest.mark.parametrize("who", ["network_member", "evaluator", "owner"])
def test_it_refuses_everyone_but_coordinators(client, plan, member, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.post(_url(plan, member, Role.NETWORK_MEMBER)).status_code == 403
    assert member.memberships.exists()
