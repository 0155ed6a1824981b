"""The homes' query counts, on the example plan (loaded once for the module: ``demo_shared``).

Apart from test_home_panels.py, whose tests expect a plan with only their own actions.
"""

import pytest
from django.urls import reverse

from planmonitor.tests.html import parse_html
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, assert_queries

from .rounds_helpers import open_round

HOME = reverse("plans:my_actions")


@pytest.fixture
def demo(demo_shared):
    return demo_shared


CONTRIBUTOR_HOME = [
    *SIGNED_IN,
    *POLICY,
    ("SELECT monitoring_progressreport", "the reports waiting for a contribution"),
    ("SELECT plans_action", "the contributor's actions"),
    ("SELECT plans_violenceform", "their violence forms (prefetch)"),
    *NAV,
    *BANNER,
    ("SELECT plans_action", "how many are the contributor's (the paginator's count)"),
]


def test_the_contributors_home_runs_a_fixed_number_of_queries(client, demo, contributor):
    actions = list(demo.actions.filter(co_ministers__key="crevits"))
    open_round(demo, actions=actions, name="Test A")
    open_round(demo, actions=actions, name="Test B")
    client.force_login(contributor)
    with assert_queries(CONTRIBUTOR_HOME):
        soup = parse_html(client.get(HOME))
    assert len(soup.select("tr.contribution-report")) >= 2 * len(actions) > 2


NETWORK_HOME = [
    *SIGNED_IN,
    *POLICY,
    ("SELECT plans_plan", "the network member's plans"),
    ("SELECT monitoring_reportinground", "their open rounds with the report counts"),
    ("SELECT monitoring_progressreport", "the reports returned or late"),
    ("SELECT monitoring_actionsheet", "the sheets awaiting approval"),
    *NAV,
    *BANNER,
]


def test_the_network_members_home_runs_a_fixed_number_of_queries(client, demo, network_member):
    open_round(demo, name="Test A")
    client.force_login(network_member)
    with assert_queries(NETWORK_HOME):
        client.get(HOME)


EVALUATOR_HOME = [
    *SIGNED_IN,
    *POLICY,
    ("SELECT plans_plan", "the evaluator's plans (their evaluation dates)"),
    ("SELECT monitoring_progressreport", "the latest accepted reports"),
    ("SELECT monitoring_actionsheet", "the approved sheets"),
    *NAV,
    *BANNER,
]


@pytest.mark.parametrize("rounds", [1, 3])
def test_the_evaluators_home_runs_a_fixed_number_of_queries(client, demo, evaluator, rounds):
    for index in range(rounds):
        open_round(demo, name=f"Ronde {index}")
    client.force_login(evaluator)
    with assert_queries(EVALUATOR_HOME):
        client.get(HOME)
