"""Deactivating a leaver: they can no longer log in; roles and history stay."""

import pytest
from django.test import Client

from planmonitor.accounts.models import Role

from .helpers import member_url, messages_of


def _deactivate(client, plan, user):
    return client.post(member_url(plan, user, "member_deactivate"), follow=True)


def test_it_deactivates_and_keeps_the_roles(client, plan, coordinator, member):
    client.force_login(coordinator)

    response = _deactivate(client, plan, member)

    member.refresh_from_db()
    assert not member.is_active
    assert list(member.memberships.values_list("role", flat=True)) == [Role.NETWORK_MEMBER]
    assert response.redirect_chain == [(member_url(plan, member), 302)]
    assert messages_of(response)[0][0] == "success"


def test_it_refuses_to_deactivate_yourself(client, plan, coordinator, make_user):
    make_user("second", plan, Role.COORDINATOR)  # so "last coordinator" is not the reason
    client.force_login(coordinator)

    response = _deactivate(client, plan, coordinator)

    coordinator.refresh_from_db()
    assert coordinator.is_active
    assert messages_of(response)[0][0] == "error"


def test_it_refuses_to_deactivate_the_last_active_coordinator(client, plan, coordinator, make_user):
    other = make_user("other", plan, Role.COORDINATOR)
    client.force_login(other)
    _deactivate(client, plan, coordinator)  # fine: `other` stays

    admin = make_user("admin")  # a superuser manages every plan: only the rule can refuse
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    response = _deactivate(client, plan, other)

    other.refresh_from_db()
    assert other.is_active
    assert messages_of(response)[0][0] == "error"


def test_it_refuses_to_deactivate_an_administrator(client, plan, coordinator, member):
    member.is_superuser = True
    member.save()
    client.force_login(coordinator)
    _deactivate(client, plan, member)
    member.refresh_from_db()
    assert member.is_active


def test_it_refuses_someone_who_also_works_in_a_plan_you_do_not_manage(
    client, plan, other_plan, coordinator, member
):
    member.memberships.create(plan=other_plan, role=Role.EVALUATOR)
    client.force_login(coordinator)
    _deactivate(client, plan, member)
    member.refresh_from_db()
    assert member.is_active


def test_it_is_post_only(client, plan, coordinator, member):
    client.force_login(coordinator)
    assert client.get(member_url(plan, member, "member_deactivate")).status_code == 405


def test_it_needs_the_csrf_token(plan, coordinator, member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    assert client.post(member_url(plan, member, "member_deactivate")).status_code == 403
    member.refresh_from_db()
    assert member.is_active


@pytest.mark.parametrize("who", ["network_member", "evaluator", "owner"])
def test_it_refuses_everyone_but_coordinators(client, plan, member, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.post(member_url(plan, member, "member_deactivate")).status_code == 403
    member.refresh_from_db()
    assert member.is_active
