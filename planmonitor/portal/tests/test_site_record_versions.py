"""The plan's versions and, per version, what changed since the previous one."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planmonitor.evaluation.models import PlanVersion, Revision

from .hidden import assert_nothing_hidden, published_plan_with_hidden_items
from .site_record import url, versions_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixture():
    base = published_plan_with_hidden_items()
    versions_create(base)
    return base


@pytest.mark.parametrize("language", ["nl", "en"])
def test_it_lists_the_versions(client, fixture, language):
    response = client.get(url("versions", language, short_name=fixture.plan.short_name))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    links = [a["href"] for a in soup.select("tbody th a")]
    assert links == [
        url("version", language, short_name=fixture.plan.short_name, number=n) for n in (1, 2)
    ]
    assert_nothing_hidden(response.content.decode(), fixture)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_version_shows_what_changed_field_by_field(client, fixture, language):
    response = client.get(url("version", language, short_name=fixture.plan.short_name, number=2))
    assert response.status_code == 200
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    added = soup.find(id="added-heading").parent
    assert fixture.shown["added-action"] in added.get_text()
    changed = soup.find(id="changed-heading").parent
    row = changed.find("tbody").find("tr")
    cells = [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
    assert cells[1] == fixture.action.title and cells[2] == fixture.shown["new-title"]
    discontinued = soup.find(id="discontinued-heading").parent
    assert fixture.other_action.code in discontinued.get_text()
    assert_nothing_hidden(html, fixture)  # the approved change's reason stays internal


def test_the_first_version_has_nothing_to_compare_with(client, fixture):
    html = client.get(url("version", "en", short_name=fixture.plan.short_name, number=1)).content
    assert b"no earlier version" in html
    assert not BeautifulSoup(html, "html.parser").find(id="changed-heading")


def test_an_unknown_version_or_unpublished_plan_is_not_found(client, fixture):
    short_name = fixture.plan.short_name
    assert client.get(url("version", short_name=short_name, number=9)).status_code == 404
    fixture.plan.is_published = False
    fixture.plan.save(update_fields=["is_published"])
    assert client.get(url("versions", short_name=short_name)).status_code == 404
    assert client.get(url("version", short_name=short_name, number=1)).status_code == 404


def _queries(client, address) -> int:
    """The queries of rendering the page (not yet cached), the cache's own left out."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(address).status_code == 200
    return len([q for q in context.captured_queries if not _cache_query(q["sql"])])


def _cache_query(sql: str) -> bool:
    return "planmonitor_cache" in sql or "SAVEPOINT" in sql


def test_the_number_of_queries_does_not_grow_with_the_versions(client, fixture):
    address = url("versions", short_name=fixture.plan.short_name)
    before = _queries(client, address)
    last = PlanVersion.objects.get(plan=fixture.plan, number=2)
    for number in (3, 4, 5):
        revision = Revision.objects.create(
            plan=fixture.plan,
            name=f"Actualisering {number}",
            status="approved",
            decision_date=last.decision_date,
            effective_date=last.effective_date,
        )
        PlanVersion.objects.create(
            plan=fixture.plan,
            number=number,
            effective_date=last.effective_date,
            content=last.content,
            revision=revision,
        )
    # + whether the installation holds example data (the banner)
    assert _queries(client, address) == before <= 4
    # A version page: plan, version, previous version, the revision's changes.
    assert _queries(client, url("version", short_name=fixture.plan.short_name, number=2)) <= 5
