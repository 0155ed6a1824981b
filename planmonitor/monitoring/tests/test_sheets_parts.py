"""Milestones, indicators, budget lines and partners, edited on the sheet."""

import datetime as dt
from decimal import Decimal

import pytest

from planmonitor.monitoring.models import Milestone
from planmonitor.monitoring.rounds import services as round_services
from planmonitor.monitoring.sheets import services as sheet_services
from planmonitor.plans.models import BudgetLine, FinanceAdvice, Indicator, Partner
from planmonitor.tests.html import parse_html as soup

from .sheets_helpers import fill_sheet, run, url

# --- milestones ------------------------------------------------------------------------------


def test_the_owner_adds_a_milestone_with_dutch_dates(client, action, owner):
    client.force_login(owner)
    assert client.get(url("milestone_add", action)).status_code == 200
    response = client.post(
        url("milestone_add", action),
        {"name": "Opleiding klaar", "planned_date": "30/06/2026", "done_date": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == url("sheet_detail", action) + "#milestones"
    milestone = Milestone.objects.get(action=action)
    assert (milestone.name, milestone.planned_date) == ("Opleiding klaar", dt.date(2026, 6, 30))


def test_the_milestone_form_shows_dates_as_dd_mm_yyyy(client, action, owner):
    milestone = action.milestones.create(name="M", planned_date=dt.date(2026, 6, 30))
    client.force_login(owner)
    page = soup(client.get(url("milestone_edit", action, milestone.pk)))
    assert page.find("input", attrs={"name": "planned_date"})["value"] == "30/06/2026"


def test_the_owner_edits_and_deletes_a_milestone(client, action, owner):
    milestone = action.milestones.create(name="M", planned_date=dt.date(2026, 6, 30))
    client.force_login(owner)
    loaded = soup(client.get(url("milestone_edit", action, milestone.pk)))
    fingerprint = loaded.find("input", attrs={"name": "loaded"})["value"]
    response = client.post(
        url("milestone_edit", action, milestone.pk),
        {
            "name": "M",
            "planned_date": "30/06/2026",
            "done_date": "15/06/2026",
            "loaded": fingerprint,
        },
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_date == dt.date(2026, 6, 15)

    assert client.post(url("milestone_delete", action, milestone.pk)).status_code == 302
    assert not Milestone.objects.exists()


def test_a_milestone_a_report_reached_cannot_be_deleted(client, action, owner):

    milestone = action.milestones.create(name="M", planned_date=dt.date(2026, 6, 30))
    reporting_round = round_services.round_open(
        plan=action.plan,
        name="2026 – eerste semester",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 6, 30),
        due_date=dt.date(2026, 7, 31),
        actions=[action],
    )
    reporting_round.reports.get().milestones_reached.add(milestone)
    client.force_login(owner)
    response = client.post(url("milestone_delete", action, milestone.pk))
    assert response.status_code == 302
    assert Milestone.objects.filter(pk=milestone.pk).exists()


def test_a_milestone_of_another_action_is_404(client, action, other_action, coordinator):
    foreign = other_action.milestones.create(name="Vreemd", planned_date=dt.date(2026, 1, 1))
    client.force_login(coordinator)
    assert client.get(url("milestone_edit", action, foreign.pk)).status_code == 404
    assert client.post(url("milestone_delete", action, foreign.pk)).status_code == 404
    assert Milestone.objects.filter(pk=foreign.pk).exists()


@pytest.mark.parametrize("who", ["contributor", "network_member", "evaluator"])
def test_readers_cannot_change_parts(client, action, who, request):
    milestone = action.milestones.create(name="M", planned_date=dt.date(2026, 6, 30))
    client.force_login(request.getfixturevalue(who))
    new = {"name": "Gekaapt", "planned_date": "01/01/2026"}
    assert client.post(url("milestone_add", action), new).status_code == 403
    assert client.post(url("milestone_edit", action, milestone.pk), new).status_code == 403
    assert client.post(url("milestone_delete", action, milestone.pk)).status_code == 403
    assert client.post(url("indicator_add", action), {}).status_code == 403
    assert client.post(url("budgetline_add", action), {}).status_code == 403
    assert client.post(url("sheet_partners", action), {}).status_code == 403
    assert list(Milestone.objects.values_list("name", flat=True)) == ["M"]


def test_nothing_changes_while_the_sheet_is_submitted(client, action, owner):
    milestone = action.milestones.create(name="M", planned_date=dt.date(2026, 6, 30))
    fill_sheet(action)
    run(action, owner, "submit")
    client.force_login(owner)
    assert client.get(url("milestone_add", action)).status_code == 302
    assert client.get(url("indicator_add", action)).status_code == 302
    new = {"name": "Te laat", "planned_date": "01/01/2026"}
    response = client.post(url("milestone_add", action), new)
    assert response.status_code == 409
    assert soup(response).find("input", attrs={"name": "name"})["value"] == "Te laat"
    assert client.post(url("milestone_delete", action, milestone.pk)).status_code == 302
    assert list(Milestone.objects.values_list("name", flat=True)) == ["M"]
    with pytest.raises(sheet_services.SheetLocked):
        sheet_services.milestone_add(
            action=action, values={"name": "X", "planned_date": dt.date(2026, 1, 1)}
        )


def test_a_milestone_changed_in_between_is_not_overwritten(client, action, owner, coordinator):
    milestone = action.milestones.create(name="Opleiding", planned_date=dt.date(2026, 6, 30))
    client.force_login(owner)
    page = soup(client.get(url("milestone_edit", action, milestone.pk)))
    fingerprint = page.find("input", attrs={"name": "loaded"})["value"]
    sheet_services.milestone_update(
        milestone_id=milestone.pk,
        values={"planned_date": dt.date(2026, 9, 30)},
        expected_fingerprint=fingerprint,
    )

    mine = {"name": "Opleiding klaar", "planned_date": "30/06/2026", "loaded": fingerprint}
    response = client.post(url("milestone_edit", action, milestone.pk), mine)

    assert response.status_code == 409
    milestone.refresh_from_db()
    assert (milestone.name, milestone.planned_date) == ("Opleiding", dt.date(2026, 9, 30))
    page = soup(response)
    saved = {row.th.get_text(): row.td.get_text() for row in page.select(".conflict__field")}
    assert "30/09/2026" in saved.values()
    assert page.find("input", attrs={"name": "name"})["value"] == "Opleiding klaar"
    new_fingerprint = page.find("input", attrs={"name": "loaded"})["value"]
    assert new_fingerprint != fingerprint

    response = client.post(
        url("milestone_edit", action, milestone.pk), {**mine, "loaded": new_fingerprint}
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert (milestone.name, milestone.planned_date) == ("Opleiding klaar", dt.date(2026, 6, 30))


# --- indicators -------------------------------------------------------------------------------


def _indicator_data(**changes) -> dict:
    data = {
        "code": "I1",
        "name": "Aantal opgeleide hulpverleners",
        "kind": "quantitative",
        "unit": "personen",
        "baseline_value": "0",
        "baseline_text": "",
        "baseline_date": "01/01/2025",
        "target_value": "1.250,5",
        "target_text": "",
        "target_date": "31/12/2029",
        "direction": "increase",
        "source": "Registratie",
        "frequency": "annual",
        "loaded": "",
    }
    data.update(changes)
    return data


def test_the_owner_adds_a_quantitative_indicator_with_belgian_numbers(client, action, owner):
    client.force_login(owner)
    response = client.post(url("indicator_add", action), _indicator_data())
    assert response.status_code == 302
    indicator = Indicator.objects.get(action=action)
    assert indicator.target_value == Decimal("1250.5")
    assert indicator.target_date == dt.date(2029, 12, 31)
    page = soup(client.get(url("indicator_edit", action, indicator.pk)))
    assert page.find("input", attrs={"name": "target_value"})["value"] == "1.250,5"


def test_a_qualitative_indicator_has_no_numbers(client, action, owner):
    client.force_login(owner)
    response = client.post(
        url("indicator_add", action),
        _indicator_data(kind="qualitative", target_text="Een netwerk in elke provincie"),
    )
    assert response.status_code == 200
    errors = soup(response).select(".field--error")
    assert {e.find("label")["for"] for e in errors} == {"id_baseline_value", "id_target_value"}
    assert not Indicator.objects.exists()

    response = client.post(
        url("indicator_add", action),
        _indicator_data(
            kind="qualitative",
            baseline_value="",
            target_value="",
            baseline_text="Geen netwerk",
            target_text="Een netwerk in elke provincie",
        ),
    )
    assert response.status_code == 302
    assert Indicator.objects.get().target_text == "Een netwerk in elke provincie"


def test_an_indicator_code_is_unique_per_action(client, action, owner):
    action.indicators.create(code="I1", name="Bestaand", kind="qualitative")
    client.force_login(owner)
    response = client.post(url("indicator_add", action), _indicator_data(code="i1"))
    assert response.status_code == 200
    assert soup(response).select_one(".field--error label")["for"] == "id_code"
    assert action.indicators.count() == 1


def test_the_owner_edits_an_indicator(client, action, owner):
    indicator = action.indicators.create(code="I1", name="Oud", kind="qualitative")
    client.force_login(owner)
    page = soup(client.get(url("indicator_edit", action, indicator.pk)))
    fingerprint = page.find("input", attrs={"name": "loaded"})["value"]
    response = client.post(
        url("indicator_edit", action, indicator.pk),
        _indicator_data(
            kind="qualitative",
            name="Nieuw",
            baseline_value="",
            target_value="",
            loaded=fingerprint,
        ),
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Nieuw"


# --- budget lines -----------------------------------------------------------------------------


def _budget_data(action, **changes) -> dict:
    data = {
        "year": "2026",
        "amount": "12.500,00",
        "policy_domain": action.plan.policy_domains.first().pk,
        "note": "",
        "finance_advice_date": "01/03/2026",
        "finance_advice_outcome": "favourable",
        "budget_agreement_date": "15/03/2026",
        "loaded": "",
    }
    data.update(changes)
    return data


def test_the_owner_adds_a_budget_line_with_its_procedure(client, action, owner):
    client.force_login(owner)
    response = client.post(url("budgetline_add", action), _budget_data(action))
    assert response.status_code == 302
    line = BudgetLine.objects.get(action=action)
    assert line.amount == Decimal("12500.00")
    assert line.finance_advice_outcome == FinanceAdvice.FAVOURABLE
    assert line.budget_agreement_date == dt.date(2026, 3, 15)
    page = soup(client.get(url("budgetline_edit", action, line.pk)))
    assert page.find("input", attrs={"name": "amount"})["value"] == "12.500,00"


def test_a_budget_line_may_be_saved_before_its_procedure_is_done(client, action, owner):
    client.force_login(owner)
    data = _budget_data(
        action, finance_advice_date="", finance_advice_outcome="", budget_agreement_date=""
    )
    assert client.post(url("budgetline_add", action), data).status_code == 302
    line = BudgetLine.objects.get()
    assert line.finance_advice_outcome is None
    page = soup(client.get(url("sheet_detail", action)))
    assert page.select_one(".sheet-budget-line--incomplete") is not None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"finance_advice_date": ""}, "finance_advice_date"),
        ({"finance_advice_outcome": ""}, "finance_advice_outcome"),
        ({"budget_agreement_date": "01/02/2026"}, "budget_agreement_date"),
        ({"amount": "-5"}, "amount"),
        ({"year": "1999"}, "year"),
    ],
)
def test_it_refuses_an_inconsistent_budget_line(client, action, owner, changes, field):
    client.force_login(owner)
    response = client.post(url("budgetline_add", action), _budget_data(action, **changes))
    assert response.status_code == 200
    labels = {e.find("label")["for"] for e in soup(response).select(".field--error")}
    assert labels == {f"id_{field}"}
    assert not BudgetLine.objects.exists()


