"""A round's page: per covered action who owes the report and where it stands."""

import datetime as dt

import pytest
from django.utils import timezone

from planmonitor.accounts.models import Membership, Role
from planmonitor.plans.models import Action, Organisation
from planmonitor.tests.html import parse_html as soup_of
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, TWO_STEP, assert_queries

from .rounds_helpers import (
    accept,
    detail_url,
    edit,
    give_back,
    open_round,
    report_of,
    report_url,
    submit,
)


def _rows(response) -> dict[str, dict]:
    return {
        row["data-code"]: {
            "state": row["data-state"],
            "late": row.has_attr("data-late"),
            "text": row.select_one(".report__state").get_text(" ", strip=True),
            "owners": row.select_one(".report__owners").get_text(strip=True),
            "minister": row.select_one(".action__minister").get_text(strip=True),
        }
        for row in soup_of(response).select("tr.report")
    }


@pytest.fixture
def more_actions(plan, action) -> list[Action]:
    return [
        Action.objects.create(
            plan=plan,
            code=f"T10{n}",
            title=f"Testactie {n}",
            operational_goal=action.operational_goal,
            lead_minister=action.lead_minister,
        )
        for n in range(4)
    ]


def test_it_shows_each_action_with_its_owner_state(
    client, plan, action, other_action, more_actions, owner, other_owner, coordinator
):
    reporting_round = open_round(plan)
    edit(report_of(reporting_round, more_actions[0]))
    give_back(submit(report_of(reporting_round, more_actions[1]), owner), coordinator)
    submit(report_of(reporting_round, more_actions[2]), owner)
    accept(submit(report_of(reporting_round, more_actions[3]), owner), coordinator)
    client.force_login(coordinator)

    rows = _rows(client.get(detail_url(reporting_round)))

    assert {code: row["state"] for code, row in rows.items()} == {
        "T001": "not_started",
        "T002": "not_started",
        "T100": "in_progress",
        "T101": "returned",
        "T102": "submitted",
        "T103": "accepted",
    }
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert today in rows["T102"]["text"]  # submitted on …
    assert rows["T001"]["owners"] == "Owner"
    assert rows["T002"]["owners"] == "Other-Owner"
    assert rows["T001"]["minister"] == action.lead_minister.name


def test_owners_are_found_through_the_lead_organisation_too(
    client, plan, action, coordinator, make_user
):
    organisation = Organisation.objects.filter(plan=plan).first()
    action.lead_organisation = organisation
    action.save()
    agency_staff = make_user("agency")
    Membership.objects.create(
        user=agency_staff, plan=plan, role=Role.ACTION_OWNER, organisation=organisation
    )
    reporting_round = open_round(plan, actions=[action])
    client.force_login(coordinator)

    assert _rows(client.get(detail_url(reporting_round)))["T001"]["owners"] == "Agency"


def test_deactivated_owners_are_not_listed(client, plan, action, owner, coordinator):
    owner.is_active = False
    owner.save()
    reporting_round = open_round(plan, actions=[action])
    client.force_login(coordinator)

    row = _rows(client.get(detail_url(reporting_round)))["T001"]

    assert "Owner" not in row["owners"]


def test_late_reports_are_marked(client, plan, action, other_action, owner, coordinator):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    reporting_round = open_round(
        plan, period_start=dt.date(2026, 1, 1), period_end=yesterday, due_date=yesterday
    )
    submit(report_of(reporting_round, action), owner)
    client.force_login(coordinator)

    rows = _rows(client.get(detail_url(reporting_round)))

    assert (rows["T001"]["late"], rows["T002"]["late"]) == (False, True)
    assert rows["T002"]["state"] == "not_started"


def test_a_report_submitted_after_the_due_date_says_so_without_being_late(
    client, plan, action, owner, coordinator
):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    reporting_round = open_round(
        plan, actions=[action], period_end=yesterday, due_date=yesterday, period_start=yesterday
    )
    submit(report_of(reporting_round, action), owner)
    client.force_login(coordinator)

    soup = soup_of(client.get(detail_url(reporting_round)))

    row = soup.select_one('tr.report[data-code="T001"]')
    assert not row.has_attr("data-late")
    assert row.select_one(".late-marker--done")


