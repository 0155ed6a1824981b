"""The rounds of a plan, with per round how far its reports are."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from planmonitor.monitoring.models import ReportingRound
from planmonitor.monitoring.rounds import selectors
from planmonitor.plans.models import Action
from planmonitor.tests.html import parse_html as soup_of
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, TWO_STEP, assert_queries

from .rounds_helpers import (
    accept,
    create_url,
    detail_url,
    edit,
    give_back,
    list_url,
    open_round,
    report_of,
    submit,
)


def _counts(client, plan) -> dict[str, dict[str, str]]:
    soup = soup_of(client.get(list_url(plan)))
    return {
        row.th.get_text(strip=True): {
            "covered": row.select_one(".round__covered").get_text(strip=True),
            **{
                cell["data-state"].replace("_", "-"): cell.get_text(strip=True)
                for cell in row.select(".round__count")
            },
        }
        for row in soup.select("tr.round")
    }


@pytest.fixture
def third_action(plan, action) -> Action:
    return Action.objects.create(
        plan=plan,
        code="T003",
        title="Testactie: campagne",
        operational_goal=action.operational_goal,
        lead_minister=action.lead_minister,
    )


def test_it_counts_each_state(client, plan, action, other_action, third_action, owner, coordinator):
    reporting_round = open_round(plan)
    edit(report_of(reporting_round, action))  # in progress
    submit(report_of(reporting_round, other_action), owner)  # submitted
    client.force_login(coordinator)

    assert _counts(client, plan) == {
        "2026 – tweede semester": {
            "covered": "3",
            "not-started": "1",
            "in-progress": "1",
            "returned": "0",
            "submitted": "1",
            "accepted": "0",
            "late": "0",
        }
    }


def test_a_returned_report_counts_as_returned_and_an_accepted_one_as_accepted(
    client, plan, action, other_action, owner, coordinator
):
    # Issue 9, item 9: the rounds list shows "returned" apart, as the round page does
    # (it used to fold it into "in progress").
    reporting_round = open_round(plan)
    give_back(submit(report_of(reporting_round, action), owner), coordinator)
    accept(submit(report_of(reporting_round, other_action), owner), coordinator)
    client.force_login(coordinator)

    counts = _counts(client, plan)["2026 – tweede semester"]

    assert (counts["returned"], counts["in-progress"], counts["accepted"]) == ("1", "0", "1")
    assert counts["not-started"] == "0"


def test_the_rounds_list_and_the_round_page_count_alike_with_the_same_words(
    client, plan, action, other_action, third_action, owner, coordinator
):
    reporting_round = open_round(plan)
    give_back(submit(report_of(reporting_round, action), owner), coordinator)
    submit(report_of(reporting_round, other_action), owner)
    edit(report_of(reporting_round, third_action))
    client.force_login(coordinator)

    listed = soup_of(client.get(list_url(plan)))
    row = listed.select_one(f"tr.round[data-round='{reporting_round.pk}']")
    on_list = {
        cell["data-state"]: cell.get_text(strip=True) for cell in row.select(".round__count")
    }
    headers = [th.get_text(strip=True) for th in listed.select("table.rounds thead th")][5:]
    page = soup_of(client.get(detail_url(reporting_round)))
    on_page = {
        item["class"][1].removeprefix("round-summary__item--"): item.select_one(
            ".round-summary__count"
        ).get_text()
        for item in page.select(".round-summary__item")
    }
    words = [
        item.get_text(" ", strip=True).split(" ", 1)[1]
        for item in page.select(".round-summary__item")
    ]

    assert on_list == on_page
    assert on_list["returned"] == "1" and on_list["in_progress"] == "1"
    assert [header.lower() for header in headers] == words


def test_reports_not_in_after_the_due_date_are_late(
    client, plan, action, other_action, third_action, owner, coordinator
):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    reporting_round = open_round(
        plan,
        period_start=yesterday - dt.timedelta(days=180),
        period_end=yesterday,
        due_date=yesterday,
    )
    accept(submit(report_of(reporting_round, action), owner), coordinator)
    edit(report_of(reporting_round, other_action))
    client.force_login(coordinator)

    assert _counts(client, plan)["2026 – tweede semester"]["late"] == "2"


def test_nothing_is_late_on_the_due_date_itself(client, plan, action, coordinator):
    today = timezone.localdate()
    open_round(plan, period_start=today - dt.timedelta(days=30), period_end=today, due_date=today)
    client.force_login(coordinator)

    assert _counts(client, plan)["2026 – tweede semester"]["late"] == "0"


def test_rounds_are_listed_newest_period_first_and_link_to_their_page(
    client, plan, action, coordinator
):
    older = open_round(
        plan,
        name="2026 – eerste semester",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 6, 30),
        due_date=dt.date(2026, 7, 31),
    )
    newer = open_round(plan)
    client.force_login(coordinator)

    links = [a["href"] for a in soup_of(client.get(list_url(plan))).select("tr.round th a")]

    assert links == [detail_url(newer), detail_url(older)]


def test_the_coordinator_may_open_a_round_from_here(client, plan, coordinator):
    client.force_login(coordinator)
    soup = soup_of(client.get(list_url(plan)))
    assert soup.select_one(f'a[href="{create_url(plan)}"]')


@pytest.mark.parametrize("who", ["network_member", "evaluator"])
def test_the_network_and_evaluators_read_it_without_the_button(client, plan, action, who, request):
    open_round(plan)
    client.force_login(request.getfixturevalue(who))

    response = client.get(list_url(plan))

    assert response.status_code == 200
    soup = soup_of(response)
    assert len(soup.select("tr.round")) == 1
    assert not soup.select_one(f'a[href="{create_url(plan)}"]')


@pytest.mark.parametrize("who", ["owner", "contributor", "outsider"])
def test_others_are_refused(client, plan, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(list_url(plan)).status_code == 403


def test_an_unknown_plan_is_not_found(client, coordinator):
    client.force_login(coordinator)
    assert client.get(list_url(type("P", (), {"short_name": "nope"}))).status_code == 404


def test_without_rounds_it_says_so(client, plan, coordinator):
    client.force_login(coordinator)
    soup = soup_of(client.get(list_url(plan)))
    assert soup.select_one(".empty-state")
    assert not soup.select("tr.round")


# The coordinator's list. The queries must not depend on the number of rounds or reports.
QUERIES = [
    *SIGNED_IN,
    *TWO_STEP,
    ("SELECT plans_plan", "the plan named in the URL"),
    *POLICY,
    ("SELECT monitoring_reportinground", "the rounds with their report counts"),
    *NAV,
    *BANNER,
]


def test_its_query_count_does_not_grow_with_rounds_or_reports(client, demo, coordinator, owner):
    client.force_login(coordinator)
    first = open_round(demo)
    submit(first.reports.first(), owner)
    # session, user, the app that verified the two-step login, plan, roles (2), rounds
    # with their counts, the nav's members link and rounds link (a plan each), the
    # example-data banner
    with assert_queries(QUERIES):
        shown_before = len(soup_of(client.get(list_url(demo))).select("tr.round"))
    for year in range(2018, 2024):
        open_round(
            demo,
            name=f"{year} – tweede semester",
            period_start=dt.date(year, 7, 1),
            period_end=dt.date(year, 12, 31),
            due_date=dt.date(year + 1, 1, 31),
        )
    with assert_queries(QUERIES):
        rows = soup_of(client.get(list_url(demo))).select("tr.round")
    assert len(rows) == shown_before + 6 == ReportingRound.objects.filter(plan=demo).count()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_its_counts_read_an_index_not_the_reports(plan, action, other_action):
    # The counts of every round: from the covering index alone, never the reports' rows
    # (their long texts), so the cost per report stays that of an index entry.
    open_round(plan)
    with CaptureQueriesContext(connection) as context:
        selectors.round_list(plan=plan, today=timezone.localdate())
    (query,) = context.captured_queries
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
        steps = [row[-1] for row in cursor.fetchall()]
    reports = [step for step in steps if "monitoring_progressreport" in step]
    assert len(reports) == 1, steps
    assert reports[0].startswith(
        "SEARCH monitoring_progressreport USING COVERING INDEX progressreport_round_counts"
    ), steps
