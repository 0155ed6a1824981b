"""A staff change: a person's roles move to another, previewed, confirmed, recorded."""

import json

import pytest
from django.urls import reverse

from planmonitor.accounts.models import Membership, Role
from planmonitor.accounts.services import membership_fingerprint, memberships_move
from planmonitor.core.locking import EditConflict
from planmonitor.tests.html import parse_html


@pytest.fixture
def successor(plan, make_user):
    return make_user("successor")


def _url(plan):
    return reverse("accounts:member_reassign", args=[plan.short_name])


def _expected(*memberships):
    return {m.pk: membership_fingerprint(m) for m in memberships}


def test_a_role_moves_as_it_is_and_its_history_says_who_held_it(plan, owner, successor):
    role = owner.memberships.get()
    memberships_move(plan=plan, from_user=owner, to_user=successor, expected=_expected(role))
    role.refresh_from_db()
    assert role.user == successor
    assert [h.user_id for h in role.history.order_by("history_id")][-2:] == [
        owner.pk,
        successor.pk,
    ]


def test_a_role_the_successor_holds_gains_the_ministers(plan, owner, make_user):
    successor = make_user("successor", plan, Role.ACTION_OWNER, ministers=("crevits",))
    role = owner.memberships.get()
    memberships_move(plan=plan, from_user=owner, to_user=successor, expected=_expected(role))
    keys = set(successor.memberships.get().ministers.values_list("key", flat=True))
    assert keys == {"crevits", "gennez"}
    assert not Membership.objects.filter(pk=role.pk).exists()


def test_a_role_changed_since_the_preview_moves_nothing(plan, owner, successor):
    role = owner.memberships.get()
    seen = _expected(role)
    role.ministers.clear()
    with pytest.raises(EditConflict):
        memberships_move(plan=plan, from_user=owner, to_user=successor, expected=seen)
    assert Membership.objects.get(pk=role.pk).user == owner


def test_the_page_previews_then_moves(client, coordinator, plan, owner, make_user):
    successor = make_user("successor", plan, Role.EVALUATOR)
    role = owner.memberships.get()
    client.force_login(coordinator)
    listed = parse_html(client.get(_url(plan), {"from_user": owner.pk, "to_user": successor.pk}))
    assert listed.select_one(f"#reassign-role-{role.pk}").has_attr("checked")

    chosen = {"from_user": owner.pk, "to_user": successor.pk, "memberships": [role.pk]}
    preview = parse_html(client.post(_url(plan), chosen))
    assert len(preview.select(".reassign-preview__role")) == 1
    assert Membership.objects.get(pk=role.pk).user == owner

    seen = preview.select_one("input[name=seen]")["value"]
    response = client.post(_url(plan), {**chosen, "seen": seen, "confirm": "on"})
    assert response.status_code == 302
    assert Membership.objects.get(pk=role.pk).user == successor


def test_a_stale_confirmation_is_refused(client, coordinator, plan, owner, make_user):
    successor = make_user("successor", plan, Role.EVALUATOR)
    role = owner.memberships.get()
    client.force_login(coordinator)
    chosen = {"from_user": owner.pk, "to_user": successor.pk, "memberships": [role.pk]}
    seen = json.dumps({role.pk: "0" * 16})
    response = client.post(_url(plan), {**chosen, "seen": seen, "confirm": "on"})
    assert response.status_code == 409
    assert Membership.objects.get(pk=role.pk).user == owner


def test_only_coordinators(client, owner, plan):
    client.force_login(owner)
    assert client.get(_url(plan)).status_code == 403
