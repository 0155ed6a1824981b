"""After version 1 the governed action fields change only through an approved revision:
the edit form shows them as text with a link to the revisions, the service refuses them,
the create page and the import refuse new actions and governed changes. Before version 1
everything stays as it was; sheet content keeps its own workflow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from planmonitor.plans import guards
from planmonitor.plans import services as plan_services
from planmonitor.plans.models import Action
from planmonitor.plans.transfer.columns import ACTIONS
from planmonitor.plans.transfer.exporting import Table, write_xlsx
from planmonitor.plans.transfer.importing import ImportFile, ImportSource, import_actions
from planmonitor.tests.html import parse_html

from .revisions_data import first_version

pytestmark = pytest.mark.django_db


def _edit(client, action):
    return client.get(reverse("plans:action_edit", args=[action.plan.short_name, action.code]))


def test_before_version_1_the_form_edits_the_title(client, plan, action, coordinator):
    client.force_login(coordinator)
    page = parse_html(_edit(client, action))
    assert page.select_one("input[name=title]") is not None
    assert page.select_one("[data-governed]") is None


def test_after_version_1_the_form_shows_the_governed_fields_as_text(
    client, plan, action, coordinator
):
    first_version(plan, coordinator)
    client.force_login(coordinator)
    page = parse_html(_edit(client, action))
    assert page.select_one("input[name=title]") is None
    assert page.select_one("input[name=end_date]") is None
    notice = page.select_one("[data-governed]")
    assert notice.a["href"] == reverse("evaluation:revision_list", args=[plan.short_name])
    # Not governed: still an input.
    assert page.select_one("input[name=involves_local_governments]") is not None
    # Stopping is a revision's: the status offers no "stopped".
    options = [o["value"] for o in page.select("select[name=status] option")]
    assert "stopped" not in options and "completed" in options


def test_a_posted_title_is_ignored_after_version_1(client, plan, action, coordinator):
    first_version(plan, coordinator)
    client.force_login(coordinator)
    url = reverse("plans:action_edit", args=[plan.short_name, action.code])
    form = {
        "version": action.version,
        "code": action.code,
        "title": "Gewijzigd buiten een herziening",
        "status": "running",
        "co_ministers": [m.pk for m in action.co_ministers.all()],
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.context["form"].errors
    action.refresh_from_db()
    assert action.title == "Testactie: opleiding voor hulpverleners"
    assert action.status == "running"


def test_the_service_refuses_governed_fields_after_version_1(plan, action, coordinator):
    first_version(plan, coordinator)
    with pytest.raises(guards.GovernedChange):
        plan_services.action_update(
            action_id=action.pk,
            values={"end_date": dt.date(2030, 1, 1)},
            expected_version=action.version,
            editor=coordinator,
        )
    with pytest.raises(guards.GovernedChange):
        plan_services.action_update(
            action_id=action.pk,
            values={"status": "stopped"},
            expected_version=action.version,
            editor=coordinator,
        )
    # A field no revision governs still changes.
    plan_services.action_update(
        action_id=action.pk,
        values={"involves_local_governments": True, "status": "running"},
        expected_version=action.version,
        editor=coordinator,
    )
    action.refresh_from_db()
    assert action.involves_local_governments and action.status == "running"


def test_the_create_page_refuses_after_version_1(client, plan, action, coordinator):
    first_version(plan, coordinator)
    client.force_login(coordinator)
    response = client.get(reverse("plans:action_create", args=[plan.short_name]))
    assert response.status_code == 409
    page = parse_html(response)
    assert page.select_one("[data-governed] a") is not None
    assert page.select_one("form.plan-form") is None
    with pytest.raises(guards.GovernedChange):
        plan_services.action_create(plan=plan, values={"code": "X1"}, creator=coordinator)


def _row(code, **values):
    row = {
        "code": code,
        "titel": "Testactie: opleiding voor hulpverleners",
        "od": "2.1",
        "trekkende_minister": "gennez",
        "betrokken_ministers": "crevits",
    }
    return row | values


def _import(tmp_path, plan, rows, commit=True):
    path = tmp_path / "acties.xlsx"
    with path.open("wb") as out:
        write_xlsx(out, [Table(ACTIONS, [[r.get(h) for h in ACTIONS.headers] for r in rows])])
    return import_actions(
        plan=plan, source=ImportSource(ImportFile(path, path.name)), commit=commit
    )


def test_the_import_refuses_governed_changes_after_version_1(tmp_path, plan, action, coordinator):
    first_version(plan, coordinator)
    report = _import(tmp_path, plan, [_row("T001", titel="Andere titel")])
    assert not report.applied
    message = str(guards.rule_for(plan).message)
    assert any(problem.message == message for problem in report.problems)
    report = _import(tmp_path, plan, [_row("T001"), _row("T777", titel="Nieuw")])
    assert not report.applied
    assert not Action.objects.filter(code="T777").exists()
    action.refresh_from_db()
    assert action.title == "Testactie: opleiding voor hulpverleners"


def test_the_import_still_changes_other_fields(tmp_path, plan, action, coordinator):
    first_version(plan, coordinator)
    report = _import(tmp_path, plan, [_row("T001", lokale_besturen="ja")])
    assert report.applied, [p.message for p in report.problems]
    action.refresh_from_db()
    assert action.involves_local_governments


def test_before_version_1_the_import_changes_the_title(tmp_path, plan, action):
    report = _import(tmp_path, plan, [_row("T001", titel="Andere titel")])
    assert report.applied
