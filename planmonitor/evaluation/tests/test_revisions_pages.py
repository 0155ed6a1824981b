"""The versions and revisions pages: the workflow through the forms, the plan page's link,
the stopped action's page pointing to its replacement, the comparison and its export,
and query counts that do not grow with the versions, revisions or changes."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from planmonitor.evaluation.models import PlanVersion, Revision
from planmonitor.evaluation.revisions import services
from planmonitor.plans.models import Action
from planmonitor.tests.html import parse_html

from .revisions_data import approve, first_version

pytestmark = pytest.mark.django_db


def _url(name, plan, **kwargs):
    return reverse(f"evaluation:{name}", kwargs={"short_name": plan.short_name, **kwargs})


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_coordinator_records_version_1_from_the_page(client, plan, action, coordinator):
    client.force_login(coordinator)
    page = parse_html(client.get(_url("version_list", plan)))
    assert page.find("a", href=_url("version_record_first", plan))
    response = client.post(
        _url("version_record_first", plan),
        {"effective_date": "01/01/2025", "decision_reference": "VR 2024 1234"},
    )
    assert response.status_code == 302
    assert PlanVersion.objects.get().decision_reference == "VR 2024 1234"


def test_the_plan_page_links_the_versions(client, plan, action, owner):
    client.force_login(owner)
    page = parse_html(client.get(reverse("plans:plan_detail", args=[plan.short_name])))
    assert page.find("a", href=_url("version_list", plan))


def test_the_whole_workflow_through_the_pages(
    client, plan, action, other_action, coordinator, owner
):
    first_version(plan, coordinator)
    client.force_login(coordinator)
    response = client.post(_url("revision_open", plan), {"name": "Actualisering 2027"})
    revision = Revision.objects.get()
    assert response["Location"] == _url("revision_detail", plan, pk=revision.pk)

    client.force_login(owner)
    response = client.post(
        _url("revision_change_add", plan, pk=revision.pk),
        {"kind": "change", "action": action.pk, "end_date": "31/12/2028", "reason": "Meer tijd"},
    )
    assert response.status_code == 302
    # Another minister's action: refused to the owner.
    response = client.post(
        _url("revision_change_add", plan, pk=revision.pk),
        {"kind": "discontinue", "action": other_action.pk, "reason": "Niet van mij"},
    )
    assert response.status_code == 403

    client.force_login(coordinator)
    client.post(
        _url("revision_change_add", plan, pk=revision.pk),
        {
            "kind": "merge",
            "action": other_action.pk,
            "merge_target": action.pk,
            "reason": "Overlap",
        },
    )
    page = parse_html(client.get(_url("revision_detail", plan, pk=revision.pk)))
    assert len(page.select("[data-changes] tbody tr")) == 2

    response = client.post(
        _url("revision_approve", plan, pk=revision.pk),
        {
            "version": revision.version,
            "decision_date": "30/06/2027",
            "decision_reference": "VR 2027 0630",
            "effective_date": "01/07/2027",
        },
    )
    assert response["Location"] == _url("version_detail", plan, number=2)
    action.refresh_from_db()
    assert action.end_date.year == 2028
    other_action.refresh_from_db()
    assert other_action.status == Action.Status.STOPPED

    # The merged action keeps its page, which says what replaced it.
    page = parse_html(
        client.get(reverse("plans:action_detail", args=[plan.short_name, other_action.code]))
    )
    ending = page.select_one("[data-ending]")
    assert "2" in ending.text and "01/07/2027" in ending.text
    assert ending.a.text == action.code

    # The comparison lists both, with the reasons.
    page = parse_html(client.get(_url("version_compare", plan) + "?van=1&naar=2"))
    assert page.select_one("[data-group=changed] [data-code=T001] [data-field=end_date]")
    merged = page.select_one("[data-group=merged] [data-code=T002]")
    assert "Overlap" in merged.text
    response = client.get(_url("version_compare_xlsx", plan) + "?van=1&naar=2")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert {row[1] for row in rows[1:]} == {"T001", "T002"}


def test_budget_changes_need_the_finance_advice(client, plan, action, coordinator):
    first_version(plan, coordinator)
    revision = services.revision_open(plan=plan, name="R", user=coordinator)
    services.change_add(
        revision=revision, kind="discontinue", action=action, reason="R", user=coordinator
    )
    client.force_login(coordinator)
    response = client.post(
        _url("revision_approve", plan, pk=revision.pk),
        {
            "version": revision.version,
            "decision_date": "30/06/2027",
            "decision_reference": "VR",
            "effective_date": "01/07/2027",
            "budget_changes": "on",
        },
    )
    assert response.status_code == 200
    assert "finance_advice_date" in response.context["form"].errors
    assert PlanVersion.objects.count() == 1


def test_a_stale_approval_is_a_conflict(client, plan, action, coordinator):
    first_version(plan, coordinator)
    revision = services.revision_open(plan=plan, name="R", user=coordinator)
    services.change_add(
        revision=revision, kind="discontinue", action=action, reason="R", user=coordinator
    )
    client.force_login(coordinator)
    stale = revision.version
    Revision.objects.filter(pk=revision.pk).update(version=stale + 1)
    response = client.post(
        _url("revision_approve", plan, pk=revision.pk),
        {
            "version": stale,
            "decision_date": "30/06/2027",
            "decision_reference": "VR",
            "effective_date": "01/07/2027",
        },
    )
    assert response.status_code == 409
    assert PlanVersion.objects.count() == 1


def test_the_pages_speak_dutch(client, plan, action, coordinator):
    first_version(plan, coordinator)
    client.force_login(coordinator)
    page = parse_html(client.get(_url("version_list", plan), HTTP_ACCEPT_LANGUAGE="nl"))
    assert page.h1.text == "Planversies"


def _approved_revision(plan, coordinator, actions, name):
    revision = services.revision_open(plan=plan, name=name, user=coordinator)
    for action in actions:
        services.change_add(
            revision=revision,
            kind="change",
            action=action,
            values={"title": f"{action.title} ({name})"},
            reason="Reden",
            user=coordinator,
        )
    approve(revision, coordinator)
    return revision


def _actions(plan, n, start=100):
    goal = plan.operational_goals.get(code="2.1")
    from planmonitor.plans.models import Minister

    minister = Minister.objects.get(key="gennez")
    return [
        Action.objects.create(
            plan=plan,
            code=f"Q{start + i}",
            title=f"Actie {i}",
            operational_goal=goal,
            lead_minister=minister,
        )
        for i in range(n)
    ]


def test_the_list_pages_run_the_same_queries_however_many_rows(client, plan, coordinator):
    first_version(plan, coordinator)
    client.force_login(coordinator)
    _approved_revision(plan, coordinator, _actions(plan, 1), "Een")
    urls = [_url("version_list", plan), _url("revision_list", plan)]
    few = [_count(client, url) for url in urls]
    _approved_revision(plan, coordinator, _actions(plan, 3, 200), "Twee")
    _approved_revision(plan, coordinator, _actions(plan, 2, 300), "Drie")
    assert [_count(client, url) for url in urls] == few


def test_the_comparison_and_the_revision_run_the_same_queries_however_many_changes(
    client, plan, coordinator
):
    first_version(plan, coordinator)
    client.force_login(coordinator)
    one = _approved_revision(plan, coordinator, _actions(plan, 1), "Een")
    many = _approved_revision(plan, coordinator, _actions(plan, 6, 200), "Zes")
    compare = _url("version_compare", plan)
    assert _count(client, compare + "?van=1&naar=2") == _count(client, compare + "?van=2&naar=3")
    assert _count(client, _url("revision_detail", plan, pk=one.pk)) == _count(
        client, _url("revision_detail", plan, pk=many.pk)
    )
