""" "Mijn acties" in pages: a coordinator of a plan of thousands of actions gets one page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planmonitor.plans import views
from planmonitor.plans.models import Action
from planmonitor.tests.html import parse_html

from .test_overview_pages import make_actions

URL = reverse("plans:my_actions")
PER_PAGE = 3


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(views, "HOME_PER_PAGE", PER_PAGE)


def _get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return parse_html(response)


def _codes(soup) -> list[str]:
    return [row.th.get_text(strip=True) for row in soup.select("tr.action")]


def _in_order() -> list[str]:
    return list(Action.objects.order_by("plan__short_name", "code").values_list("code", flat=True))


def test_page_one_holds_the_first_actions_and_page_two_the_next(
    small_pages, client, plan, coordinator
):
    make_actions(plan, 8)
    client.force_login(coordinator)

    first = _get(client)
    second = _get(client, page="2")

    assert _codes(first) == _in_order()[:3]
    assert _codes(second) == _in_order()[3:6]
    assert first.select_one("nav.pagination a[rel=next]")["href"] == "?page=2"
    assert first.select_one(".result-count").get_text(strip=True) == "8 acties"


@pytest.mark.parametrize(("page", "shown"), [("-1x", slice(0, 3)), ("50", slice(6, 8))])
def test_a_garbage_or_too_high_page_gives_the_first_or_the_last(
    small_pages, client, plan, coordinator, page, shown
):
    make_actions(plan, 8)
    client.force_login(coordinator)

    assert _codes(_get(client, page=page)) == _in_order()[shown]


def test_the_real_plan_is_one_page_without_page_links(client, plan, coordinator):
    make_actions(plan, 150)
    client.force_login(coordinator)

    soup = _get(client)

    assert len(_codes(soup)) == 150
    assert soup.select_one("nav.pagination") is None


def _queries_and_rows(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        soup = _get(client, page="2")
    return len(captured), len(_codes(soup))


def test_queries_and_rows_do_not_grow_with_the_actions(small_pages, client, plan, coordinator):
    client.force_login(coordinator)
    _get(client)  # the session's first visit has queries of its own
    make_actions(plan, 8)
    few = _queries_and_rows(client)
    Action.objects.all().delete()
    make_actions(plan, 60)
    many = _queries_and_rows(client)

    assert few == many == (few[0], PER_PAGE)
