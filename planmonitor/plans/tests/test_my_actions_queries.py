"""The home's query counts, on the example plan (loaded once for the module: ``demo_shared``).

Apart from test_my_actions.py, whose tests expect a plan with only their own actions.
"""

import datetime as dt

import pytest

from planmonitor.plans.models import Action
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, TWO_STEP, assert_queries

from .test_my_actions import _codes, _open_reports, _round


@pytest.fixture
def demo(demo_shared):
    return demo_shared


QUERIES = [
    *SIGNED_IN,
    *POLICY,
    ("SELECT plans_action", "how many are the person's (the paginator's count)"),
    ("SELECT plans_action", "the person's actions with their lead minister"),
    ("SELECT plans_violenceform", "their violence forms (prefetch)"),
    ("SELECT monitoring_progressreport", "open reports: the person's reports in open rounds"),
    *NAV,
    *BANNER,
]


def test_its_queries_do_not_grow_with_the_number_of_actions(client, demo, coordinator):
    client.force_login(coordinator)
    coordinators = [
        *QUERIES[:2],
        *TWO_STEP,
        *QUERIES[2:],
        ("SELECT plans_action", "coordinators: the actions without an active owner (count)"),
    ]
    with assert_queries(coordinators):
        assert len(_codes(client)) == 115
    Action.objects.filter(code__gt="A050").delete()
    with assert_queries(coordinators):
        assert len(_codes(client)) == 50


def test_the_open_reports_do_not_add_queries_per_round_or_report(client, demo, owner):
    client.force_login(owner)
    _round(demo, name="Eén")
    with assert_queries(QUERIES):
        shown_before = len(_open_reports(client))
    for year in range(2018, 2024):
        _round(
            demo,
            name=f"{year} – tweede semester",
            period_start=dt.date(year, 7, 1),
            period_end=dt.date(year, 12, 31),
            due_date=dt.date(year + 1, 1, 31),
            actions=Action.objects.filter(plan=demo, lead_minister__key="gennez"),
        )
    with assert_queries(QUERIES):
        shown_after = len(_open_reports(client))
    assert shown_after > shown_before > 0
