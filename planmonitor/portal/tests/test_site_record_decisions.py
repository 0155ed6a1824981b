"""The plan's decisions and calendar: its period, the published rounds and the evaluations."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from planmonitor.monitoring.models import ReportingRound
from planmonitor.plans.models import PlanDecision
from planmonitor.portal.models import RoundPublication

from .hidden import assert_nothing_hidden, published_plan_with_hidden_items
from .site_record import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixture():
    base = published_plan_with_hidden_items()
    base.plan.interim_evaluation_due = dt.date(2027, 6, 30)
    base.plan.final_evaluation_due = dt.date(2029, 6, 30)
    base.plan.save(update_fields=["interim_evaluation_due", "final_evaluation_due"])
    return base


@pytest.mark.parametrize(
    ("language", "interim", "final"),
    [
        ("nl", "Tussentijdse evaluatie", "Eindevaluatie"),
        ("en", "Interim evaluation due", "Final evaluation due"),
    ],
)
def test_it_shows_the_decisions_and_the_calendar(client, fixture, language, interim, final):
    response = client.get(url("decisions", language, short_name=fixture.plan.short_name))
    assert response.status_code == 200
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    decision_rows = soup.select("table tbody tr")
    assert len(decision_rows) == fixture.plan.decisions.count()
    calendar = [li.get_text(" ", strip=True) for li in soup.select("ol.calendar li")]
    assert any(interim in row and "2027" in row for row in calendar), calendar
    assert any(final in row and "2029" in row for row in calendar), calendar
    # The published round links to its page; the unpublished one is not there.
    round_link = url(
        "round", language, short_name=fixture.plan.short_name, pk=fixture.published_round.pk
    )
    assert soup.select(f'ol.calendar a[href="{round_link}"]')
    assert_nothing_hidden(html, fixture)


def _queries(client, address) -> int:
    """The queries of rendering the page (not yet cached), the cache's own left out."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(address).status_code == 200
    return len([q for q in context.captured_queries if not _cache_query(q["sql"])])


def _cache_query(sql: str) -> bool:
    return "planmonitor_cache" in sql or "SAVEPOINT" in sql


def test_the_number_of_queries_does_not_grow_with_decisions_and_rounds(client, fixture):
    address = url("decisions", short_name=fixture.plan.short_name)
    before = _queries(client, address)
    for n in range(4):
        PlanDecision.objects.create(
            plan=fixture.plan,
            kind=PlanDecision.Kind.OTHER,
            date=dt.date(2027, 1, 1 + n),
            description=f"Besluit {n}",
        )
        extra = ReportingRound.objects.create(
            plan=fixture.plan,
            name=f"Ronde {n}",
            period_start=dt.date(2028, 1, 1),
            period_end=dt.date(2028, 6, 30),
            due_date=dt.date(2028, 7, 31),
        )
        RoundPublication.objects.create(round=extra, published_at=timezone.now())
    # + whether the installation holds example data (the banner)
    assert _queries(client, address) == before <= 4


def test_an_unpublished_plan_is_not_found(client, fixture):
    fixture.plan.is_published = False
    fixture.plan.save(update_fields=["is_published"])
    assert client.get(url("decisions", short_name=fixture.plan.short_name)).status_code == 404
