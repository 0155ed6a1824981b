"""The home panels list at most ``PANEL_LIMIT`` reports: a round of thousands of reports
gives the coordinator and the network the first ones and a word that there are more."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planmonitor.monitoring import panels
from planmonitor.plans.models import Action
from planmonitor.plans.tests.test_overview_pages import make_actions
from planmonitor.tests.html import parse_html

from .rounds_helpers import open_round, submit

URL = reverse("plans:my_actions")
LIMIT = 3


@pytest.fixture
def small_panels(monkeypatch):
    monkeypatch.setattr(panels, "PANEL_LIMIT", LIMIT)


def _round(plan, count: int, **dates):
    Action.objects.filter(plan=plan).delete()
    make_actions(plan, count)
    actions = list(Action.objects.filter(plan=plan))
    return open_round(plan, actions=actions, name=f"Ronde van {count}", **dates)


def _home(client):
    with CaptureQueriesContext(connection) as captured:
        soup = parse_html(client.get(URL))
    return soup, len(captured)


@pytest.mark.parametrize(("count", "more"), [(LIMIT, False), (LIMIT + 5, True)])
def test_the_coordinators_reports_to_review_stop_at_the_limit(
    small_panels, client, plan, coordinator, count, more
):
    reporting_round = _round(plan, count)
    for report in reporting_round.reports.all():
        submit(report, coordinator)
    client.force_login(coordinator)

    soup, _queries = _home(client)

    assert len(soup.select("tr.open-report")) == LIMIT
    assert (soup.select_one(".open-reports .panel-more") is not None) is more


def test_the_networks_late_reports_stop_at_the_limit(small_panels, client, plan, network_member):
    past = {
        "period_start": dt.date(2020, 1, 1),
        "period_end": dt.date(2020, 6, 30),
        "due_date": dt.date(2020, 7, 31),
    }
    _round(plan, LIMIT + 5, **past)
    client.force_login(network_member)

    soup, _queries = _home(client)

    assert len(soup.select("li.followup-report")) == LIMIT
    assert soup.select_one(".home-followup .panel-more") is not None


def test_the_panels_queries_do_not_grow_with_the_reports(small_panels, client, plan, coordinator):
    client.force_login(coordinator)
    client.get(URL)  # the session's first visit has queries of its own
    counts = []
    for count in (LIMIT + 1, LIMIT + 30):
        reporting_round = _round(plan, count)
        for report in reporting_round.reports.all():
            submit(report, coordinator)
        counts.append(_home(client)[1])

    assert counts[0] == counts[1]
