"""The SMART page ``/plans/<plan>/netwerk/smart/``: who sees it, its order and filter, its
XLSX, and a query count that does not grow with the number of actions."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from planmonitor.network.smart import LETTERS
from planmonitor.tests.html import parse_html
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, assert_queries

from .conftest import smart_action_create

pytestmark = pytest.mark.usefixtures("smart_data")


def _url(plan, name: str = "network:smart_list") -> str:
    return reverse(name, args=[plan.short_name])


def _codes(response) -> list[str]:
    return [row["data-code"] for row in parse_html(response.content).select("tbody tr[data-code]")]


@pytest.mark.parametrize("who", ["coordinator", "network_member", "evaluator"])
def test_it_lists_every_action_weakest_first_for_who_follows_the_plan(client, plan, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(_url(plan))
    assert response.status_code == 200
    assert _codes(response) == ["W001", "M001", "G001"]


@pytest.mark.parametrize("who", ["owner", "contributor", "outsider"])
def test_it_refuses_owners_contributors_and_outsiders(client, plan, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(plan)).status_code == 403
    assert client.get(_url(plan, "network:smart_xlsx")).status_code == 403


def test_it_sends_anonymous_visitors_to_the_login(client, plan):
    response = client.get(_url(plan))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_each_letter_says_pass_or_fail_in_words_with_its_reason(client, plan, network_member):
    client.force_login(network_member)
    page = parse_html(client.get(_url(plan)).content)
    row = page.select_one('tr[data-code="W001"]')
    cells = {cell["data-letter"]: cell for cell in row.select("td[data-letter]")}
    assert list(cells) == list(LETTERS)
    assert cells["S"].select_one(".smart-mark").get_text(" ", strip=True) == "✗ niet gehaald"
    assert cells["A"].select_one(".smart-mark").get_text(" ", strip=True) == "✓ gehaald"
    # What is missing: the reason of each failing letter, none of the passing ones.
    why = {item["data-letter"]: item for item in row.select(".smart-table__why li")}
    assert "aandacht voor" in why["S"].select_one(".smart-reason").get_text()
    assert "A" not in why


def test_the_filter_in_the_url_keeps_the_actions_failing_that_letter(client, plan, evaluator):
    client.force_login(evaluator)
    assert _codes(client.get(_url(plan), {"fails": "M"})) == ["W001", "M001"]
    assert _codes(client.get(_url(plan), {"fails": "A"})) == []
    # An unknown letter shows everything, and the form says what it could not apply.
    response = client.get(_url(plan), {"fails": "X"})
    assert _codes(response) == ["W001", "M001", "G001"]
    assert parse_html(response.content).select_one(".error-summary") is not None


def test_the_xlsx_holds_the_same_rows_and_reasons(client, plan, coordinator):
    client.force_login(coordinator)
    response = client.get(_url(plan, "network:smart_xlsx"), {"fails": "T"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-smart-T.xlsx"')
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Code", "Titel", "Letters gehaald", "S (Specifiek)", "S: reden")
    assert [row[0] for row in rows[1:]] == ["W001", "M001"]
    weak = rows[1]
    assert weak[2] == 1  # a number, not text
    assert weak[3] == "niet gehaald" and "aandacht voor" in weak[4]


# The network member's page (no two-step code): the same queries for 3 or 23 actions.
QUERIES = [
    *SIGNED_IN,
    *POLICY,
    ("SELECT plans_plan", "the plan in the URL"),
    ("SELECT plans_minister", "the ministers in office during the plan (portfolios)"),
    ("SELECT plans_action", "the actions, lead minister, lead organisation and its domain"),
    ("SELECT plans_minister", "their co-ministers (prefetch)"),
    ("SELECT plans_partner", "their partners (prefetch)"),
    ("SELECT plans_indicator", "their indicators' targets (prefetch)"),
    ("SELECT plans_budgetline", "their budget lines with policy domains (prefetch)"),
    ("SELECT monitoring_milestone", "their milestones (prefetch)"),
    *NAV,
    *BANNER,
]


def test_it_needs_the_same_queries_for_3_or_23_actions(client, plan, network_member):
    client.force_login(network_member)
    with assert_queries(QUERIES):
        assert len(_codes(client.get(_url(plan)))) == 3
    for number in range(20):
        smart_action_create(plan, f"N{number:03d}")
    with assert_queries(QUERIES):
        assert len(_codes(client.get(_url(plan)))) == 23
