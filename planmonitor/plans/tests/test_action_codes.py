"""One rule for action codes (core/limits.py): the form, the importer and the database agree."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import translation

from planmonitor.core.limits import CODE_PATTERN, code_problem
from planmonitor.demo.plan import demo_action_specs
from planmonitor.plans.models import Action
from planmonitor.plans.transfer.importing import import_actions
from planmonitor.tests.html import parse_html

from .test_action_edit import _form_data, _url
from .test_transfer_import import action_row, workbook

BREAKING = ["A/1", "A 1", "../A1", ".A1", "-A1", "A?1", "A#1", "A%2F1", "Ä1", "A" * 21, ""]


@pytest.mark.parametrize("code", ["A001", "a1", "SD1.OD1.A1", "IND-1", "X_2", "A" * 20])
def test_it_accepts_the_plans_codes(code):
    assert code_problem(code) is None


def test_it_accepts_every_demo_code():
    assert [s.code for s in demo_action_specs() if not CODE_PATTERN.fullmatch(s.code)] == []


@pytest.mark.parametrize("code", BREAKING)
def test_it_refuses_codes_that_break_urls(code):
    assert code_problem(code)


@pytest.mark.parametrize("code", ["A/1", "A 1", "../A1"])
def test_the_edit_form_refuses_the_code_with_a_message(client, action, coordinator, code):
    code_before = action.code
    client.force_login(coordinator)
    with translation.override("nl"):
        response = client.post(_url(action), _form_data(action, code=code))
    assert response.status_code == 200
    page = parse_html(response).get_text()
    assert "Een code telt 1 tot 20 tekens: letters, cijfers" in page
    action.refresh_from_db()
    assert action.code == code_before


@pytest.mark.parametrize("code", ["A/1", "../A1", "A 1"])
def test_the_database_refuses_the_code(action, code):
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(code=code)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE plans_action SET code = %s WHERE id = %s", [code, action.pk])


@pytest.mark.parametrize("commit", [False, True])
def test_the_importer_refuses_the_code_in_the_dry_run_and_the_import(terms, tmp_path, commit):  # noqa: F811
    source = workbook(tmp_path / "a.xlsx", [action_row("A1"), action_row("A/2")])

    with translation.override("en"):
        report = import_actions(plan=terms, source=source, commit=commit)

    assert not report.ok and not Action.objects.filter(code__in=["A1", "A/2"]).exists()
    (problem,) = report.problems
    assert (problem.sheet, problem.row, problem.column) == ("Acties", 3, "code")
    assert problem.message.startswith('"A/2": A code is 1 to 20 characters')


def test_the_overview_and_my_actions_link_every_action(client, action, owner):
    client.force_login(owner)
    for name in ("plans:overview", "plans:my_actions"):
        assert client.get(reverse(name)).status_code == 200
    detail = reverse("plans:action_detail", args=[action.plan.short_name, action.code])
    assert client.get(detail).status_code == 200
