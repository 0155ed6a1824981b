"""The public search (portal:actions): stemmed Dutch search in the public scope, filters
in the URL, bad values ignored with a message (the pages: test_site_paging.py)."""

import pytest

from planmonitor.plans import search
from planmonitor.portal.tests.site_helpers import (
    framework_urls,
    indexed_fixture,
    memory_cache,
    soup,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    yield from memory_cache(settings)


@pytest.fixture
def fixture(page_cache):
    return indexed_fixture()


def codes(response) -> list[str]:
    return [s.get_text() for s in soup(response).select("ul.results .code")]


def test_a_dutch_search_matches_by_stem(client, fixture):
    url = framework_urls(fixture, "nl")["actions"]
    # "opleidingen" finds "opleiding" (T001's title).
    assert codes(client.get(url, {"q": "opleidingen"})) == ["T001"]
    assert codes(client.get(url, {"q": "sportclub"})) == ["T002"]


def test_the_search_never_finds_an_internal_text(client, fixture):
    url = framework_urls(fixture, "nl")["actions"]
    # The sheet's goal is in the internal scope of the index, not in the public one.
    internal = search.hits(plan=fixture.plan, query="VERBORGEN-sheet-goal", scopes=["internal"])
    assert internal
    assert codes(client.get(url, {"q": "VERBORGEN-sheet-goal"})) == []


def test_filters_combine(client, fixture):
    url = framework_urls(fixture, "nl")["actions"]
    assert set(codes(client.get(url, {"minister": "gennez"}))) == {"T001", "T003", "T005"}
    assert codes(client.get(url, {"minister": "gennez", "status": "on_track"})) == ["T001"]
    assert codes(client.get(url, {"sd": "1"})) == ["T002", "T004"]
    assert codes(client.get(url, {"od": "2.1", "q": "opvang"})) == ["T005"]


def test_the_form_is_get_without_a_csrf_token(client, fixture):
    response = client.get(framework_urls(fixture, "nl")["actions"], {"minister": "gennez"})
    form = soup(response).find("form", class_="search-form")
    assert form["method"] == "get"
    assert not form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    # The chosen filter shows selected, so the URL can be shared and read back.
    assert form.find("option", selected=True, value="gennez")


@pytest.mark.parametrize(
    "query",
    [
        {"minister": "nobody"},
        {"status": "'; drop table"},
        {"sd": "99", "od": "x"},
        {"q": "x" * 5000},
        {"pagina": "-3"},
        {"pagina": "abc", "vorm": "\x00"},
    ],
)
def test_bad_filters_are_ignored_with_a_message(client, fixture, query):
    response = client.get(framework_urls(fixture, "nl")["actions"], query)
    assert response.status_code == 200
    if "pagina" not in query or len(query) > 1:
        assert soup(response).find("p", class_="notice")
    assert "T001" in codes(response)
