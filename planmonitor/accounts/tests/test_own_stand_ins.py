"""A person on leave arranges their own stand-ins (``vervanging/``): listed, added, ended."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from planmonitor.accounts.models import Membership, Role, StandIn
from planmonitor.audit.models import Event
from planmonitor.tests.html import parse_html
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, assert_queries

from .helpers import messages_of

URL = "accounts:own_stand_ins"


def _add(client, plan, **values):
    return client.post(reverse("accounts:own_stand_in_add", args=[plan.short_name]), values)


def _period(days_from: int, days_to: int) -> dict:
    today = timezone.localdate()
    return {
        "starts_on": (today + dt.timedelta(days=days_from)).isoformat(),
        "ends_on": (today + dt.timedelta(days=days_to)).isoformat(),
    }


def _stand_in(plan, person, stand_in, first: int, last: int) -> StandIn:
    """A stand-in from ``first`` to ``last`` days from today."""
    today = timezone.localdate()
    return StandIn.objects.create(
        plan=plan,
        person=person,
        stand_in=stand_in,
        starts_on=today + dt.timedelta(days=first),
        ends_on=today + dt.timedelta(days=last),
    )


@pytest.fixture
def colleague(plan, make_user):
    return make_user("colleague", plan, Role.ACTION_OWNER, ministers=("gennez",))


def test_an_owner_adds_a_stand_in_and_sees_it(client, plan, owner, colleague, coordinator):
    client.force_login(owner)
    response = _add(client, plan, stand_in=colleague.pk, note="Verlof", **_period(0, 14))
    assert response.status_code == 302
    row = StandIn.objects.get()
    assert (row.plan, row.person, row.stand_in) == (plan, owner, colleague)
    item = parse_html(client.get(reverse(URL))).select_one("li.stand-in")
    assert item["data-current"] == "true"
    assert "Colleague" in item.get_text() and "Verlof" in item.get_text()
    # The coordinator sees it on the person's page and in the change log, with its history.
    event = Event.objects.get(kind="stand_in.add")
    assert (event.plan_id, event.actor_id, event.object_id) == (plan.pk, owner.pk, row.pk)
    assert row.history.count() == 1
    client.force_login(coordinator)
    detail = reverse("accounts:member_detail", args=[plan.short_name, owner.pk])
    assert parse_html(client.get(detail)).select_one("li.stand-in") is not None
    # ... and the stand-in on their own page.
    client.force_login(colleague)
    assert parse_html(client.get(reverse(URL))).select_one(".standing-in-for") is not None


def test_the_form_offers_only_active_colleagues_of_the_plan(
    client, plan, owner, colleague, make_user, outsider
):
    gone = make_user("gone", plan, Role.CONTRIBUTOR, ministers=("crevits",))
    gone.is_active = False
    gone.save()
    client.force_login(owner)
    page = parse_html(client.get(reverse(URL)))
    offered = {o["value"] for o in page.select("select[name=stand_in] option") if o["value"]}
    assert str(colleague.pk) in offered
    assert {str(owner.pk), str(gone.pk), str(outsider.pk)}.isdisjoint(offered)


def test_a_refused_stand_in_says_why_and_saves_nothing(client, plan, owner, outsider):
    client.force_login(owner)
    response = _add(client, plan, stand_in=outsider.pk, **_period(0, 3))
    assert response.status_code == 302
    assert not StandIn.objects.exists()
    page = client.get(reverse(URL))
    assert [level for level, _text in messages_of(page)] == ["error"]


def test_dates_the_wrong_way_round_are_refused(client, plan, owner, colleague):
    client.force_login(owner)
    _add(client, plan, stand_in=colleague.pk, **_period(5, 1))
    assert not StandIn.objects.exists()


def test_ending_a_running_one_keeps_it_until_yesterday(client, plan, owner, colleague):
    today = timezone.localdate()
    row = _stand_in(plan, owner, colleague, -3, 3)
    client.force_login(owner)
    response = client.post(reverse("accounts:own_stand_in_end", args=[row.pk]))
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.ends_on == today - dt.timedelta(days=1)
    assert Event.objects.filter(kind="stand_in.end", object_id=row.pk).exists()
    assert parse_html(client.get(reverse(URL))).select_one("li.stand-in") is None  # past


def test_ending_a_coming_one_cancels_it(client, plan, owner, colleague):
    row = _stand_in(plan, owner, colleague, 3, 5)
    client.force_login(owner)
    client.post(reverse("accounts:own_stand_in_end", args=[row.pk]))
    assert not StandIn.objects.exists()
    assert Event.objects.get(kind="stand_in.end").plan_id == plan.pk


def test_nobody_ends_someone_elses_stand_in(client, plan, owner, colleague, contributor):
    today = timezone.localdate()
    row = StandIn.objects.create(
        plan=plan, person=owner, stand_in=colleague, starts_on=today, ends_on=today
    )
    client.force_login(contributor)
    assert client.post(reverse("accounts:own_stand_in_end", args=[row.pk])).status_code == 404
    row.refresh_from_db()
    assert row.ends_on == today


def test_a_contributor_may_use_it_and_sees_the_nav_link(client, plan, contributor):
    client.force_login(contributor)
    page = parse_html(client.get(reverse(URL)))
    assert page.select_one(f'nav a[href="{reverse(URL)}"]')["aria-current"] == "page"


@pytest.mark.parametrize("role", ["coordinator", "network_member", "evaluator", "cabinet"])
def test_roles_without_work_to_lend_are_refused_and_see_no_link(client, plan, role, request):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.get(reverse(URL)).status_code == 403
    assert (
        client.post(reverse("accounts:own_stand_in_add", args=[plan.short_name])).status_code == 403
    )
    home = parse_html(client.get(reverse("plans:my_actions")))
    assert home.select_one(f'a[href="{reverse(URL)}"]') is None


def test_a_stand_in_does_not_lend_the_roles_they_borrowed(client, plan, owner, network_member):
    today = timezone.localdate()
    StandIn.objects.create(
        plan=plan, person=owner, stand_in=network_member, starts_on=today, ends_on=today
    )
    client.force_login(network_member)
    assert client.get(reverse(URL)).status_code == 403


def test_only_plans_with_work_to_lend_get_a_form(client, plan, other_plan, owner):
    Membership.objects.create(user=owner, plan=other_plan, role=Role.EVALUATOR)
    client.force_login(owner)
    page = parse_html(client.get(reverse(URL)))
    assert len(page.select("main form[action*='/nieuw/']")) == 1
    assert (
        client.post(reverse("accounts:own_stand_in_add", args=[other_plan.short_name])).status_code
        == 403
    )


def test_its_query_count_does_not_grow_with_the_stand_ins(
    client, plan, owner, colleague, make_user
):
    today = timezone.localdate()
    for n in range(3):
        other = make_user(f"helper-{n}", plan, Role.CONTRIBUTOR, ministers=("crevits",))
        StandIn.objects.create(
            plan=plan, person=owner, stand_in=other, starts_on=today, ends_on=today
        )
        StandIn.objects.create(
            plan=plan, person=other, stand_in=owner, starts_on=today, ends_on=today
        )
    client.force_login(owner)
    expected = [
        *SIGNED_IN,
        *POLICY,
        ("SELECT plans_plan", "the plans where the user lends roles"),
        ("SELECT accounts_standin", "the stand-ins for the user, with plan and stand-in"),
        ("SELECT accounts_standin", "whom the user stands in for, with plan and person"),
        ("SELECT accounts_user", "the colleagues to choose from"),
        *NAV,
        *BANNER,
    ]
    with assert_queries(expected):
        response = client.get(reverse(URL))
    assert len(parse_html(response).select("li.stand-in")) == 3
