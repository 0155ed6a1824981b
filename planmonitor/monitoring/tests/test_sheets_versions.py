"""Approved versions: the list, one version, and its comparison with the one before."""

import datetime as dt
from decimal import Decimal

import pytest

from planmonitor.core.formatting import euro
from planmonitor.monitoring.sheets.compare import compare
from planmonitor.tests.html import parse_html as soup
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, assert_queries

from .sheets_helpers import add_parts, fill_sheet, run, url


def _approve(action, owner, coordinator):
    run(action, owner, "submit")
    return run(action, coordinator, "approve")


def _revise(action, owner, **values):
    from planmonitor.monitoring.sheets import services

    sheet = run(action, owner, "revise")
    if values:
        services.sheet_update(sheet_id=sheet.pk, values=values, expected_version=sheet.version)


@pytest.mark.parametrize(
    "who", ["coordinator", "owner", "contributor", "network_member", "evaluator"]
)
def test_readers_see_the_versions(client, action, owner, coordinator, who, request):
    fill_sheet(action)
    _approve(action, owner, coordinator)
    client.force_login(request.getfixturevalue(who))
    page = soup(client.get(url("sheet_versions", action)))
    links = [a["href"] for a in page.select(".sheet-version a")]
    assert links == [url("sheet_version", action, 1)]
    assert client.get(url("sheet_version", action, 1)).status_code == 200


def test_the_list_says_when_nothing_was_approved(client, action, owner):
    client.force_login(owner)
    response = client.get(url("sheet_versions", action))
    assert response.status_code == 200
    assert soup(response).select(".sheet-version") == []
    assert client.get(url("sheet_version", action, 1)).status_code == 404


# The list of a sheet's versions: the same queries for one version or many.
VERSIONS_QUERIES = [
    *SIGNED_IN,
    *POLICY,
    ("SELECT plans_action", "the action with its sheet and plan (select_related)"),
    ("SELECT plans_minister", "its co-ministers (prefetch; the policy asks for them)"),
    ("SELECT monitoring_sheetversion", "the sheet's versions, with who approved them"),
    *NAV,
    *BANNER,
]


def test_the_version_list_costs_the_same_for_one_or_many_versions(
    client, action, owner, coordinator
):
    fill_sheet(action)
    _approve(action, owner, coordinator)
    client.force_login(owner)
    with assert_queries(VERSIONS_QUERIES):
        assert len(soup(client.get(url("sheet_versions", action))).select(".sheet-version")) == 1
    for _n in range(4):
        _revise(action, owner)
        _approve(action, owner, coordinator)
    with assert_queries(VERSIONS_QUERIES):
        page = soup(client.get(url("sheet_versions", action)))
    assert len(page.select(".sheet-version")) == 5


@pytest.mark.parametrize("who", ["other_owner", "outsider"])
def test_strangers_get_404(client, action, owner, coordinator, who, request):
    fill_sheet(action)
    _approve(action, owner, coordinator)
    client.force_login(request.getfixturevalue(who))
    assert client.get(url("sheet_versions", action)).status_code == 404
    assert client.get(url("sheet_version", action, 1)).status_code == 404


def test_the_first_version_has_nothing_to_compare_with(client, action, owner, coordinator):
    fill_sheet(action, approach="## Aanpak\n\n**vet**")
    _approve(action, owner, coordinator)
    client.force_login(owner)
    page = soup(client.get(url("sheet_version", action, 1)))
    assert page.select(".sheet-diff__field") == []
    assert page.select_one(".sheet-snapshot .sheet-approach strong").get_text() == "vet"


def test_a_version_stays_as_approved_when_the_sheet_changes(client, action, owner, coordinator):
    fill_sheet(action, approach="Goedgekeurd")
    _approve(action, owner, coordinator)
    _revise(action, owner, approach="Nieuw concept")
    client.force_login(owner)
    page = soup(client.get(url("sheet_version", action, 1)))
    assert page.select_one(".sheet-snapshot .sheet-approach").get_text().strip() == "Goedgekeurd"


