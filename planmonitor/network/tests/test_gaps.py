"""Each data-gap rule (network/gaps.py) with one action that has the gap and one that has
not; the page ``/plans/<plan>/netwerk/gaten/``, its XLSX and its query count."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from planmonitor.conftest import module_transaction
from planmonitor.monitoring.models import (
    ActionSheet,
    Milestone,
    ProgressReport,
    ReportingRound,
    ReportState,
    RoundStatus,
    SheetVersion,
)
from planmonitor.network import gaps
from planmonitor.plans.models import Action, BudgetLine, Indicator, Minister, Plan, PlanDecision
from planmonitor.tests.html import parse_html
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, assert_queries

TODAY = dt.date(2027, 6, 1)


def _action(plan: Plan, code: str, **values) -> Action:
    defaults = {
        "title": f"Actie {code}",
        "operational_goal": plan.operational_goals.get(code="1.1"),
        "lead_minister": Minister.objects.get(key="gennez"),
        "end_date": dt.date(2027, 12, 31),
    }
    return Action.objects.create(plan=plan, code=code, **(defaults | values))


def _build(plan: Plan) -> None:
    """G001 has no gap at all; B001 has every gap."""
    good = _action(plan, "G001", has_budget_impact=True)
    Indicator.objects.create(
        action=good,
        code="I1",
        name="Bereik",
        kind="quantitative",
        baseline_value=Decimal(0),
        target_value=Decimal(10),
        target_date=dt.date(2027, 12, 31),
        source="Registratie",
    )
    BudgetLine.objects.create(
        action=good,
        year=2027,
        amount=Decimal(1000),
        policy_domain=plan.policy_domains.first(),
        finance_advice_outcome="favourable",
        finance_advice_date=dt.date(2026, 1, 1),
        budget_agreement_date=dt.date(2026, 2, 1),
    )
    Milestone.objects.create(
        action=good, name="Start", planned_date=dt.date(2027, 1, 1), done_date=dt.date(2027, 1, 5)
    )
    sheet = ActionSheet.objects.create(action=good)
    SheetVersion.objects.create(
        sheet=sheet,
        number=1,
        content={},
        approved_at=timezone.now(),
        approved_by_name="Coördinator",
    )
    bad = _action(plan, "B001", has_budget_impact=True, end_date=dt.date(2031, 1, 1))
    Indicator.objects.create(
        action=bad, code="I1", name="Bereik", kind="quantitative", target_value=Decimal(5)
    )
    _action(plan, "B002", end_date=None, has_budget_impact=True)  # no indicator, no line
    BudgetLine.objects.create(
        action=bad,
        year=2027,
        amount=Decimal(1),
        policy_domain=plan.policy_domains.first(),
        finance_advice_outcome="pending",
    )
    Milestone.objects.create(action=bad, name="Oproep", planned_date=dt.date(2027, 3, 1))
    closed = ReportingRound.objects.create(
        plan=plan,
        name="2026 – S2",
        period_start=dt.date(2026, 7, 1),
        period_end=dt.date(2026, 12, 31),
        due_date=dt.date(2027, 1, 31),
        status=RoundStatus.CLOSED,
    )
    ProgressReport.objects.create(round=closed, action=good, state=ReportState.ACCEPTED)
    ProgressReport.objects.create(round=closed, action=bad, state=ReportState.DRAFT)
    # The plan's own decisions would cover a line's missing procedure: remove them here.
    PlanDecision.objects.filter(plan=plan).delete()


@pytest.fixture(scope="module", autouse=True)
def gap_plan(django_db_setup, django_db_blocker):
    with module_transaction(django_db_blocker):
        _build(Plan.objects.get())
        yield


def _codes(rule, plan) -> list[str]:
    return [gap.action.code for gap in rule(plan, TODAY)]


@pytest.mark.parametrize(
    ("rule", "codes"),
    [
        (gaps.actions_without_indicators, ["B002"]),
        (gaps.indicators_incomplete, ["B001"]),
        (gaps.actions_outside_period, ["B001", "B002"]),
        (gaps.budget_impact_without_line, ["B002"]),
        (gaps.budget_lines_without_procedure, ["B001"]),
        (gaps.overdue_milestones, ["B001"]),
        (gaps.actions_without_approved_sheet, ["B001", "B002"]),
        (gaps.reports_missing_for_closed_rounds, ["B001"]),
    ],
)
def test_each_rule_finds_the_action_with_the_gap_and_not_the_other(plan, rule, codes):
    assert _codes(rule, plan) == codes


def test_the_reasons_say_what_is_missing(plan):
    [indicator] = gaps.indicators_incomplete(plan, TODAY)
    assert indicator.reason == "Indicator I1 heeft geen nulmeting, streefdatum, gegevensbron."
    reasons = [gap.reason for gap in gaps.actions_outside_period(plan, TODAY)]
    assert reasons == [
        "De actie eindigt op 01/01/2031, buiten de planperiode (01/10/2025–31/12/2029).",
        "De actie heeft geen einddatum.",
    ]
    [line] = gaps.budget_lines_without_procedure(plan, TODAY)
    assert line.reason == (
        "Bij de begrotingslijn voor 2027 ontbreekt het advies van de Inspectie van Financiën"
        " en het akkoord van de minister van Begroting."
    )


def test_the_plans_decisions_cover_a_lines_procedure(plan):
    for kind in (PlanDecision.Kind.FINANCE_INSPECTORATE, PlanDecision.Kind.BUDGET_MINISTER):
        PlanDecision.objects.create(
            plan=plan, kind=kind, date=dt.date(2025, 1, 1), description="Plan"
        )
    assert gaps.budget_lines_without_procedure(plan, TODAY) == []


def test_a_milestone_due_today_is_not_overdue_yet(plan):
    assert _codes(gaps.overdue_milestones, plan.__class__.objects.get()) == ["B001"]
    assert gaps.overdue_milestones(plan, dt.date(2027, 3, 1)) == []


def _url(plan, name="network:gaps") -> str:
    return reverse(name, args=[plan.short_name]) + f"?op={TODAY:%Y-%m-%d}"


def test_the_page_lists_each_rule_with_its_count_and_linked_items(client, plan, evaluator):
    client.force_login(evaluator)
    page = parse_html(client.get(_url(plan)).content)
    counts = {
        row["data-rule"]: int(row.select_one("td").get_text())
        for row in page.select(".gaps-summary tr[data-rule]")
    }
    assert list(counts) == [rule.key for rule in gaps.RULES]
    assert counts["no-indicators"] == 1 and counts["sheet-not-approved"] == 2
    section = page.select_one('section[data-rule="report-missing"]')
    assert section.select_one("li a")["href"].endswith("/acties/B001/")


@pytest.mark.parametrize("who", ["owner", "contributor", "outsider"])
def test_it_refuses_who_does_not_follow_the_plan(client, plan, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(plan)).status_code == 403
    assert client.get(_url(plan, "network:gaps_xlsx")).status_code == 403


def test_the_xlsx_has_a_row_per_gap(client, plan, coordinator):
    client.force_login(coordinator)
    response = client.get(_url(plan, "network:gaps_xlsx"))
    rows = list(
        load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(
            values_only=True
        )
    )
    assert rows[0] == ("Regel", "Actie", "Reden")
    assert ("Acties zonder indicatoren", "B002", "De actie heeft geen indicator.") in rows


QUERIES = [
    *SIGNED_IN,
    *POLICY,
    ("SELECT plans_plan", "the plan in the URL"),
    ("SELECT plans_action", "actions without indicators"),
    ("SELECT plans_indicator", "incomplete indicators with their action"),
    ("SELECT plans_action", "actions without an end date or ending outside the period"),
    ("SELECT plans_action", "actions with budget impact without a line"),
    ("SELECT plans_plandecision", "the plan's advice and budget agreement"),
    ("SELECT plans_budgetline", "the budget lines with their action"),
    ("SELECT monitoring_milestone", "overdue milestones with their action"),
    ("SELECT plans_action", "actions without an approved sheet version"),
    ("SELECT monitoring_progressreport", "unsubmitted reports of closed rounds"),
    *NAV,
    *BANNER,
]


def test_it_needs_the_same_queries_for_3_or_23_actions(client, plan, network_member):
    client.force_login(network_member)
    with assert_queries(QUERIES):
        client.get(_url(plan))
    for number in range(20):
        action = _action(plan, f"N{number:03d}", end_date=None)
        Milestone.objects.create(action=action, name="Mijlpaal", planned_date=dt.date(2025, 1, 1))
    with assert_queries(QUERIES):
        page = parse_html(client.get(_url(plan)).content)
    overdue = page.select_one('.gaps-summary tr[data-rule="milestone-overdue"] td')
    # The 20 new ones (January 2025) and B001's (March 2027) are overdue on TODAY.
    assert int(overdue.get_text()) == 21


def test_the_page_judges_overdue_on_the_date_in_the_url(client, plan, network_member):
    client.force_login(network_member)
    base = reverse("network:gaps", args=[plan.short_name])

    def overdue(query: str) -> int:
        page = parse_html(client.get(base + query).content)
        return int(page.select_one('.gaps-summary tr[data-rule="milestone-overdue"] td').get_text())

    assert overdue("?op=2027-03-01") == 0
    assert overdue("?op=2027-03-02") == 1
    page = parse_html(client.get(base + "?op=2027-03-02").content)
    assert "02/03/2027" in page.select_one(".gaps-as-of").get_text()


def test_data_gaps_judge_on_today_by_default(plan):
    [milestones] = [r for r in gaps.data_gaps(plan) if r.rule.key == "milestone-overdue"]
    expected = gaps.overdue_milestones(plan, timezone.localdate())
    assert [g.item for g in milestones.gaps] == [g.item for g in expected]
