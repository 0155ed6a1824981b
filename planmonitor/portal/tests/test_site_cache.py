"""The public pages' cache (portal/site/caching.py) and their query counts: a page is
rendered once per publication, served from the cache after, and costs the same number of
queries whatever the number of actions."""

import pickle

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planmonitor.plans.models import Action, Minister, TargetGroup, ViolenceForm
from planmonitor.portal import cache as portal_cache
from planmonitor.portal import preview
from planmonitor.portal.site.caching import full_path_key
from planmonitor.portal.tests.site_helpers import (
    framework_urls,
    indexed_fixture,
    memory_cache,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    yield from memory_cache(settings)


@pytest.fixture
def fixture(page_cache):
    return indexed_fixture()


# Each page also asks once whether the installation holds example data (its banner).
# plan, strategic goals, operational goals, actions, latest round, its reports.
PLAN_QUERIES = 7
# plan, the form's five lists, latest round, actions (filtered), statuses.
ACTIONS_QUERIES = 11
# plan, action, its four term lists, indicators, its reports and their values.
ACTION_QUERIES = 10


def count(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def add_actions(fixture, n: int) -> None:
    plan = fixture.plan
    goal = fixture.action.operational_goal
    ministers = list(Minister.objects.all()[:3])
    forms = list(ViolenceForm.objects.filter(plan=plan)[:2])
    groups = list(TargetGroup.objects.filter(plan=plan)[:2])
    for i in range(n):
        action = Action.objects.create(
            plan=plan,
            code=f"N{i:03}",
            title=f"Extra actie {i}",
            operational_goal=goal,
            lead_minister=ministers[i % len(ministers)],
        )
        action.co_ministers.add(*ministers)
        action.violence_forms.add(*forms)
        action.target_groups.add(*groups)


@pytest.mark.parametrize(
    ("name", "limit"),
    [("plan", PLAN_QUERIES), ("actions", ACTIONS_QUERIES), ("action", ACTION_QUERIES)],
)
def test_queries_do_not_grow_with_the_number_of_actions(
    client, fixture, page_cache, django_assert_max_num_queries, name, limit
):
    url = framework_urls(fixture, "nl")[name]
    with django_assert_max_num_queries(limit):
        client.get(url)
    page_cache.clear()
    before = count(client, url)
    add_actions(fixture, 12)
    page_cache.clear()
    assert count(client, url) == before


def test_a_search_with_filters_costs_a_fixed_number_of_queries(
    client, fixture, django_assert_max_num_queries
):
    url = framework_urls(fixture, "nl")["actions"]
    # One more for the search itself, one for the status filter's reports.
    with django_assert_max_num_queries(ACTIONS_QUERIES + 1):
        client.get(url, {"q": "testactie", "minister": "gennez", "status": "on_track"})


@pytest.mark.parametrize(
    "name", ["plan", "actions", "action", "strategic_goal", "operational_goal"]
)
def test_the_second_request_is_served_from_the_cache(client, fixture, name):
    url = framework_urls(fixture, "nl")[name]
    first = client.get(url)
    assert set(first["Cache-Control"].split(", ")) == {"public", "max-age=60"}
    assert "Cookie" in first["Vary"]
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert len(queries) <= 1
    assert second.content == first.content
    assert set(second["Cache-Control"].split(", ")) == {"public", "max-age=60"}


def test_a_publication_renders_the_pages_anew(client, fixture, django_capture_on_commit_callbacks):
    url = framework_urls(fixture, "nl")["action"]
    client.get(url)
    fixture.action.title = "OPENBAAR-nieuwe-titel"
    fixture.action.save(update_fields=["title"])
    # Not published yet: the cached page stays.
    assert "OPENBAAR-nieuwe-titel" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        portal_cache.bump()  # what every publication does
    assert "OPENBAAR-nieuwe-titel" in client.get(url).content.decode()


def test_languages_and_query_strings_are_separate_pages(client, fixture):
    nl = framework_urls(fixture, "nl")["actions"]
    en = framework_urls(fixture, "en")["actions"]
    assert client.get(nl).content != client.get(en).content
    one = client.get(nl, {"minister": "gennez"}).content
    assert client.get(nl + "?status=&minister=gennez").content != one  # other parameters
    assert client.get(nl, {"minister": "gennez"}).content == one


def test_the_key_sorts_the_query_string(rf):
    assert full_path_key(rf.get("/nl/x/?b=1&a=2")) == full_path_key(rf.get("/nl/x/?a=2&b=1"))
    assert full_path_key(rf.get("/nl/x/?a=1")) != full_path_key(rf.get("/nl/x/?a=2"))


def test_no_cached_page_holds_a_csrf_token(client, fixture, page_cache):
    urls = framework_urls(fixture, "en")
    for url in urls.values():
        client.get(url)
    # Every entry in the cache is a page, none with a token.
    stored = [pickle.loads(value) for value in page_cache._cache.values()]  # locmem's store
    stored = [value for value in stored if isinstance(value, tuple)]
    assert len(stored) == len(urls)
    for content, content_type in stored:
        assert b"csrfmiddlewaretoken" not in content
        assert content_type.startswith("text/html")


def test_a_page_with_a_csrf_token_is_not_cached(rf, page_cache):
    from django.http import HttpResponse

    from planmonitor.portal.site.caching import cached_public_page

    calls = []

    @cached_public_page
    def view(request):
        calls.append(1)
        return HttpResponse('<input name="csrfmiddlewaretoken" value="x">')

    request = rf.get("/nl/test/")
    request.session = {}
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    view(request)
    view(request)
    assert len(calls) == 2


def test_a_preview_is_never_cached(client, fixture, coordinator):
    fixture.plan.is_published = False
    fixture.plan.save(update_fields=["is_published"])
    url = framework_urls(fixture, "nl")["plan"]
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    session = client.session
    session[preview.SESSION_KEY] = {"plans": [fixture.plan.pk], "rounds": []}
    session.save()
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    client.logout()
    # The public still gets the 404, not the previewed page.
    assert client.get(url).status_code == 404
