"""The public site's lists come in pages (?pagina=N): the action list and search, a goal's
actions, a round's reports. Counted, filtered and sliced in the database: the queries do
not grow with the rows; the counts and figures cover the whole (filtered) set; each page
is cached apart; a plan of today's size has no page links."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planmonitor.monitoring.models import ProgressReport, ReportState
from planmonitor.plans import search
from planmonitor.plans.models import Action, Minister, OperationalGoal
from planmonitor.portal.site import paging
from planmonitor.portal.tests.site_helpers import (
    framework_urls,
    indexed_fixture,
    memory_cache,
    soup,
)
from planmonitor.portal.tests.site_record import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    yield from memory_cache(settings)


@pytest.fixture
def fixture(page_cache):
    return indexed_fixture()


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(paging, "PAGE_SIZE", 3)


def more_actions(fixture, count: int, *, reported: bool = True) -> None:
    """``count`` more actions under T001's goal, led by "gennez", each (``reported``) with an
    accepted report in the published round; titles hold "opvolging" for the search."""
    goal = fixture.action.operational_goal
    minister = Minister.objects.get(key="gennez")
    start = Action.objects.filter(plan=fixture.plan, code__startswith="X").count()
    actions = Action.objects.bulk_create(
        Action(
            plan=fixture.plan,
            code=f"X{n:03}",
            title=f"Opvolging van deel {n}",
            operational_goal=goal,
            lead_minister=minister,
        )
        for n in range(start, start + count)
    )
    if reported:
        ProgressReport.objects.bulk_create(
            ProgressReport(
                round=fixture.published_round,
                action=action,
                implementation_status="delayed" if n % 2 else "on_track",
                status_reason="Vertraagd",
                public_text=f"Tekst {n}",
                state=ReportState.ACCEPTED,
            )
            for n, action in enumerate(actions)
        )
    search.index_plan(fixture.plan)
    cache.clear()


def round_address(fixture) -> str:
    return url("round", short_name=fixture.plan.short_name, pk=fixture.published_round.pk)


def paged_lists(fixture) -> list[str]:
    urls = framework_urls(fixture, "nl")
    return [
        urls["actions"],
        urls["strategic_goal"],
        urls["operational_goal"],
        round_address(fixture),
    ]


def codes(response) -> list[str]:
    return [s.get_text() for s in soup(response).select("ul.results .code")]


def round_codes(response) -> list[str]:
    return [a.h3.get_text(strip=True).split(" –")[0] for a in soup(response).select("article")]


def next_link(response) -> str | None:
    link = soup(response).select_one("nav.pagination a[rel=next]")
    return link["href"] if link else None


def walk(client, address: str, read, query: dict | None = None) -> list[str]:
    """Every page's rows, following the "next" links from the first page."""
    rows: list[str] = []
    response = client.get(address, query or {})
    for _ in range(100):
        assert response.status_code == 200
        rows += read(response)
        href = next_link(response)
        if href is None:
            return rows
        response = client.get(address + href)
    raise AssertionError("no last page")


def test_the_action_list_pages_cover_every_action_once(client, fixture, small_pages):
    more_actions(fixture, 7)
    address = framework_urls(fixture, "nl")["actions"]
    everything = sorted(Action.objects.filter(plan=fixture.plan).values_list("code", flat=True))
    assert len(codes(client.get(address))) == 3
    assert walk(client, address, codes) == everything
    # The heading counts the whole list, not the page.
    heading = soup(client.get(address)).find("h2", id="results").get_text()
    assert str(len(everything)) in heading


def test_filters_and_search_words_survive_paging(client, fixture, small_pages):
    more_actions(fixture, 7)
    address = framework_urls(fixture, "nl")["actions"]
    first = client.get(address, {"minister": "gennez", "q": "opvolging"})
    query = parse_qs(urlparse(next_link(first)).query)
    assert query == {"minister": ["gennez"], "q": ["opvolging"], "pagina": ["2"]}
    found = walk(client, address, codes, {"minister": "gennez", "q": "opvolging"})
    assert sorted(found) == [f"X{n:03}" for n in range(7)]
    assert len(found) == len(set(found))
    # A filter alone, too: every page keeps it.
    filtered = walk(
        client, address, codes, {"sd": fixture.action.operational_goal.strategic_goal.code}
    )
    assert set(filtered) >= {f"X{n:03}" for n in range(7)}
    assert "T002" not in filtered  # under another strategic goal