def test_the_comparison_lists_added_removed_and_changed_parts(client, action, owner, coordinator):
    fill_sheet(action)
    add_parts(action, 2)
    _approve(action, owner, coordinator)
    _revise(action, owner, risks="Nieuwe risico's")
    action.milestones.get(name="Mijlpaal 0").delete()
    action.milestones.create(name="Mijlpaal nieuw", planned_date=dt.date(2027, 3, 1))
    line = action.budget_lines.get(year=2026)
    line.amount = Decimal("1500.50")
    line.budget_agreement_date = dt.date(2025, 5, 1)
    line.save()
    action.partners.remove(action.partners.get(label="Partner 1"))
    _approve(action, owner, coordinator)

    client.force_login(owner)
    page = soup(client.get(url("sheet_version", action, 2)))
    assert [row["data-field"] for row in page.select(".sheet-diff__field")] == ["risks"]
    partners = page.select_one("[data-list=partners]")
    assert "Partner 1" in partners.select_one(".sheet-diff__item--removed").get_text()
    milestones = page.select_one("[data-list=milestones]")
    assert "Mijlpaal nieuw" in milestones.select_one(".sheet-diff__item--added").get_text()
    assert "Mijlpaal 0" in milestones.select_one(".sheet-diff__item--removed").get_text()
    budget = page.select_one("[data-list=budget_lines] .sheet-diff__item--changed")
    amount = budget.select_one("[data-field=amount]")
    assert amount.select_one("del").get_text() == "€ 1.000,00"
    assert amount.select_one("ins").get_text() == "€ 1.500,50"
    agreement = budget.select_one("[data-field=budget_agreement_date]")
    assert agreement.select_one("ins").get_text() == "01/05/2025"
    assert page.select_one("[data-list=indicators]") is None  # unchanged


# --- the comparison itself -----------------------------------------------------------------


def test_compare_finds_nothing_between_equal_snapshots():
    snapshot = {"approach": "x", "milestones": [{"name": "M", "planned_date": "2026-01-01"}]}
    assert not compare(snapshot, snapshot).has_changes


def test_compare_reads_older_snapshots_without_some_keys():
    comparison = compare({"approach": "x"}, {"approach": "x", "risks": "r", "partners": ["A"]})
    assert [f.name for f in comparison.fields] == ["risks"]
    assert comparison.partners_added == ["A"]


def test_compare_keeps_milestones_with_the_same_name_apart():
    before = {"milestones": [{"name": "M", "planned_date": "2026-01-01"}]}
    after = {
        "milestones": [
            {"name": "M", "planned_date": "2026-01-01"},
            {"name": "M", "planned_date": "2026-06-01"},
        ]
    }
    (milestones, _indicators, _budget) = compare(before, after).lists
    assert [item.kind for item in milestones.items] == ["added"]


def test_compare_matches_indicators_by_code_and_shows_labels():
    before = {"indicators": [{"code": "I1", "name": "N", "kind": "quantitative", "target": "10"}]}
    after = {"indicators": [{"code": "i1", "name": "N", "kind": "qualitative", "target": "veel"}]}
    (_milestones, indicators, _budget) = compare(before, after).lists
    (item,) = indicators.items
    assert item.kind == "changed"
    changes = {f.name: (f.before, f.after) for f in item.fields}
    assert changes["target"] == ("10", "veel")
    assert changes["kind"] == ("Kwantitatief", "Kwalitatief")


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        ("0", "€ 0,00"),
        ("1234.5", "€ 1.234,50"),
        (Decimal("1234567.891"), "€ 1.234.567,89"),
        ("-12", "€ -12,00"),
        (None, ""),
    ],
)
def test_euros_are_shown_the_belgian_way(amount, shown):
    assert euro(amount) == shown
