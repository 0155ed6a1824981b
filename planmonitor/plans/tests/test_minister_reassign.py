"""Moving a minister's actions and roles to another after a reshuffle: service and page."""

import json

import pytest
from django.urls import reverse

from planmonitor.accounts.models import Membership
from planmonitor.core.locking import EditConflict
from planmonitor.plans.models import Action, Minister
from planmonitor.plans.services import actions_minister_reassign
from planmonitor.tests.html import parse_html


@pytest.fixture
def gennez(plan):
    return Minister.objects.get(key="gennez")


@pytest.fixture
def weyts(plan):
    return Minister.objects.get(key="weyts")


def _url(plan):
    return reverse("plans:minister_reassign", args=[plan.short_name])


def test_the_lead_moves_and_the_history_records_it(plan, action, gennez, weyts):
    actions_minister_reassign(
        plan=plan, from_minister=gennez, to_minister=weyts, expected_versions={action.pk: 1}
    )
    action.refresh_from_db()
    assert action.lead_minister == weyts
    assert action.version == 2
    last = action.history.latest()
    assert last.lead_minister_id == weyts.pk


def test_a_co_minister_is_replaced_and_the_link_history_shows_it(plan, action, weyts):
    crevits = Minister.objects.get(key="crevits")
    actions_minister_reassign(
        plan=plan, from_minister=crevits, to_minister=weyts, expected_versions={action.pk: 1}
    )
    assert list(action.co_ministers.all()) == [weyts]
    linked = {row.minister_id for row in action.history.latest().co_ministers.all()}
    assert linked == {weyts.pk}


def test_a_new_lead_that_was_co_minister_is_no_longer_co_minister(plan, action, gennez):
    crevits = Minister.objects.get(key="crevits")
    actions_minister_reassign(
        plan=plan, from_minister=gennez, to_minister=crevits, expected_versions={action.pk: 1}
    )
    action.refresh_from_db()
    assert action.lead_minister == crevits
    assert not action.co_ministers.exists()


def test_a_stale_preview_moves_nothing(plan, action, other_action, gennez, weyts):
    other_action.lead_minister = gennez
    other_action.save()
    Action.objects.filter(pk=other_action.pk).update(version=5)  # someone saved meanwhile
    with pytest.raises(EditConflict):
        actions_minister_reassign(
            plan=plan,
            from_minister=gennez,
            to_minister=weyts,
            expected_versions={action.pk: 1, other_action.pk: 1},
        )
    action.refresh_from_db()
    assert action.lead_minister == gennez


def test_the_page_lists_previews_and_moves_actions_and_roles(
    client, coordinator, plan, action, owner, gennez, weyts
):
    client.force_login(coordinator)
    page = parse_html(client.get(_url(plan), {"from_minister": gennez.pk, "to_minister": weyts.pk}))
    assert page.select_one(f"#reassign-action-{action.pk}").has_attr("checked")
    role = owner.memberships.get()
    assert page.select_one(f"#reassign-role-{role.pk}") is not None

    chosen = {
        "from_minister": gennez.pk,
        "to_minister": weyts.pk,
        "actions": [action.pk],
        "memberships": [role.pk],
    }
    preview = client.post(_url(plan), chosen)
    assert preview.status_code == 200
    soup = parse_html(preview)
    assert soup.select_one(".reassign-preview__action")["data-code"] == "T001"
    action.refresh_from_db()
    assert action.lead_minister == gennez  # a preview changes nothing

    seen = soup.select_one("input[name=seen]")["value"]
    done = client.post(_url(plan), {**chosen, "seen": seen, "confirm": "on"})
    assert done.status_code == 302
    action.refresh_from_db()
    assert action.lead_minister == weyts
    assert list(Membership.objects.get(pk=role.pk).ministers.all()) == [weyts]
    assert role.history.latest().ministers.get().minister_id == weyts.pk


def test_a_confirmation_after_someone_else_saved_is_refused(
    client, coordinator, plan, action, gennez, weyts
):
    client.force_login(coordinator)
    chosen = {"from_minister": gennez.pk, "to_minister": weyts.pk, "actions": [action.pk]}
    seen = json.dumps({"actions": {action.pk: 1}, "memberships": {}})
    Action.objects.filter(pk=action.pk).update(version=2)
    response = client.post(_url(plan), {**chosen, "seen": seen, "confirm": "on"})
    assert response.status_code == 409
    action.refresh_from_db()
    assert action.lead_minister == gennez


def test_owners_may_not_use_it(client, owner, plan):
    client.force_login(owner)
    assert client.get(_url(plan)).status_code == 403


def test_the_command_moves_everything_that_names_the_minister(plan, action, owner, weyts):
    from io import StringIO

    from django.core.management import call_command

    call_command("reassign_minister", "gennez", "weyts", stdout=StringIO())
    action.refresh_from_db()
    assert action.lead_minister == weyts
    assert list(owner.memberships.get().ministers.all()) == [weyts]
