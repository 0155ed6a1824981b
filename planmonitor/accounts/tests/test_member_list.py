"""The members list of a plan: who may see it, what it shows, its filters and query count."""

import pytest
from django.urls import reverse

from planmonitor.accounts.models import Membership, Role
from planmonitor.tests.html import parse_html as soup_of
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, TWO_STEP, assert_queries

from .helpers import member_url, members_url


def _usernames(response) -> list[str]:
    return [row["data-username"] for row in soup_of(response).select("table.members tr.member")]


# --- access ---------------------------------------------------------------------------------


def test_it_shows_the_list_to_a_coordinator(client, plan, coordinator):
    client.force_login(coordinator)
    assert client.get(members_url(plan)).status_code == 200


@pytest.mark.parametrize("who", ["network_member", "evaluator", "owner", "outsider"])
def test_it_refuses_everyone_else(client, plan, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(members_url(plan)).status_code == 403


def test_it_sends_anonymous_visitors_to_the_login_page(client, plan):
    url = members_url(plan)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_it_answers_404_for_an_unknown_plan(client, coordinator):
    client.force_login(coordinator)
    url = reverse("accounts:member_list", kwargs={"short_name": "geen-plan"})
    assert client.get(url).status_code == 404


def test_a_coordinator_of_another_plan_is_refused(client, plan, other_plan, make_user):
    elsewhere = make_user("elsewhere", other_plan, Role.COORDINATOR)
    client.force_login(elsewhere)
    assert client.get(members_url(plan)).status_code == 403


def test_it_accepts_no_post(client, plan, coordinator):
    client.force_login(coordinator)
    assert client.post(members_url(plan)).status_code == 405


# --- content ----------------------------------------------------------------------------------


def test_it_shows_each_persons_details_roles_organisation_and_ministers(
    client, plan, coordinator, owner, member, minister, organisation
):
    Membership.objects.create(
        user=member, plan=plan, role=Role.EVALUATOR, organisation=organisation
    )
    member.is_active = False
    member.save()
    client.force_login(coordinator)

    soup = soup_of(client.get(members_url(plan)))

    row = soup.select_one('tr.member[data-username="member"]')
    assert row.select_one(".member__name a")["href"] == member_url(plan, member)
    assert row.select_one(".member__name").get_text(strip=True) == "Mira Member"
    assert row.select_one(".member__email").get_text(strip=True) == "member@example.org"
    assert row.select_one(".member__organisations").get_text(strip=True) == organisation.label
    assert len(row.select(".member__roles li")) == 2
    assert row.select_one(".member__status .status--stopped") is not None
    owner_row = soup.select_one('tr.member[data-username="owner"]')
    assert owner_row.select_one(".member__ministers").get_text(strip=True) == minister.name
    assert owner_row.select_one(".member__status .status--running") is not None
    add = soup.select_one(f'a[href="{members_url(plan, "member_create")}"]')
    assert add is not None


def test_it_lists_only_people_with_a_role_in_this_plan(
    client, plan, other_plan, coordinator, outsider, make_user
):
    make_user("elsewhere", other_plan, Role.NETWORK_MEMBER)
    client.force_login(coordinator)
    assert _usernames(client.get(members_url(plan))) == ["coordinator"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["coordinator", "member", "owner"]),
        ({"role": "action_owner"}, ["owner"]),
        ({"role": "network_member"}, ["member"]),
        ({"status": "active"}, ["coordinator", "owner"]),
        ({"status": "inactive"}, ["member"]),
        ({"role": "network_member", "status": "active"}, []),
    ],
)
def test_it_filters_by_role_and_status(client, plan, coordinator, owner, member, params, expected):
    member.is_active = False
    member.save()
    client.force_login(coordinator)
    assert sorted(_usernames(client.get(members_url(plan), params))) == expected


def test_an_invalid_filter_is_shown_as_a_form_error_and_ignored(
    client, plan, coordinator, owner, member
):
    member.is_active = False
    member.save()
    client.force_login(coordinator)
    response = client.get(members_url(plan), {"role": "king", "status": "active"})
    soup = soup_of(response)
    assert soup.select_one("form.filters .error-summary") is not None
    assert soup.select_one("#id_role")["aria-invalid"] == "true"
    assert sorted(_usernames(response)) == ["coordinator", "owner"]  # the status filter applies


# --- queries ------------------------------------------------------------------------------

# The queries must not depend on the number of people, roles or ministers.
QUERIES = [
    *SIGNED_IN,
    *TWO_STEP,
    ("SELECT plans_plan", "the plan named in the URL"),
    *POLICY,
    ("SELECT accounts_user", "the people with a role in the plan"),
    ("SELECT accounts_membership", "their roles in this plan, with the organisation (prefetch)"),
    ("SELECT plans_minister", "the ministers of those roles (prefetch)"),
    *NAV,
    *BANNER,
]


def _add_people(plan, make_user, minister, organisation, start: int, count: int) -> None:
    for number in range(start, start + count):
        person = make_user(f"person-{number}", plan, Role.ACTION_OWNER)
        person.memberships.get().ministers.add(minister)
        Membership.objects.create(
            user=person, plan=plan, role=Role.EVALUATOR, organisation=organisation
        )


def test_its_query_count_does_not_grow_with_the_number_of_people(
    client, plan, coordinator, minister, organisation, make_user
):
    client.force_login(coordinator)
    _add_people(plan, make_user, minister, organisation, 0, 2)
    with assert_queries(QUERIES):
        assert len(_usernames(client.get(members_url(plan)))) == 3

    _add_people(plan, make_user, minister, organisation, 2, 20)

    with assert_queries(QUERIES):
        assert len(_usernames(client.get(members_url(plan), {"role": "action_owner"}))) == 22
