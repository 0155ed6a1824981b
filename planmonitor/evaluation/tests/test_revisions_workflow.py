"""The revision workflow in the services: version 1, a draft, proposals with reasons by
the coordinator and the lead owners, approval applying them in one transaction and
writing the next version, withdrawal; the running plan untouched until approval."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from planmonitor.core.errors import TransitionRefused
from planmonitor.evaluation.models import PlanVersion, Revision, RevisionChange
from planmonitor.evaluation.revisions import selectors, services
from planmonitor.monitoring.rounds.services import actions_running_in
from planmonitor.plans.models import Action

from .revisions_data import approve, first_version

pytestmark = pytest.mark.django_db


def _draft(plan, coordinator):
    first_version(plan, coordinator)
    return services.revision_open(plan=plan, name="Actualisering 2027", user=coordinator)


def test_it_records_version_1_once(plan, action, coordinator):
    version = first_version(plan, coordinator)
    assert version.number == 1
    assert [a["code"] for a in version.content["actions"]] == ["T001"]
    assert selectors.version_content(plan, 1) == version.content
    with pytest.raises(TransitionRefused):
        first_version(plan, coordinator)


def test_it_opens_no_revision_before_version_1(plan, coordinator):
    with pytest.raises(TransitionRefused):
        services.revision_open(plan=plan, name="Te vroeg", user=coordinator)


def test_it_allows_one_draft_per_plan(plan, coordinator):
    _draft(plan, coordinator)
    with pytest.raises(TransitionRefused):
        services.revision_open(plan=plan, name="Tweede", user=coordinator)
    # The database refuses it too.
    with pytest.raises(IntegrityError), transaction.atomic():
        Revision.objects.create(plan=plan, name="Tweede")


def test_every_change_needs_a_reason(plan, action, coordinator):
    revision = _draft(plan, coordinator)
    with pytest.raises(ValidationError) as refused:
        services.change_add(
            revision=revision,
            kind="change",
            action=action,
            values={"title": "Nieuw"},
            reason="  ",
            user=coordinator,
        )
    assert "reason" in refused.value.error_dict


def test_an_owner_proposes_for_own_actions_and_new_ones_they_lead(
    plan, action, other_action, owner, coordinator
):
    revision = _draft(plan, coordinator)
    services.change_add(
        revision=revision,
        kind="change",
        action=action,
        values={"end_date": "2028-12-31"},
        reason="Meer tijd nodig",
        user=owner,
    )
    with pytest.raises(services.NotAllowed):
        services.change_add(
            revision=revision,
            kind="discontinue",
            action=other_action,
            reason="Niet van mij",
            user=owner,
        )
    new = {"code": "T900", "title": "Nieuw", "operational_goal": "2.1"}
    services.change_add(
        revision=revision,
        kind="add",
        values={**new, "lead_minister": "gennez"},
        reason="Nieuwe nood",
        user=owner,
    )
    with pytest.raises(services.NotAllowed):
        services.change_add(
            revision=revision,
            kind="add",
            values={**new, "code": "T901", "lead_minister": "de-ridder"},
            reason="Nieuwe nood",
            user=owner,
        )
    assert revision.changes.count() == 2


def test_approval_applies_the_changes_and_writes_the_next_version(
    plan, action, other_action, coordinator
):
    revision = _draft(plan, coordinator)
    third = Action.objects.create(
        plan=plan,
        code="T003",
        title="Derde",
        operational_goal=plan.operational_goals.get(code="1.4"),
        lead_minister=other_action.lead_minister,
    )
    services.change_add(
        revision=revision,
        kind="change",
        action=action,
        values={"title": "Opleiding voor alle hulpverleners", "end_date": "2028-12-31"},
        reason="Verbreding",
        user=coordinator,
    )
    services.change_add(
        revision=revision,
        kind="merge",
        action=other_action,
        merge_target=third,
        reason="Overlap vastgesteld door het lerend netwerk",
        user=coordinator,
    )
    services.change_add(
        revision=revision,
        kind="add",
        values={
            "code": "T010",
            "title": "Nieuwe actie",
            "operational_goal": "2.1",
            "lead_minister": "gennez",
            "co_ministers": ["crevits"],
            "start_date": "2027-09-01",
        },
        reason="Lacune",
        user=coordinator,
    )
    # Until approval the running plan is untouched.
    action.refresh_from_db()
    assert action.title == "Testactie: opleiding voor hulpverleners"
    assert not Action.objects.filter(code="T010").exists()

    version = approve(revision, coordinator)

    assert version.number == 2
    assert version.revision == revision
    action.refresh_from_db()
    assert action.title == "Opleiding voor alle hulpverleners"
    assert action.end_date == dt.date(2028, 12, 31)
    other_action.refresh_from_db()
    assert other_action.status == Action.Status.STOPPED
    new = Action.objects.get(code="T010")
    assert [m.key for m in new.co_ministers.all()] == ["crevits"]
    assert {a["code"] for a in version.content["actions"]} == {"T001", "T002", "T003", "T010"}
    revision.refresh_from_db()
    assert revision.status == "approved"
    assert revision.decision_reference == "VR 2027 0630"
    # The merged action's page points to its target.
    assert selectors.ending(other_action).merge_target == third
    # Monitoring ends cleanly: a round opened afterwards asks no report of it.
    running = actions_running_in(
        plan=plan, period_start=dt.date(2027, 7, 1), period_end=dt.date(2027, 12, 31)
    )
    assert other_action not in running and action in running


def test_approval_is_all_or_nothing(plan, action, coordinator):
    revision = _draft(plan, coordinator)
    services.change_add(
        revision=revision,
        kind="change",
        action=action,
        values={"title": "Andere titel"},
        reason="Reden",
        user=coordinator,
    )
    services.change_add(
        revision=revision,
        kind="add",
        values={"code": "T010", "title": "X", "operational_goal": "2.1", "lead_minister": "gennez"},
        reason="Reden",
        user=coordinator,
    )
    # Someone adds an action of that code meanwhile: the add fails, nothing is applied.
    Action.objects.create(
        plan=plan,
        code="T010",
        title="Tussendoor",
        operational_goal=action.operational_goal,
        lead_minister=action.lead_minister,
    )
    with pytest.raises(ValidationError):
        approve(revision, coordinator)
    action.refresh_from_db()
    assert action.title == "Testactie: opleiding voor hulpverleners"
    assert PlanVersion.objects.filter(plan=plan).count() == 1
    revision.refresh_from_db()
    assert revision.status == "draft"


def test_a_withdrawn_revision_changes_nothing(plan, action, coordinator):
    revision = _draft(plan, coordinator)
    services.change_add(
        revision=revision,
        kind="discontinue",
        action=action,
        reason="Reden",
        user=coordinator,
    )
    services.revision_withdraw(revision=revision, version=revision.version, user=coordinator)
    revision.refresh_from_db()
    assert revision.status == "withdrawn"
    action.refresh_from_db()
    assert action.status != Action.Status.STOPPED
    with pytest.raises(TransitionRefused):
        services.change_add(
            revision=revision,
            kind="change",
            action=action,
            values={"title": "x"},
            reason="Te laat",
            user=coordinator,
        )
    # A new draft may be opened now.
    services.revision_open(plan=plan, name="Opnieuw", user=coordinator)


def test_a_stale_change_edit_is_a_conflict(plan, action, coordinator, owner):
    from planmonitor.core.locking import EditConflict

    revision = _draft(plan, coordinator)
    change = services.change_add(
        revision=revision,
        kind="change",
        action=action,
        values={"title": "Een"},
        reason="Reden",
        user=owner,
    )
    services.change_update(
        change=change, version=1, values={"title": "Twee"}, reason="Reden", user=coordinator
    )
    with pytest.raises(EditConflict):
        services.change_update(
            change=change, version=1, values={"title": "Drie"}, reason="Reden", user=owner
        )
    assert RevisionChange.objects.get().values == {"title": "Twee"}


def test_a_stopped_action_is_not_late_on_the_network_dashboard(plan, action):
    from planmonitor.network import selectors as network_selectors
    from planmonitor.network import status

    Action.objects.filter(pk=action.pk).update(end_date=dt.date(2026, 6, 30))
    action.refresh_from_db()
    as_of = dt.date(2027, 1, 1)
    rules = {
        f.rule for f in status.risk_findings(network_selectors.action_status_data(action), as_of)
    }
    assert "ended_not_completed" in rules
    Action.objects.filter(pk=action.pk).update(status=Action.Status.STOPPED)
    action.refresh_from_db()
    rules = {
        f.rule for f in status.risk_findings(network_selectors.action_status_data(action), as_of)
    }
    assert "ended_not_completed" not in rules
