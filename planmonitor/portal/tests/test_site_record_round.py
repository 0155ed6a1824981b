"""The public page of a published round: accepted, not withheld reports only, with their
status, public text and indicator values, small counts of sensitive indicators as "< 5"."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planmonitor.monitoring.models import IndicatorValue, ProgressReport, ReportState
from planmonitor.plans.models import Action, Indicator, Minister, OperationalGoal

from .hidden import SMALL_COUNT, assert_nothing_hidden, published_plan_with_hidden_items
from .site_record import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixture():
    return published_plan_with_hidden_items()


def round_url(fixture, language="nl", pk=None):
    return url(
        "round", language, short_name=fixture.plan.short_name, pk=pk or fixture.published_round.pk
    )


def value_cells(html: str) -> dict[str, str]:
    """Indicator row heading -> shown value, from the round page's value tables."""
    soup = BeautifulSoup(html, "html.parser")
    rows = {}
    for row in soup.select("article.round-action tbody tr"):
        rows[row.th.get_text(" ", strip=True)] = row.td.get_text(" ", strip=True)
    return rows


@pytest.mark.parametrize("language", ["nl", "en"])
def test_it_shows_the_accepted_report_with_its_status_and_text(client, fixture, language):
    response = client.get(round_url(fixture, language))
    assert response.status_code == 200
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    articles = soup.select("article.round-action")
    assert [a.h3.get_text(strip=True).split(" –")[0] for a in articles] == ["T001"]
    assert fixture.shown["report"] in articles[0].get_text()
    status = "Running as planned" if language == "en" else "Lopend volgens planning"
    assert status in articles[0].get_text(), articles[0].get_text()
    assert_nothing_hidden(html, fixture)


def test_a_small_count_of_a_sensitive_indicator_shows_as_under_five(client, fixture):
    cells = value_cells(client.get(round_url(fixture)).content.decode())
    sensitive = next(text for head, text in cells.items() if head.startswith("I1"))
    open_one = next(text for head, text in cells.items() if head.startswith("I2"))
    assert sensitive.startswith("< 5")
    assert str(SMALL_COUNT) not in sensitive
    assert open_one == "3"  # not sensitive: the same count shows


def test_a_reopened_report_is_not_on_the_page(client, fixture):
    fixture.public_report.state = ReportState.DRAFT  # re-opening sets it back to draft
    fixture.public_report.save(update_fields=["state"])
    html = client.get(round_url(fixture)).content.decode()
    assert fixture.shown["report"] not in html
    assert not BeautifulSoup(html, "html.parser").select("article.round-action")
    assert_nothing_hidden(html, fixture)


def test_the_summary_table_counts_the_statuses(client, fixture):
    soup = BeautifulSoup(client.get(round_url(fixture, "en")).content, "html.parser")
    table = soup.find("caption", string="Actions by status in this round").parent
    rows = [
        [cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])]
        for tr in table.tbody.find_all("tr")
    ]
    assert rows == [["Running as planned", "1", "100%"]]


def test_an_unpublished_round_is_not_found(client, fixture):
    response = client.get(round_url(fixture, pk=fixture.unpublished_round.pk))
    assert response.status_code == 404
    assert_nothing_hidden(response.content.decode(), fixture)


def test_an_unknown_round_or_plan_is_not_found(client, fixture):
    assert client.get(round_url(fixture, pk=999999)).status_code == 404
    assert (
        client.get(url("round", short_name="geen-plan", pk=fixture.published_round.pk)).status_code
        == 404
    )


def test_an_unpublished_plan_is_not_found(client, fixture):
    fixture.plan.is_published = False
    fixture.plan.save(update_fields=["is_published"])
    assert client.get(round_url(fixture)).status_code == 404


def _more_reports(fixture, count: int) -> None:
    goal = OperationalGoal.objects.filter(plan=fixture.plan).first()
    minister = Minister.objects.get(key="gennez")
    for n in range(count):
        action = Action.objects.create(
            plan=fixture.plan,
            code=f"X{n:03}",
            title=f"Extra actie {n}",
            operational_goal=goal,
            lead_minister=minister,
        )
        indicator = Indicator.objects.create(
            action=action,
            code="I1",
            name="Aantal",
            kind=Indicator.Kind.QUANTITATIVE,
            is_sensitive=True,
        )
        report = ProgressReport.objects.create(
            round=fixture.published_round,
            action=action,
            implementation_status="on_track",
            public_text=f"Tekst {n}",
            state=ReportState.ACCEPTED,
        )
        IndicatorValue.objects.create(report=report, indicator=indicator, value=Decimal(n + 1))


def _queries(client, address) -> int:
    """The queries of rendering the page (not yet cached), the cache's own left out."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(address).status_code == 200
    return len([q for q in context.captured_queries if not _cache_query(q["sql"])])


def _cache_query(sql: str) -> bool:
    return "planmonitor_cache" in sql or "SAVEPOINT" in sql


def test_the_number_of_queries_does_not_grow_with_the_reports(client, fixture):
    address = round_url(fixture)
    before = _queries(client, address)
    _more_reports(fixture, 6)
    after = _queries(client, address)
    assert after == before
    # plan, round, the reports counted by status, a page of them, their values (with
    # indicators)
    assert after <= 6


def test_the_page_is_served_from_the_cache_until_the_next_publication(client, fixture):
    from planmonitor.portal.cache import _bump

    address = round_url(fixture)
    assert fixture.shown["report"] in client.get(address).content.decode()
    fixture.public_report.state = ReportState.DRAFT
    fixture.public_report.save(update_fields=["state"])
    with CaptureQueriesContext(connection) as context:
        cached = client.get(address).content.decode()
    assert fixture.shown["report"] in cached  # the cached page: no publication since
    assert not [q for q in context.captured_queries if not _cache_query(q["sql"])]
    _bump()  # what the publishing services do
    assert fixture.shown["report"] not in client.get(address).content.decode()


def test_a_coordinator_previews_an_unpublished_round(client, fixture, coordinator):
    client.force_login(coordinator)
    session = client.session
    session["portal_preview"] = {
        "plans": [fixture.plan.pk],
        "rounds": [fixture.unpublished_round.pk],
    }
    session.save()
    response = client.get(round_url(fixture, pk=fixture.unpublished_round.pk))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert fixture.hidden["unpublished-round-report"] in response.content.decode()


def test_dutch_content_on_the_english_page_is_marked_as_dutch(client, fixture):
    soup = BeautifulSoup(client.get(round_url(fixture, "en")).content, "html.parser")
    article = soup.select_one("article.round-action")
    assert article.h3.find("span", lang="nl").get_text() == fixture.action.title
    assert article.find("div", class_="public-text")["lang"] == "nl"
    dutch = BeautifulSoup(client.get(round_url(fixture, "nl")).content, "html.parser")
    assert not dutch.select_one("article.round-action").find(attrs={"lang": "nl"})