def test_one_budget_line_per_year_and_policy_domain(client, action, owner):
    client.force_login(owner)
    client.post(url("budgetline_add", action), _budget_data(action))
    response = client.post(url("budgetline_add", action), _budget_data(action, amount="5"))
    assert response.status_code == 200
    assert soup(response).select_one(".error-summary") is not None
    assert BudgetLine.objects.count() == 1


def test_the_owner_edits_a_budget_line(client, action, owner):
    client.force_login(owner)
    client.post(url("budgetline_add", action), _budget_data(action))
    line = BudgetLine.objects.get()
    page = soup(client.get(url("budgetline_edit", action, line.pk)))
    fingerprint = page.find("input", attrs={"name": "loaded"})["value"]
    response = client.post(
        url("budgetline_edit", action, line.pk),
        _budget_data(action, amount="13.000", loaded=fingerprint),
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.amount == Decimal("13000.00")


# --- partners ----------------------------------------------------------------------------------


def test_the_owner_chooses_partners(client, action, owner):
    sensoa = Partner.objects.create(plan=action.plan, code="SENSOA", label="Sensoa")
    focus = Partner.objects.create(plan=action.plan, code="CF", label="Child Focus")
    client.force_login(owner)
    page = soup(client.get(url("sheet_partners", action)))
    assert len(page.select("input[name=partners]")) == 2
    response = client.post(
        url("sheet_partners", action), {"partners": [sensoa.pk, focus.pk], "version": 1}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert set(action.partners.all()) == {sensoa, focus}
    assert action.version == 2


def test_partners_saved_on_an_old_version_are_refused(client, action, owner, coordinator):
    sensoa = Partner.objects.create(plan=action.plan, code="SENSOA", label="Sensoa")
    focus = Partner.objects.create(plan=action.plan, code="CF", label="Child Focus")
    client.force_login(coordinator)
    client.post(url("sheet_partners", action), {"partners": [sensoa.pk], "version": 1})
    client.force_login(owner)
    response = client.post(url("sheet_partners", action), {"partners": [focus.pk], "version": 1})
    assert response.status_code == 409
    assert list(action.partners.all()) == [sensoa]
    page = soup(response)
    assert page.select_one(".conflict__field td").get_text() == "Sensoa"
    checked = [box["value"] for box in page.select("input[name=partners][checked]")]
    assert checked == [str(focus.pk)]
    assert page.find("input", attrs={"name": "version"})["value"] == "2"
