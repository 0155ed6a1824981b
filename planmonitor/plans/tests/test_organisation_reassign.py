"""Moving an organisation's actions and roles to another after an agency merger."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from planmonitor.accounts.models import Membership, Role
from planmonitor.audit.models import Event
from planmonitor.core.locking import EditConflict
from planmonitor.plans.models import Action, Organisation
from planmonitor.plans.services import organisation_reassign
from planmonitor.tests.html import parse_html
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, TWO_STEP, assert_queries


@pytest.fixture
def old(plan):
    return Organisation.objects.create(plan=plan, code="OUD", label="Oud agentschap")


@pytest.fixture
def new(plan):
    return Organisation.objects.create(plan=plan, code="NIEUW", label="Nieuw agentschap")


@pytest.fixture
def led(action, other_action, old):
    """``action`` is led by the old organisation; ``other_action`` by none."""
    Action.objects.filter(pk=action.pk).update(lead_organisation=old)
    action.refresh_from_db()
    return action


@pytest.fixture
def role(owner, old):
    membership = owner.memberships.get()
    membership.organisation = old
    membership.save()
    return membership


def _url(plan):
    return reverse("plans:organisation_reassign", args=[plan.short_name])


def test_the_actions_and_roles_move_with_history_and_one_event(plan, led, role, old, new):
    before = Event.objects.count()
    move = organisation_reassign(
        plan=plan,
        from_organisation=old,
        to_organisation=new,
        expected_versions={led.pk: led.version},
        expected_memberships={role.pk: _fingerprint(role)},
    )
    led.refresh_from_db()
    role.refresh_from_db()
    assert (led.lead_organisation, led.version) == (new, 2)
    assert led.history.latest().lead_organisation_id == new.pk
    assert role.organisation == new
    assert role.history.latest().organisation_id == new.pk
    assert [a.pk for a in move.actions] == [led.pk]
    assert [m.pk for m in move.memberships] == [role.pk]
    events = list(Event.objects.order_by("pk")[before:])
    assert [(e.kind, e.plan_id) for e in events] == [("organisations.reassign", plan.pk)]
    assert "1" in events[0].summary and "OUD" in events[0].summary


def _fingerprint(membership):
    from planmonitor.accounts.services import membership_fingerprint

    return membership_fingerprint(membership)


def test_a_stale_preview_moves_nothing(plan, led, role, old, new):
    Action.objects.filter(pk=led.pk).update(version=7)  # someone saved meanwhile
    with pytest.raises(EditConflict):
        organisation_reassign(
            plan=plan,
            from_organisation=old,
            to_organisation=new,
            expected_versions={led.pk: 1},
            expected_memberships={role.pk: _fingerprint(role)},
        )
    role.refresh_from_db()
    assert role.organisation == old
    assert not Event.objects.filter(kind="organisations.reassign").exists()


def test_another_plans_organisation_is_refused(plan, led, old):
    from django.core.exceptions import ValidationError

    from planmonitor.plans.models import Plan

    elsewhere = Plan.objects.create(
        short_name="ander",
        title="Ander",
        period_start=plan.period_start,
        period_end=plan.period_end,
    )
    foreign = Organisation.objects.create(plan=elsewhere, code="X", label="Elders")
    with pytest.raises(ValidationError):
        organisation_reassign(
            plan=plan,
            from_organisation=old,
            to_organisation=foreign,
            expected_versions={led.pk: 1},
            expected_memberships={},
        )


def test_the_page_lists_previews_and_moves(client, coordinator, plan, led, role, old, new):
    client.force_login(coordinator)
    pair = {"from_organisation": old.pk, "to_organisation": new.pk}
    page = parse_html(client.get(_url(plan), pair))
    assert page.select_one(f"#reassign-action-{led.pk}").has_attr("checked")
    assert page.select_one(f"#reassign-role-{role.pk}").has_attr("checked")
    assert len(page.select("input[name=actions]")) == 1  # not the action led by nobody

    chosen = {**pair, "actions": [led.pk], "memberships": [role.pk]}
    preview = parse_html(client.post(_url(plan), chosen))
    row = preview.select_one(".reassign-preview__action")
    assert row["data-code"] == "T001"
    assert "Nieuw agentschap" in row.get_text()
    led.refresh_from_db()
    assert led.lead_organisation == old  # a preview changes nothing

    seen = preview.select_one("input[name=seen]")["value"]
    done = client.post(_url(plan), {**chosen, "seen": seen, "confirm": "on"})
    assert done.status_code == 302
    led.refresh_from_db()
    assert led.lead_organisation == new
    assert Membership.objects.get(pk=role.pk).organisation == new
    log = parse_html(client.get(reverse("plans:change_log", args=[plan.short_name])))
    assert "OUD" in log.select_one("main table.change-log tbody tr").get_text()


def test_a_confirmation_after_someone_else_saved_is_refused(
    client, coordinator, plan, led, old, new
):
    client.force_login(coordinator)
    chosen = {"from_organisation": old.pk, "to_organisation": new.pk, "actions": [led.pk]}
    seen = json.dumps({"actions": {led.pk: 1}, "memberships": {}})
    Action.objects.filter(pk=led.pk).update(version=2)
    response = client.post(_url(plan), {**chosen, "seen": seen, "confirm": "on"})
    assert response.status_code == 409
    led.refresh_from_db()
    assert led.lead_organisation == old


def test_the_same_organisation_twice_is_refused(client, coordinator, plan, old):
    client.force_login(coordinator)
    page = parse_html(
        client.get(_url(plan), {"from_organisation": old.pk, "to_organisation": old.pk})
    )
    assert page.select_one("input[name=actions]") is None
    assert page.select_one(".error-summary, .errorlist, [role=alert]") is not None


def test_only_this_plans_organisations_are_offered(client, coordinator, plan, old, new):
    client.force_login(coordinator)
    page = parse_html(client.get(_url(plan)))
    offered = {
        o["value"] for o in page.select("select[name=from_organisation] option") if o["value"]
    }
    assert offered == {
        str(pk) for pk in Organisation.objects.filter(plan=plan).values_list("pk", flat=True)
    }


@pytest.mark.parametrize("role_name", ["owner", "contributor", "evaluator", "network_member"])
def test_other_roles_may_not_use_it(client, plan, role_name, request):
    client.force_login(request.getfixturevalue(role_name))
    assert client.get(_url(plan)).status_code == 403
    assert client.post(_url(plan), {}).status_code == 403


def test_the_candidate_list_does_not_grow_with_the_actions(client, demo, coordinator, plan):
    agency = plan.coordinating_agency
    other = Organisation.objects.filter(plan=plan).exclude(pk=agency.pk).first()
    client.force_login(coordinator)
    expected = [
        *SIGNED_IN,
        *TWO_STEP,
        ("SELECT plans_plan", "the plan in the URL"),
        *POLICY,
        ("SELECT plans_organisation", "the from organisation (form validation)"),
        ("SELECT plans_organisation", "the to organisation (form validation)"),
        ("SELECT plans_action", "the actions the organisation leads"),
        ("SELECT accounts_membership", "the roles in the organisation, with their people"),
        ("SELECT plans_minister", "the ministers of those roles (prefetch)"),
        ("SELECT plans_organisation", "the organisations to choose from"),
        ("SELECT plans_organisation", "the organisations to choose from (to)"),
        *NAV,
        *BANNER,
    ]
    with assert_queries(expected):
        response = client.get(
            _url(plan), {"from_organisation": agency.pk, "to_organisation": other.pk}
        )
    assert response.status_code == 200


def test_the_command_moves_everything_the_organisation_names(plan, led, role, old, new):
    out = StringIO()
    call_command("reassign_organisation", "oud", "NIEUW", stdout=out)
    led.refresh_from_db()
    role.refresh_from_db()
    assert led.lead_organisation == new
    assert role.organisation == new
    assert Event.objects.filter(kind="organisations.reassign").count() == 1


def test_the_commands_dry_run_moves_nothing(plan, led, old, new):
    out = StringIO()
    call_command("reassign_organisation", "OUD", "NIEUW", "--dry-run", stdout=out)
    assert "T001" in out.getvalue()
    led.refresh_from_db()
    assert led.lead_organisation == old


def test_role_owner_of_organisation_is_listed(client, coordinator, plan, make_user, old, new):
    person = make_user("agency-owner", plan, Role.ACTION_OWNER)
    membership = person.memberships.get()
    membership.organisation = old
    membership.save()
    client.force_login(coordinator)
    page = parse_html(
        client.get(_url(plan), {"from_organisation": old.pk, "to_organisation": new.pk})
    )
    assert page.select_one(f"#reassign-role-{membership.pk}") is not None
