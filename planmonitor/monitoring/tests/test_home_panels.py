"""The home page per role: what waits for contributors, network members and evaluators."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from planmonitor.monitoring.models import ActionSheet, SheetStatus
from planmonitor.monitoring.reports import services as report_services
from planmonitor.monitoring.sheets import services as sheet_services
from planmonitor.tests.html import parse_html
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, assert_queries

from .rounds_helpers import accept, give_back, open_round, submit

HOME = reverse("plans:my_actions")


def _home(client, user):
    client.force_login(user)
    return parse_html(client.get(HOME))


# --- contributors -------------------------------------------------------------------------


def test_a_contributor_sees_the_reports_of_their_ministers_actions(
    client, report, other_action, contributor
):
    soup = _home(client, contributor)
    rows = soup.select(".home-contributions tr.contribution-report")
    # T001 has Crevits as co-minister; T002 does not.
    assert [row["data-code"] for row in rows] == ["T001"]
    link = rows[0].th.a["href"]
    assert link.startswith(
        reverse(
            "monitoring:report_detail",
            kwargs={
                "short_name": report.round.plan.short_name,
                "round_pk": report.round_id,
                "code": "T001",
            },
        )
    )
    assert "Nog niet" in rows[0].get_text()


def test_a_contribution_added_is_counted_and_a_submitted_report_leaves(
    client, report, owner, contributor
):
    report_services.contribution_add(report=report, author=contributor, text="Drie sessies.")
    soup = _home(client, contributor)
    assert "1 toegevoegd" in soup.select_one("tr.contribution-report").get_text()
    submit(report, owner)
    soup = _home(client, contributor)
    assert not soup.select("tr.contribution-report")
    assert soup.select_one(".home-contributions .empty-state")


def test_other_roles_get_no_contributions_panel(client, report, owner, network_member):
    for user in (owner, network_member):
        assert not _home(client, user).select_one(".home-contributions")


CONTRIBUTOR_HOME = [
    *SIGNED_IN,
    *POLICY,
    ("SELECT monitoring_progressreport", "the reports waiting for a contribution"),
    ("SELECT plans_action", "the contributor's actions"),
    ("SELECT plans_violenceform", "their violence forms (prefetch)"),
    *NAV,
    *BANNER,
]


def test_the_contributors_home_runs_a_fixed_number_of_queries(client, demo, contributor):
    actions = list(demo.actions.filter(co_ministers__key="crevits"))
    open_round(demo, actions=actions, name="Test A")
    open_round(demo, actions=actions, name="Test B")
    client.force_login(contributor)
    with assert_queries(CONTRIBUTOR_HOME):
        soup = parse_html(client.get(HOME))
    assert len(soup.select("tr.contribution-report")) >= 2 * len(actions) > 2


# --- network members ----------------------------------------------------------------------


def test_a_network_member_follows_the_open_rounds_returned_reports_and_sheets(
    client, report, action, owner, coordinator, network_member
):
    give_back(submit(report, owner), coordinator)
    sheet_services.sheet_for(action)
    ActionSheet.objects.filter(action=action).update(status=SheetStatus.SUBMITTED)

    soup = _home(client, network_member)

    rounds = soup.select("tr.followup-round")
    assert [r.th.get_text(strip=True) for r in rounds] == [report.round.name]
    assert [li["data-code"] for li in soup.select("li.followup-report")] == ["T001"]
    assert "T001" in soup.select_one("li.followup-sheet").get_text()
    assert not soup.select("tr.action")  # not every action of the plan


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


# --- evaluators ---------------------------------------------------------------------------


def test_an_evaluator_sees_the_evaluation_dates_accepted_reports_and_approved_sheets(
    client, report, action, owner, coordinator, evaluator
):
    plan = action.plan
    plan.interim_evaluation_due = timezone.localdate() + dt.timedelta(days=30)
    plan.final_evaluation_due = None
    plan.save()
    accept(submit(report, owner), coordinator)
    sheet_services.sheet_for(action)
    ActionSheet.objects.filter(action=action).update(status=SheetStatus.APPROVED)

    soup = _home(client, evaluator)

    assert [li.get_text(" ", strip=True) for li in soup.select("li.evaluation-date")] == [
        f"Tussentijdse evaluatie ({plan.short_name}): "
        f"{plan.interim_evaluation_due.strftime('%d/%m/%Y')}"
    ]
    assert [li["data-code"] for li in soup.select("li.followup-report")] == ["T001"]
    assert "T001" in soup.select_one("li.followup-sheet").get_text()
    assert not soup.select("tr.action")


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
