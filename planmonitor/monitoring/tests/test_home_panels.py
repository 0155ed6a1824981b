"""The home page per role: what waits for contributors, network members and evaluators."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from planmonitor.monitoring.models import ActionSheet, SheetStatus
from planmonitor.monitoring.reports import services as report_services
from planmonitor.monitoring.sheets import services as sheet_services
from planmonitor.tests.html import parse_html

from .rounds_helpers import accept, give_back, submit

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
