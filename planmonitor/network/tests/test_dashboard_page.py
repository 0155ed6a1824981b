"""The dashboard ``/plans/<plan>/netwerk/``: as-of date, filters kept in links, risks with
their rule, SVG with a table, XLSX sheets, permissions and a query count that does not grow."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from planmonitor.conftest import module_transaction
from planmonitor.monitoring.models import (
    ImplementationStatus,
    ProgressReport,
    ReportingRound,
    ReportState,
    RoundStatus,
)
from planmonitor.plans.models import Action, Minister, Plan
from planmonitor.tests.html import parse_html
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, assert_queries

AS_OF = "2026-08-01"


def _action(plan: Plan, code: str, od: str, minister: str = "gennez", **values) -> Action:
    return Action.objects.create(
        plan=plan,
        code=code,
        title=f"Actie {code}",
        operational_goal=plan.operational_goals.get(code=od),
        lead_minister=Minister.objects.get(key=minister),
        **values,
    )


def _submitted(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _build(plan: Plan) -> None:
    """D001 (OD 1.2, Gennez) reported on time, as planned; D002 (OD 1.2, Gennez) late and
    delayed; D003 (OD 2.1, Crevits) asked, no report."""
    round_ = ReportingRound.objects.create(
        plan=plan,
        name="2026 – eerste semester",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 6, 30),
        due_date=dt.date(2026, 7, 15),
        status=RoundStatus.CLOSED,
    )
    for code, day, impl in (
        ("D001", dt.date(2026, 7, 10), ImplementationStatus.ON_TRACK),
        ("D002", dt.date(2026, 7, 20), ImplementationStatus.DELAYED),
    ):
        action = _action(plan, code, "1.2")
        ProgressReport.objects.create(
            round=round_,
            action=action,
            state=ReportState.ACCEPTED,
            implementation_status=impl,
            status_reason="Aanbesteding liep uit" if impl == ImplementationStatus.DELAYED else "",
            submitted_at=_submitted(day),
            first_submitted_at=_submitted(day),
        )
    # The round asked D003's report (opening a round makes a draft per action): none came.
    ProgressReport.objects.create(
        round=round_, action=_action(plan, "D003", "2.1", minister="crevits")
    )


@pytest.fixture(scope="module", autouse=True)
def dashboard_plan(django_db_setup, django_db_blocker):
    with module_transaction(django_db_blocker):
        _build(Plan.objects.get())
        yield


def _url(plan, name="network:dashboard") -> str:
    return reverse(name, args=[plan.short_name])


@pytest.fixture
def page(client, plan, network_member):
    client.force_login(network_member)
    response = client.get(_url(plan), {"op": AS_OF})
    assert response.status_code == 200
    return parse_html(response.content)


def test_it_shows_its_as_of_date(page):
    assert page.select_one(".dashboard-as-of")["data-as-of"] == AS_OF


def test_it_lists_the_actions_at_risk_with_their_rule(page):
    rows = {
        tr["data-code"]: (tr["data-signal"], [li["data-rule"] for li in tr.select("li")])
        for tr in page.select("table.dashboard-risks tr[data-code]")
    }
    assert rows == {
        "D002": ("at_risk", ["report_delayed"]),
        "D003": ("at_risk", ["no_report_last_round"]),
    }


def test_compliance_counts_on_time_late_and_missing(page):
    row = page.select_one('table[data-compliance="round"] tbody tr')
    cells = {td["data-key"]: td.get_text(strip=True) for td in row.select("td")}
    assert cells == {"on_time": "1 (33%)", "late": "1 (33%)", "missing": "1 (33%)", "pending": "0"}


def test_each_chart_is_svg_with_a_data_table_beside_it(page):
    block = page.select_one('[data-breakdown="sd"]')
    svg = block.select_one("svg[role=img]")
    assert svg.select_one("title").get_text() and svg.select_one("desc").get_text()
    assert {rect["data-key"] for rect in svg.select("rect[data-key]")} >= {"on_track", "at_risk"}
    counts = {
        tr["data-group"]: [td.get_text() for td in tr.select("td")]
        for tr in block.select("tbody tr")
    }
    assert counts == {"1": ["1", "1", "0", "2"], "2": ["0", "1", "0", "1"]}
    assert block.select_one("table caption") and block.select("th[scope=col]")


def test_filters_combine_and_stay_in_the_links(client, plan, coordinator):
    client.force_login(coordinator)
    query = {"op": AS_OF, "sd": "1", "minister": "gennez"}
    page = parse_html(client.get(_url(plan), query).content)
    assert {tr["data-code"] for tr in page.select("table.dashboard-risks tr[data-code]")} == {
        "D002"
    }
    link = page.select_one("a.dashboard-xlsx")["href"]
    assert "sd=1" in link and "minister=gennez" in link and f"op={AS_OF}" in link


def test_an_invalid_filter_shows_the_forms_error(client, plan, coordinator):
    client.force_login(coordinator)
    page = parse_html(client.get(_url(plan), {"sd": "99", "op": "gisteren"}).content)
    assert page.select_one(".error-summary")
    assert len(page.select(".error-summary li")) == 2


def test_the_xlsx_has_a_sheet_per_table(client, plan, coordinator):
    client.force_login(coordinator)
    response = client.get(_url(plan, "network:dashboard_xlsx"), {"op": AS_OF, "od": "1.2"})
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert len(book.sheetnames) == 11
    actions = list(book.worksheets[0].iter_rows(values_only=True))
    assert [row[0] for row in actions[1:]] == ["D001", "D002"]
    compliance = list(book.worksheets[-2].iter_rows(values_only=True))
    assert compliance[1][1:4] == (1, 1, 0)  # numbers, not text


def test_the_nav_link_leads_to_the_dashboard(client, plan, network_member):
    client.force_login(network_member)
    response = client.get(reverse("network:network_default"))
    assert response["Location"] == _url(plan)


@pytest.mark.parametrize("who", ["owner", "contributor", "outsider"])
def test_it_refuses_who_does_not_follow_the_plan(client, plan, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(plan)).status_code == 403


QUERIES = [
    *SIGNED_IN,
    *POLICY,
    ("SELECT plans_plan", "the plan in the URL"),
    ("SELECT plans_action", "the actions"),
    ("SELECT plans_minister", "the ministers in office or leading an action"),
    ("SELECT plans_strategicgoal", "the strategic goals"),
    ("SELECT plans_operationalgoal", "the operational goals with their SD"),
    ("SELECT plans_violenceform", "the forms of violence"),
    ("SELECT plans_targetgroup", "the target groups"),
    ("SELECT plans_action_violence_forms", "the actions' forms of violence"),
    ("SELECT plans_action_target_groups", "the actions' target groups"),
    ("SELECT monitoring_reportinground", "the rounds"),
    ("SELECT monitoring_progressreport", "the reports"),
    ("SELECT plans_indicator", "the indicators"),
    ("SELECT monitoring_indicatorvalue", "the indicator values with their report"),
    ("SELECT monitoring_milestone", "the milestones"),
    ("SELECT network_signal", "the newest open signals"),
    ("SELECT network_decision", "the open decisions of the meetings, with owner and meeting"),
    *NAV,
    *BANNER,
]


def test_it_shows_the_newest_open_signals_and_not_the_closed_ones(client, plan, network_member):
    from planmonitor.network.models import Signal, SignalStatus

    Signal.objects.create(plan=plan, kind="manual", title="Partner stopt", source="manual")
    Signal.objects.create(
        plan=plan, kind="manual", title="Opgelost", source="manual", status=SignalStatus.RESOLVED
    )
    client.force_login(network_member)
    section = parse_html(client.get(_url(plan)).content).select_one("section.open-signals")
    assert [a.get_text() for a in section.select("li a")] == ["Partner stopt"]


def test_it_needs_the_same_queries_for_3_or_23_actions(client, plan, network_member):
    client.force_login(network_member)
    with assert_queries(QUERIES):
        client.get(_url(plan))
    for number in range(20):
        _action(plan, f"E{number:03}", "1.1")
    with assert_queries(QUERIES):
        page = parse_html(client.get(_url(plan)).content)
    assert "23 actions" in page.select_one("table.dashboard-totals caption").get_text() or (
        "23 acties" in page.select_one("table.dashboard-totals caption").get_text()
    )


def test_a_delayed_action_shows_the_reports_reason(page):
    reason = page.select_one('tr[data-code="D002"] li[data-rule="report_delayed"]').get_text()
    assert "Aanbesteding liep uit" in reason
