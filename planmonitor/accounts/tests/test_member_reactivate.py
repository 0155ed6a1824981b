"""Reactivating someone who returns: they get their account back with the roles they had."""

import pytest

from .helpers import is_logged_in, log_in, member_url, messages_of


@pytest.fixture
def leaver(member):
    member.is_active = False
    member.save()
    return member


def test_it_reactivates(client, plan, coordinator, leaver):
    client.force_login(coordinator)

    response = client.post(member_url(plan, leaver, "member_reactivate"), follow=True)

    leaver.refresh_from_db()
    assert leaver.is_active
    assert messages_of(response)[0][0] == "success"
    client.logout()
    log_in(client, "member")
    assert is_logged_in(client)


def test_it_refuses_an_administrators_account(client, plan, coordinator, leaver):
    leaver.is_staff = True
    leaver.save()
    client.force_login(coordinator)
    response = client.post(member_url(plan, leaver, "member_reactivate"), follow=True)
    leaver.refresh_from_db()
    assert not leaver.is_active
    assert messages_of(response)[0][0] == "error"


def test_it_is_post_only(client, plan, coordinator, leaver):
    client.force_login(coordinator)
    assert client.get(member_url(plan, leaver, "member_reactivate")).status_code == 405


@pytest.mark.parametrize("who", ["network_member", "evaluator", "owner"])
def test_it_refuses_everyone_but_coordinators(client, plan, leaver, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.post(member_url(plan, leaver, "member_reactivate")).status_code == 403
    leaver.refresh_from_db()
    assert not leaver.is_active