def test_each_action_links_to_its_report(client, plan, action, coordinator):
    reporting_round = open_round(plan, actions=[action])
    client.force_login(coordinator)

    soup = soup_of(client.get(detail_url(reporting_round)))

    link = soup.select_one('tr.report[data-code="T001"] th a')
    assert link["href"] == report_url(report_of(reporting_round, action))


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("not_started", ["T002"]),
        ("submitted", ["T001"]),
        ("late", []),
        ("accepted", []),
        ("", ["T001", "T002"]),
    ],
)
def test_it_filters_by_state(
    client, plan, action, other_action, owner, coordinator, state, expected
):
    reporting_round = open_round(plan)
    submit(report_of(reporting_round, action), owner)
    client.force_login(coordinator)

    response = client.get(detail_url(reporting_round), {"state": state})

    assert sorted(_rows(response)) == expected


def test_an_unknown_filter_is_reported_and_everything_shown(
    client, plan, action, other_action, coordinator
):
    reporting_round = open_round(plan)
    client.force_login(coordinator)

    response = client.get(detail_url(reporting_round), {"state": "lost"})

    assert sorted(_rows(response)) == ["T001", "T002"]
    assert soup_of(response).select_one(".filters .error-summary")


def test_the_summary_counts_every_state(client, plan, action, other_action, owner, coordinator):
    reporting_round = open_round(plan)
    submit(report_of(reporting_round, action), owner)
    client.force_login(coordinator)

    soup = soup_of(client.get(detail_url(reporting_round), {"state": "submitted"}))

    counts = {
        item["class"][1].removeprefix("round-summary__item--"): item.select_one(
            ".round-summary__count"
        ).get_text()
        for item in soup.select(".round-summary__item")
    }
    assert counts == {
        "not_started": "1",
        "in_progress": "0",
        "returned": "0",
        "submitted": "1",
        "accepted": "0",
        "late": "0",
    }


def test_the_coordinator_gets_the_close_button(client, plan, action, coordinator):
    reporting_round = open_round(plan)
    client.force_login(coordinator)
    soup = soup_of(client.get(detail_url(reporting_round)))
    assert soup.select_one('form[action$="/afsluiten/"] button')


@pytest.mark.parametrize("who", ["network_member", "evaluator"])
def test_readers_see_it_without_buttons(client, plan, action, who, request):
    reporting_round = open_round(plan)
    client.force_login(request.getfixturevalue(who))

    response = client.get(detail_url(reporting_round))

    assert response.status_code == 200
    assert not soup_of(response).select(".page-actions form")


def test_a_round_of_another_plan_or_none_is_not_found(client, plan, action, coordinator):
    reporting_round = open_round(plan)
    client.force_login(coordinator)
    missing = type("R", (), {"plan": plan, "pk": reporting_round.pk + 1})
    assert client.get(detail_url(missing)).status_code == 404


# The coordinator's view of a round. The queries must not depend on the number of reports.
QUERIES = [
    *SIGNED_IN,
    *TWO_STEP,
    ("SELECT plans_plan", "the plan named in the URL"),
    *POLICY,
    ("SELECT monitoring_reportinground", "the round"),
    ("SELECT monitoring_progressreport", "the summary: its reports counted per state"),
    ("SELECT monitoring_progressreport", "a page of its reports with their actions"),
    ("SELECT accounts_membership", "the actions' owners"),
    ("SELECT plans_minister", "their ministers (prefetch)"),
    *NAV,
    *BANNER,
]


def test_its_query_count_does_not_grow_with_the_reports(client, demo, coordinator, owner):
    few = Action.objects.filter(plan=demo).order_by("code")[:3]
    small = open_round(demo, name="Klein", actions=list(few))
    big = open_round(demo, name="Groot")  # every running action
    submit(big.reports.first(), owner)
    client.force_login(coordinator)
    # session, user, the app that verified the two-step login, plan, roles (2), round,
    # counts, reports with actions, owners (2), nav: members link and rounds link,
    # example-data banner
    with assert_queries(QUERIES):
        assert len(_rows(client.get(detail_url(small)))) == 3
    with assert_queries(QUERIES):
        response = client.get(detail_url(big))
    assert len(_rows(response)) == big.reports.count() > 50
