"""The plan overview in pages: a plan of thousands of actions renders one page of them,
in the goal tree's order, with its filters kept in the page links."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planmonitor.plans import search, selectors, views
from planmonitor.plans.models import Action, Minister
from planmonitor.tests.html import parse_html

PER_PAGE = 3


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(views, "OVERVIEW_PER_PAGE", PER_PAGE)


def make_actions(plan, count: int) -> list[Action]:
    """``count`` actions spread over the plan's operational goals; every other one running."""
    goals = list(plan.operational_goals.order_by("-code"))  # not the tree's order
    minister = Minister.objects.get(key="gennez")
    actions = Action.objects.bulk_create(
        Action(
            plan=plan,
            code=f"P{n:03}",
            title=f"Actie {n} opvang",
            operational_goal=goals[n % len(goals)],
            lead_minister=minister,
            status=Action.Status.RUNNING if n % 2 else Action.Status.PLANNED,
        )
        for n in range(count)
    )
    search.index_actions(action.pk for action in actions)
    return actions


def tree_order(**lookups) -> list[str]:
    actions = Action.objects.filter(**lookups).order_by(*selectors.TREE_ORDER)
    return list(actions.values_list("code", flat=True))


def _get(client, plan, **params):
    response = client.get(reverse("plans:plan_overview", args=[plan.short_name]), params)
    assert response.status_code == 200
    return parse_html(response)


def _codes(soup) -> list[str]:
    return [row.th.get_text(strip=True) for row in soup.select("tr.action")]


def _next_link(soup) -> str:
    return soup.select_one("nav.pagination a[rel=next]")["href"]


def test_page_one_holds_the_first_actions_of_the_tree_and_page_two_the_next(
    small_pages, client, plan, coordinator
):
    make_actions(plan, 8)
    client.force_login(coordinator)
    expected = tree_order()

    first = _get(client, plan)
    second = _get(client, plan, page=2)

    assert _codes(first) == expected[:3]
    assert _codes(second) == expected[3:6]
    assert _next_link(first) == "?page=2"
    # The counts are the whole plan's, not the page's.
    assert first.select_one(".result-count").get_text(strip=True) == "8 acties"


def test_a_goal_split_over_pages_counts_all_its_actions(small_pages, client, plan, coordinator):
    od = plan.operational_goals.get(code="2.1")
    make_actions(plan, 1)
    for n in range(5):
        Action.objects.create(
            plan=plan,
            code=f"Q{n}",
            title="In één OD",
            operational_goal=od,
            lead_minister=Minister.objects.get(key="gennez"),
        )
    client.force_login(coordinator)

    pages = [_get(client, plan), _get(client, plan, page=2)]

    for soup in pages:
        section = soup.find(id=f"od-{od.pk}").find_parent("section")
        assert section.select_one(".count").get_text(strip=True) == "5 acties"
        # Only the goals with actions on the page: the page is a piece of the tree.
        assert len(soup.select("section.operational-goal")) <= PER_PAGE


def test_the_filters_stay_in_the_page_links(small_pages, client, plan, coordinator):
    make_actions(plan, 14)
    client.force_login(coordinator)
    running = tree_order(status=Action.Status.RUNNING)
    assert len(running) == 7

    first = _get(client, plan, status="running")
    link = _next_link(first)
    assert link == "?status=running&page=2"
    second = _get(client, plan, status="running", page=2)

    assert _codes(first) + _codes(second) == running[:6]
    # The count is of all the matching actions, not of the page's.
    assert first.select_one(".result-count").get_text().split()[:4] == ["7", "van", "de", "14"]


def test_search_results_come_in_pages_too(small_pages, client, plan, coordinator):
    make_actions(plan, 7)
    client.force_login(coordinator)

    first = _get(client, plan, q="opvang")
    last = _get(client, plan, q="opvang", page=3)

    assert len(_codes(first)) == 3
    assert _next_link(first) == "?q=opvang&page=2"
    seen = _codes(first) + _codes(_get(client, plan, q="opvang", page=2)) + _codes(last)
    assert sorted(seen) == sorted(tree_order())  # each once, over three pages


@pytest.mark.parametrize(("page", "shown"), [("abc", slice(0, 3)), ("999", slice(6, 8))])
def test_a_garbage_or_too_high_page_gives_the_first_or_the_last(
    small_pages, client, plan, coordinator, page, shown
):
    make_actions(plan, 8)
    client.force_login(coordinator)

    assert _codes(_get(client, plan, page=page)) == tree_order()[shown]


def test_a_plan_of_the_real_size_is_one_page_without_page_links(client, plan, coordinator):
    make_actions(plan, 150)  # the plan after its 2027 update
    client.force_login(coordinator)

    soup = _get(client, plan)

    assert len(_codes(soup)) == 150
    assert soup.select_one("nav.pagination") is None
    # The whole tree, goals without actions too, as before pages.
    assert len(soup.select("section.operational-goal")) == plan.operational_goals.count()


def test_a_last_page_of_a_few_rows_joins_the_one_before(monkeypatch, client, plan, coordinator):
    monkeypatch.setattr(views, "OVERVIEW_PER_PAGE", 20)  # two orphans allowed
    make_actions(plan, 22)
    client.force_login(coordinator)

    soup = _get(client, plan)

    assert len(_codes(soup)) == 22
    assert soup.select_one("nav.pagination") is None


def _queries_and_rows(client, plan, params) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        soup = _get(client, plan, page=2, **params)
    return len(captured), len(_codes(soup))


@pytest.mark.parametrize("params", [{}, {"status": "running"}])
def test_queries_and_rows_do_not_grow_with_the_plan(small_pages, client, plan, coordinator, params):
    client.force_login(coordinator)
    _get(client, plan)  # the first visit remembers the plan in the session: its own queries
    make_actions(plan, 12)
    few = _queries_and_rows(client, plan, params)
    Action.objects.filter(plan=plan).delete()
    make_actions(plan, 60)
    many = _queries_and_rows(client, plan, params)

    assert few == many == (few[0], PER_PAGE)
