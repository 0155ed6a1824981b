"""A person's page: their details, roles in this plan and the account buttons."""

import pytest

from planmonitor.accounts.models import Role
from planmonitor.tests.html import parse_html as soup_of

from .helpers import member_url


def test_it_shows_the_persons_roles_and_the_forms_to_change_them(client, plan, coordinator, member):
    client.force_login(coordinator)

    soup = soup_of(client.get(member_url(plan, member)))

    assert soup.h1.get_text(strip=True) == "Mira Member"
    [role] = soup.select("table.roles tr.role")
    membership = member.memberships.get()
    assert role["data-role"] == "network_member"
    edit = member_url(plan, member, "membership_edit", membership_id=membership.pk)
    remove = member_url(plan, member, "membership_remove", membership_id=membership.pk)
    assert role.select_one(f'a[href="{edit}"]') is not None
    assert role.select_one(f'form[action="{remove}"]')["method"] == "post"
    assert soup.select_one(f'a[href="{member_url(plan, member, "membership_add")}"]') is not None
    deactivate = soup.select_one(f'form[action="{member_url(plan, member, "member_deactivate")}"]')
    assert deactivate["method"] == "post"
    assert deactivate.select_one("input[name=csrfmiddlewaretoken]") is not None
    # The person chose a password already: no invitation to send again.
    assert soup.select_one(f'form[action="{member_url(plan, member, "member_invite")}"]') is None


def test_an_inactive_person_can_be_reactivated(client, plan, coordinator, member):
    member.is_active = False
    member.save()
    client.force_login(coordinator)
    soup = soup_of(client.get(member_url(plan, member)))
    assert soup.select_one(f'form[action="{member_url(plan, member, "member_reactivate")}"]')
    assert not soup.select_one(f'form[action="{member_url(plan, member, "member_deactivate")}"]')


def test_a_coordinator_gets_no_button_to_deactivate_themselves(client, plan, coordinator):
    client.force_login(coordinator)
    soup = soup_of(client.get(member_url(plan, coordinator)))
    assert not soup.select_one(
        f'form[action="{member_url(plan, coordinator, "member_deactivate")}"]'
    )


def test_it_answers_404_for_someone_without_a_role_in_the_plan(
    client, plan, other_plan, coordinator, outsider, make_user
):
    elsewhere = make_user("elsewhere", other_plan, Role.NETWORK_MEMBER)
    client.force_login(coordinator)
    assert client.get(member_url(plan, outsider)).status_code == 404
    assert client.get(member_url(plan, elsewhere)).status_code == 404


@pytest.mark.parametrize("who", ["network_member", "evaluator", "owner"])
def test_it_refuses_everyone_but_coordinators(client, plan, member, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(member_url(plan, member)).status_code == 403
