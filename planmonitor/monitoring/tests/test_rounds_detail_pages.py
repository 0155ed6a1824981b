"""A round's page in pages: a round of thousands of reports renders one page of them;
the summary counts the whole round, in the database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planmonitor.monitoring.rounds import views
from planmonitor.plans.models import Action
from planmonitor.plans.tests.test_overview_pages import make_actions
from planmonitor.tests.html import parse_html

from .rounds_helpers import detail_url, open_round, submit

PER_PAGE = 3


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(views, "ROUND_PER_PAGE", PER_PAGE)


def _get(client, reporting_round, **params):
    response = client.get(detail_url(reporting_round), params)
    assert response.status_code == 200
    return parse_html(response)


def _codes(soup) -> list[str]:
    return [row["data-code"] for row in soup.select("tr.report")]


def _summary(soup) -> dict[str, str]:
    return {
        item.a["href"].removeprefix("?state="): item.select_one(".round-summary__count").get_text()
        for item in soup.select(".round-summary__item")
    }


@pytest.fixture
def big_round(plan):
    make_actions(plan, 8)
    return open_round(plan, actions=list(Action.objects.filter(plan=plan)))


def _codes_of(reporting_round, **lookups) -> list[str]:
    reports = reporting_round.reports.filter(**lookups).order_by("action__code")
    return list(reports.values_list("action__code", flat=True))


def test_page_one_holds_the_first_reports_and_page_two_the_next(
    small_pages, client, big_round, coordinator
):
    client.force_login(coordinator)

    first = _get(client, big_round)
    second = _get(client, big_round, page=2)

    assert _codes(first) == _codes_of(big_round)[:3]
    assert _codes(second) == _codes_of(big_round)[3:6]
    assert first.select_one(".result-count").get_text(strip=True) == "8 rapporten"
    # The summary is the whole round's, on every page.
    assert _summary(first) == _summary(second)
    assert _summary(first)["not_started"] == "8"


def test_the_state_filter_is_done_in_the_database_and_stays_in_the_page_links(
    small_pages, client, big_round, coordinator, owner
):
    for report in big_round.reports.order_by("action__code")[:5]:
        submit(report, coordinator)
    client.force_login(coordinator)
    submitted = _codes_of(big_round, state="submitted")

    first = _get(client, big_round, state="submitted")
    second = _get(client, big_round, state="submitted", page=2)

    assert first.select_one("nav.pagination a[rel=next]")["href"] == "?state=submitted&page=2"
    assert _codes(first) + _codes(second) == submitted
    assert first.select_one(".result-count").get_text(" ", strip=True) == "5 van de 8 rapporten"
    assert _summary(first)["submitted"] == "5"
    assert _summary(first)["not_started"] == "3"


@pytest.mark.parametrize(("page", "shown"), [("x", slice(0, 3)), ("9", slice(6, 8))])
def test_a_garbage_or_too_high_page_gives_the_first_or_the_last(
    small_pages, client, big_round, coordinator, page, shown
):
    client.force_login(coordinator)

    assert _codes(_get(client, big_round, page=page)) == _codes_of(big_round)[shown]


def test_a_round_of_the_real_plan_is_one_page_without_page_links(client, plan, coordinator):
    make_actions(plan, 150)
    reporting_round = open_round(plan, actions=list(Action.objects.filter(plan=plan)))
    client.force_login(coordinator)

    soup = _get(client, reporting_round)

    assert len(_codes(soup)) == 150
    assert soup.select_one("nav.pagination") is None


def _queries_and_rows(client, reporting_round) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        soup = _get(client, reporting_round, page=2)
    return len(captured), len(_codes(soup))


def test_queries_and_rows_do_not_grow_with_the_reports(small_pages, client, plan, coordinator):
    make_actions(plan, 40)
    actions = list(Action.objects.filter(plan=plan).order_by("code"))
    small = open_round(plan, name="Klein", actions=actions[:8])
    big = open_round(plan, name="Groot", actions=actions)
    client.force_login(coordinator)
    _get(client, small)  # the session's first visit has queries of its own

    assert _queries_and_rows(client, small) == _queries_and_rows(client, big)
    assert _queries_and_rows(client, big)[1] == PER_PAGE
