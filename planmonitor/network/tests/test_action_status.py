"""On track / at risk / off track on the action page: the dashboard's rules on the action's
rows, so the page and the dashboard say the same; for the plan's people, not the public."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from planmonitor.monitoring.tests.progress_helpers import milestone_make, report_make, round_make
from planmonitor.network import selectors, status
from planmonitor.tests.html import parse_html
from planmonitor.tests.queries import check_same_queries


def _page(client, action, lang="en"):
    url = reverse("plans:action_detail", args=[action.plan.short_name, action.code])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return parse_html(response.content)


@pytest.fixture
def delayed(action, plan):
    """``action``: its accepted report says delayed, and a milestone is ten days late."""
    report_make(round_make(plan, 0), action, status="delayed")
    milestone_make(action, timezone.localdate() - dt.timedelta(days=10))
    return action


def test_the_coordinator_sees_the_verdict_with_every_rule_and_the_dashboard_link(
    client, delayed, coordinator
):
    client.force_login(coordinator)
    section = _page(client, delayed).select_one("section.action-status")
    assert "signal--at_risk" in section.select_one(".signal")["class"]
    assert section.select_one(".signal__badge").get_text(strip=True) == "At risk"
    rules = [li["data-rule"] for li in section.select(".action-status__finding")]
    assert rules == ["overdue_milestones", "report_delayed"]
    assert "Vertraging bij de aanbesteding." in section.get_text()
    assert "Running with delay" in section.get_text()
    assert section.find("a", href=reverse("network:dashboard", args=[delayed.plan.short_name]))


def test_the_page_says_what_the_dashboard_says(client, delayed, plan, coordinator):
    today = timezone.localdate()
    milestone_make(delayed, today - dt.timedelta(days=5))  # a second one late: off track
    on_dashboard = status.signals(selectors.dashboard_data(plan), today)[delayed.pk]
    client.force_login(coordinator)
    section = _page(client, delayed).select_one("section.action-status")
    assert on_dashboard == status.OFF_TRACK
    assert f"signal--{on_dashboard}" in section.select_one(".signal")["class"]


def test_the_owner_sees_it_in_dutch_without_the_dashboard_link(client, delayed, owner):
    client.force_login(owner)
    section = _page(client, delayed, lang="nl").select_one("section.action-status")
    assert section.select_one(".signal__badge").get_text(strip=True) == "Aandacht nodig"
    assert (
        section.find("a", href=reverse("network:dashboard", args=[delayed.plan.short_name])) is None
    )


def test_an_action_no_rule_flags_says_so(client, action, coordinator):
    client.force_login(coordinator)
    section = _page(client, action).select_one("section.action-status")
    assert "signal--on_track" in section.select_one(".signal")["class"]
    assert "No rule flags this action" in section.select_one(".action-status__none").get_text()
    assert "No report" in section.get_text()


def test_the_public_does_not_see_it(client, delayed, outsider):
    delayed.plan.is_published = True
    delayed.plan.save()
    client.force_login(outsider)  # anonymous visitors get the portal's page instead
    assert _page(client, delayed).select_one("section.action-status") is None


def test_its_queries_do_not_grow_with_reports_and_milestones(client, action, plan, coordinator):
    client.force_login(coordinator)
    report_make(round_make(plan, 0), action)
    milestone_make(action, dt.date(2030, 1, 1))
    url = reverse("plans:action_detail", args=[plan.short_name, action.code])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(1, 5):
        report_make(round_make(plan, n), action, status="delayed")
        milestone_make(action, dt.date(2030, 1, n + 1))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    check_same_queries(few, many)
