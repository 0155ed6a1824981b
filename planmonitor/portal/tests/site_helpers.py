"""Shared by the public site's framework tests: a clean in-memory page cache, the URLs of
the framework pages of the hidden-items plan, and HTML parsing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from planmonitor.plans import search
from planmonitor.portal.tests.hidden import PublicFixture, published_plan_with_hidden_items

LANGUAGES = ("nl", "en")


def memory_cache(settings) -> Iterator[Any]:
    """The cache in memory: a cache hit costs no query, and each test starts empty.
    (Each test module wraps it in its ``page_cache`` fixture.)"""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield cache
    cache.clear()


def indexed_fixture() -> PublicFixture:
    """The hidden-items plan, its public search index built."""
    found = published_plan_with_hidden_items()
    search.index_plan(found.plan)
    return found


def framework_urls(fixture: PublicFixture, language: str) -> dict[str, str]:
    plan = fixture.plan.short_name
    goal = fixture.action.operational_goal
    with translation.override(language):
        return {
            "plan": reverse("portal:plan", args=[plan]),
            "strategic_goal": reverse(
                "portal:strategic_goal", args=[plan, goal.strategic_goal.code]
            ),
            "operational_goal": reverse("portal:operational_goal", args=[plan, goal.code]),
            "actions": reverse("portal:actions", args=[plan]),
            "action": reverse("portal:action", args=[plan, fixture.action.code]),
        }


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")
