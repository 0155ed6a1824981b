"""The coverage page ``/plans/<plan>/netwerk/dekking/``: matrices with known holes, the
special-attention lines, drill-down, XLSX and a query count that does not grow."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from planmonitor.conftest import module_transaction
from planmonitor.plans.models import Action, IstanbulArticle, Minister, Plan
from planmonitor.tests.html import parse_html
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, assert_queries

ODS = 11  # the note's operational goals
VIOLENCE_FORMS = 5


def _action(plan: Plan, code: str, od: str, minister: str = "gennez") -> Action:
    return Action.objects.create(
        plan=plan,
        code=code,
        title=f"Actie {code}",
        operational_goal=plan.operational_goals.get(code=od),
        lead_minister=Minister.objects.get(key=minister),
    )


def _build(plan: Plan) -> None:
    """C001 and C002 in OD 1.2 (sexual violence, children; Gennez; article 36), C003 in
    OD 2.1 (intrafamily violence, older people; Crevits): every other cell is empty."""
    article = IstanbulArticle.objects.get(number=36)
    for code in ("C001", "C002"):
        action = _action(plan, code, "1.2")
        action.violence_forms.add(plan.violence_forms.get(code="SG"))
        action.target_groups.add(plan.target_groups.get(code="kinderen"))
        action.istanbul_articles.add(article)
    third = _action(plan, "C003", "2.1", minister="crevits")
    third.violence_forms.add(plan.violence_forms.get(code="IFG"))
    third.target_groups.add(plan.target_groups.get(code="ouderen"))


@pytest.fixture(scope="module", autouse=True)
def coverage_plan(django_db_setup, django_db_blocker):
    with module_transaction(django_db_blocker):
        _build(Plan.objects.get())
        yield


def _url(plan, name="network:coverage") -> str:
    return reverse(name, args=[plan.short_name])


def _cells(page, matrix: str) -> dict[tuple[str, int], tuple[int, str]]:
    """(row code, column index) -> (count, state) of every cell of one matrix."""
    table = page.select_one(f'table[data-matrix="{matrix}"]')
    cells = {}
    for row in table.select("tbody tr[data-row]"):
        for index, cell in enumerate(row.select("td")):
            cells[(row["data-row"], index)] = (int(cell["data-count"]), cell.get("data-state", ""))
    return cells


@pytest.fixture
def page(client, plan, network_member):
    client.force_login(network_member)
    response = client.get(_url(plan))
    assert response.status_code == 200
    return parse_html(response.content)


def test_od_by_violence_form_marks_the_known_holes(page, plan):
    cells = _cells(page, "od-violence")
    assert len(cells) == ODS * VIOLENCE_FORMS
    sg, ifg = 0, 2  # the note's order: SG, SGG, IFG, EGG, VGV
    covered = {key: value for key, value in cells.items() if value[1] != "empty"}
    assert covered == {("1.2", sg): (2, ""), ("2.1", ifg): (1, "thin")}
    assert all(count == 0 for count, state in cells.values() if state == "empty")
    # The marks are words, not colour alone.
    table = page.select_one('table[data-matrix="od-violence"]')
    thin = table.select_one('tr[data-row="2.1"] td[data-state="thin"]')
    assert thin.get_text(" ", strip=True) == "1 dun"
    assert table.select_one('tr[data-row="1.1"] td').get_text(" ", strip=True) == "0 leeg"
    assert table.select_one("caption").get_text(" ", strip=True).endswith("(53 lege cellen, 1 dun)")


def test_a_cell_links_to_the_overview_filtered_to_its_actions(client, page, plan):
    link = page.select_one('table[data-matrix="od-target"] tr[data-row="1.2"] td a')
    assert link.get_text() == "2"
    assert link["href"].endswith("?operational_goal=1.2&target_group=kinderen")
    overview = parse_html(client.get(link["href"]).content)
    assert {"C001", "C002"} <= {a.get_text(strip=True) for a in overview.select("a")}


def test_sd_by_minister_drills_down_on_the_page(client, page, plan):
    cells = _cells(page, "sd-minister")
    assert sorted((row, count) for (row, _i), (count, _s) in cells.items() if count) == [
        ("1", 2),
        ("2", 1),
    ]
    link = page.select_one('table[data-matrix="sd-minister"] tr[data-row="1"] td a')
    drill = parse_html(client.get(link["href"]).content).select_one("#drill-down")
    assert [a.get_text() for a in drill.select("li a")] == ["C001", "C002"]


def test_istanbul_articles_count_their_actions(client, page, plan):
    cells = _cells(page, "istanbul")
    assert len(cells) == IstanbulArticle.objects.count() == 47
    assert {row: value for (row, _i), value in cells.items() if value[0]} == {"36": (2, "")}
    # Grouped by chapter, in the treaty's words.
    groups = page.select('table[data-matrix="istanbul"] tr.coverage-table__group th')
    assert groups[0].get_text(strip=True) == "II Integrated policies and data collection"


def test_each_special_attention_group_has_its_line(page):
    lines = {
        li["data-group"]: " ".join(li.get_text().split()) for li in page.select("[data-group]")
    }
    assert list(lines) == ["handicap", "ouderen", "kinderen", "migranten", "lgbtq"]
    assert lines["kinderen"] == "Kinderen: 2 acties"
    assert lines["ouderen"] == "Ouderen: 1 actie dun"
    assert lines["handicap"] == "Personen met een handicap: 0 acties leeg"


def test_the_xlsx_has_a_sheet_per_matrix(client, plan, coordinator):
    client.force_login(coordinator)
    response = client.get(_url(plan, "network:coverage_xlsx"))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert len(book.sheetnames) == 5
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][2:] == (
        "Seksueel geweld",
        "Seksueel grensoverschrijdend gedrag",
        "Intrafamiliaal geweld",
        "Eergerelateerd geweld",
        "Vrouwelijke genitale verminking",
    )
    od_12 = next(row for row in rows if row[0] == "OD 1.2")
    assert od_12[2:] == (2, 0, 0, 0, 0)  # numbers, not text


@pytest.mark.parametrize("who", ["owner", "contributor", "outsider"])
def test_it_refuses_who_does_not_follow_the_plan(client, plan, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(plan)).status_code == 403


QUERIES = [
    *SIGNED_IN,
    *POLICY,
    ("SELECT plans_plan", "the plan in the URL"),
    ("SELECT plans_action", "the actions (code, title, OD, lead minister)"),
    ("SELECT plans_strategicgoal", "the strategic goals"),
    ("SELECT plans_operationalgoal", "the operational goals with their SD"),
    ("SELECT plans_violenceform", "the forms of violence"),
    ("SELECT plans_targetgroup", "the target groups"),
    ("SELECT plans_minister", "the ministers in office or leading an action"),
    ("SELECT plans_istanbularticle", "the Istanbul Convention articles"),
    ("SELECT plans_action_violence_forms", "which action has which form of violence"),
    ("SELECT plans_action_target_groups", "which action has which target group"),
    ("SELECT plans_action_istanbul_articles", "which action has which article"),
    *NAV,
    *BANNER,
]


def test_it_needs_the_same_queries_for_3_or_23_actions(client, plan, network_member):
    client.force_login(network_member)
    with assert_queries(QUERIES):
        client.get(_url(plan))
    for number in range(20):
        _action(plan, f"N{number:03d}", "3.1").istanbul_articles.add(
            IstanbulArticle.objects.get(number=12)
        )
    with assert_queries(QUERIES):
        page = parse_html(client.get(_url(plan)).content)
    assert _cells(page, "istanbul")[("12", 0)] == (20, "")
