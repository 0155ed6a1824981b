"""The plan's Atom and RSS feeds of published updates."""

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .hidden import assert_nothing_hidden, published_plan_with_hidden_items
from .site_record import events_create, url

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def fixture():
    base = published_plan_with_hidden_items()
    base.events = events_create(base, count=3)
    return base


def atom_titles(content: bytes) -> list[str]:
    return [
        entry.find(f"{ATOM}title").text for entry in ET.fromstring(content).iter(f"{ATOM}entry")
    ]


def rss_items(content: bytes) -> list[ET.Element]:
    return list(ET.fromstring(content).iter("item"))


@pytest.mark.parametrize(("language", "word"), [("nl", "Voortgang"), ("en", "Progress")])
def test_the_atom_feed_lists_the_updates_newest_first_in_the_language(
    client, fixture, language, word
):
    response = client.get(url("feed_atom", language, short_name=fixture.plan.short_name))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    titles = atom_titles(response.content)
    assert [t.split(" ")[0] for t in titles] == [f"{fixture.shown['event']}-{n}" for n in (2, 1, 0)]
    assert all(word in t for t in titles)
    links = [
        e.get("href")
        for e in ET.fromstring(response.content).iter(f"{ATOM}link")
        if e.get("rel") == "alternate"
    ]
    round_page = url(
        "round", language, short_name=fixture.plan.short_name, pk=fixture.published_round.pk
    )
    assert any(link.endswith(round_page) for link in links)
    assert_nothing_hidden(response.content.decode(), fixture)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_rss_feed_lists_the_same_updates(client, fixture, language):
    response = client.get(url("feed_rss", language, short_name=fixture.plan.short_name))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    items = rss_items(response.content)
    assert len(items) == 3
    assert items[0].find("title").text.startswith(f"{fixture.shown['event']}-2")
    assert_nothing_hidden(response.content.decode(), fixture)


def test_the_feed_is_limited(client, fixture):
    events_create(fixture, count=60)
    titles = atom_titles(client.get(url("feed_atom", short_name=fixture.plan.short_name)).content)
    assert len(titles) == 50


def test_an_unpublished_or_unknown_plan_has_no_feed(client, fixture):
    assert client.get(url("feed_rss", short_name="geen-plan")).status_code == 404
    fixture.plan.is_published = False
    fixture.plan.save(update_fields=["is_published"])
    assert client.get(url("feed_atom", short_name=fixture.plan.short_name)).status_code == 404
    assert client.get(url("feed_rss", short_name=fixture.plan.short_name)).status_code == 404


def _queries(client, address) -> int:
    """The queries of rendering the page (not yet cached), the cache's own left out."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(address).status_code == 200
    return len([q for q in context.captured_queries if not _cache_query(q["sql"])])


def _cache_query(sql: str) -> bool:
    return "planmonitor_cache" in sql or "SAVEPOINT" in sql


@pytest.mark.parametrize("name", ["feed_atom", "feed_rss"])
def test_the_number_of_queries_does_not_grow_with_the_updates(client, fixture, name):
    address = url(name, short_name=fixture.plan.short_name)
    before = _queries(client, address)
    events_create(fixture, count=10)
    assert _queries(client, address) == before <= 2


def test_a_new_version_of_a_published_plan_is_an_entry_of_the_feed(client, fixture):
    import datetime as dt

    from planmonitor.evaluation.models import PlanVersion
    from planmonitor.portal.models import PublicationEvent, PublicationKind

    assert not PlanVersion.objects.filter(plan=fixture.plan).exists()
    number = 1  # the plan as approved (later ones need their revision)
    PlanVersion.objects.create(
        plan=fixture.plan, number=number, effective_date=dt.date(2027, 7, 1), content={}
    )
    event = PublicationEvent.objects.get(plan=fixture.plan, kind=PublicationKind.VERSION)
    assert event.title == f"Nieuwe versie van het plan: versie {number}"
    assert event.title_en == f"New version of the plan: version {number}"
    cache.clear()
    feed = client.get(url("feed_atom", short_name=fixture.plan.short_name)).content.decode()
    assert f"versie {number}" in feed
    assert f"/versies/{number}/" in feed


def test_a_version_of_an_unpublished_plan_is_no_entry(fixture):
    import datetime as dt

    from planmonitor.evaluation.models import PlanVersion
    from planmonitor.plans.models import Plan
    from planmonitor.portal.models import PublicationEvent, PublicationKind

    Plan.objects.filter(pk=fixture.plan.pk).update(is_published=False)
    plan = Plan.objects.get(pk=fixture.plan.pk)
    PlanVersion.objects.create(plan=plan, number=1, effective_date=dt.date(2027, 7, 1), content={})
    assert not PublicationEvent.objects.filter(kind=PublicationKind.VERSION).exists()