@pytest.mark.parametrize("number", ["abc", "-1", "0", "99999", "1e3", "2.5", "\x00", ""])
def test_a_page_number_that_is_not_one_gives_a_page(client, fixture, small_pages, number):
    more_actions(fixture, 7)
    for address in paged_lists(fixture):
        response = client.get(address, {"pagina": number})
        assert response.status_code == 200, (address, number)
        assert soup(response).select("nav.pagination"), address


def test_each_page_is_cached_apart(client, fixture, small_pages):
    more_actions(fixture, 7)
    address = framework_urls(fixture, "nl")["actions"]
    first = codes(client.get(address))
    second = codes(client.get(address, {"pagina": 2}))
    assert first != second
    # Now both are served from the cache: still each its own page.
    with CaptureQueriesContext(connection) as context:
        assert codes(client.get(address, {"pagina": 2})) == second
        assert codes(client.get(address)) == first
    assert not context.captured_queries  # the cache is in memory: a hit costs no query
    filtered = codes(client.get(address, {"pagina": 2, "minister": "gennez"}))
    assert filtered != second


def page_queries(client, address: str) -> int:
    """The queries of rendering the page (not cached), the cache's own left out."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(address).status_code == 200
    return len([q for q in context.captured_queries if "SAVEPOINT" not in q["sql"]])


def test_the_queries_do_not_grow_with_the_rows(client, fixture, small_pages):
    urls = framework_urls(fixture, "nl")
    addresses = [
        urls["plan"],
        urls["actions"],
        urls["actions"] + "?q=opvolging&minister=gennez&pagina=2",
        urls["actions"] + "?status=on_track",
        urls["strategic_goal"],
        urls["operational_goal"] + "?pagina=2",
        round_address(fixture),
    ]
    more_actions(fixture, 4)
    before = {address: page_queries(client, address) for address in addresses}
    more_actions(fixture, 40)
    after = {address: page_queries(client, address) for address in addresses}
    assert after == before


def test_the_figures_count_every_action_not_the_page(client, fixture, small_pages):
    more_actions(fixture, 8)  # X000..X007: half on track, half delayed
    page = soup(client.get(framework_urls(fixture, "nl")["plan"]))
    track = page.find("h3", id="figure-track").find_parent("section")
    rows = {
        r.th.get_text(strip=True): r.td.get_text(strip=True) for r in track.tbody.find_all("tr")
    }
    # T001 and four extra actions on track; four delayed.
    assert rows["Op schema"] == "5"
    assert rows["Niet op schema"] == "4"
    total = Action.objects.filter(plan=fixture.plan).count()
    assert f"{total} acties" in page.find("p", class_="muted").get_text()
    goal = OperationalGoal.objects.get(pk=fixture.action.operational_goal_id)
    expected = Action.objects.filter(operational_goal=goal).count()
    framework = page.find("ul", class_="framework").get_text(" ", strip=True)
    assert f"({expected} acties)" in framework
    # The round page counts every report, and lists a page of them.
    response = client.get(round_address(fixture))
    assert len(round_codes(response)) == 3
    summary = soup(response).find("section", attrs={"aria-labelledby": "summary-heading"})
    assert "9 acties" in summary.get_text()


def test_a_goal_s_actions_and_a_round_s_reports_come_in_pages(client, fixture, small_pages):
    more_actions(fixture, 7)
    urls = framework_urls(fixture, "nl")
    goal = fixture.action.operational_goal
    under_od = sorted(Action.objects.filter(operational_goal=goal).values_list("code", flat=True))
    assert walk(client, urls["operational_goal"], codes) == under_od
    under_sd = Action.objects.filter(operational_goal__strategic_goal=goal.strategic_goal)
    assert sorted(walk(client, urls["strategic_goal"], codes)) == sorted(
        under_sd.values_list("code", flat=True)
    )
    reported = walk(client, round_address(fixture), round_codes)
    assert reported == ["T001", *(f"X{n:03}" for n in range(7))]


def test_a_plan_of_today_s_size_has_no_page_links(client, fixture):
    more_actions(fixture, 150)  # ~155 actions, all under one goal, all reported
    urls = framework_urls(fixture, "nl")
    for address in paged_lists(fixture):
        response = client.get(address)
        assert response.status_code == 200
        assert not soup(response).select("nav.pagination"), address
    assert (
        len(codes(client.get(urls["actions"]))) == Action.objects.filter(plan=fixture.plan).count()
    )
