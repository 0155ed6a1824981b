import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from planmonitor.monitoring.reports import services as report_services
from planmonitor.monitoring.rounds import services
from planmonitor.tests.html import parse_html

URL = reverse("plans:my_actions")


def _codes(client) -> list[str]:
    soup = parse_html(client.get(URL))
    return [row.th.get_text(strip=True) for row in soup.select("tr.action")]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("owner", ["T001"]),
        ("other_owner", ["T002"]),
        ("contributor", ["T001"]),
        ("coordinator", ["T001", "T002"]),
        # Issue 9: they follow the whole plan; their home lists what their job needs, and
        # the overview the actions (see test_followers_get_the_overview_not_every_action).
        ("network_member", []),
        ("evaluator", []),
        ("outsider", []),
    ],
)
def test_each_role_sees_only_their_actions(client, action, other_action, who, expected, request):
    client.force_login(request.getfixturevalue(who))
    assert _codes(client) == expected


@pytest.mark.parametrize("who", ["network_member", "evaluator"])
def test_followers_get_the_overview_not_every_action(client, action, other_action, who, request):
    client.force_login(request.getfixturevalue(who))
    soup = parse_html(client.get(URL))
    assert not soup.select_one("table.actions tr.action")
    assert soup.select_one(".home-overview-link a")["href"] == reverse("plans:overview")


@pytest.mark.parametrize(
    ("who", "title"),
    [
        ("owner", "My actions"),
        ("contributor", "My actions"),
        ("coordinator", "My actions"),
        ("outsider", "My actions"),
        ("network_member", "My work"),
        ("evaluator", "My work"),
    ],
)
def test_the_home_is_named_after_what_it_lists(client, action, who, title, request, settings):
    """The nav and the page say "My actions" only where the page lists actions."""
    settings.LANGUAGE_CODE = "en"
    client.force_login(request.getfixturevalue(who))
    soup = parse_html(client.get(URL, HTTP_ACCEPT_LANGUAGE="en"))
    assert soup.h1.get_text(strip=True) == title
    assert soup.select_one(".site-nav a[aria-current=page]").get_text(strip=True) == title
    assert soup.title.get_text(strip=True).startswith(title)


def test_published_actions_of_others_do_not_crowd_the_home_page(
    client, action, other_action, owner
):
    action.plan.is_published = True
    action.plan.save()
    client.force_login(owner)
    assert _codes(client) == ["T001"]


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith(reverse("login"))


# "Mijn acties": the person's actions, and the open reports waiting for them.
# --- "Open rapporten": the reports in open rounds waiting for this person ----------------


def _open_reports(client) -> dict[str, dict]:
    soup = parse_html(client.get(URL))
    return {
        f"{row['data-code']} {row.select_one('td:nth-of-type(2)').get_text(strip=True)}": {
            "state": row["data-state"],
            "late": row.has_attr("data-late"),
            "due": row.select_one(".open-report__due").get_text(strip=True),
            "link": row.th.a["href"] if row.th.a else None,
        }
        for row in soup.select("tr.open-report")
    }


def _round(plan, name="2026 – tweede semester", actions=None, **dates):
    values = {
        "period_start": dt.date(2026, 7, 1),
        "period_end": dt.date(2026, 12, 31),
        "due_date": dt.date(2027, 1, 31),
        **dates,
    }
    return services.round_open(plan=plan, name=name, actions=actions, **values)


def _submit(reporting_round, action, user):
    report = reporting_round.reports.get(action=action)
    return report_services.report_transition(report_id=report.pk, transition="submit", user=user)


def test_an_owner_sees_the_reports_to_write_for_their_actions(client, action, other_action, owner):
    reporting_round = _round(action.plan)
    client.force_login(owner)

    reports = _open_reports(client)

    assert list(reports) == ["T001 2026 – tweede semester"]
    row = reports["T001 2026 – tweede semester"]
    assert (row["state"], row["due"], row["late"]) == ("not_started", "31/01/2027", False)
    report = reporting_round.reports.get(action=action)
    assert row["link"] == reverse(
        "monitoring:report_detail",
        kwargs={"short_name": action.plan.short_name, "round_pk": report.round_id, "code": "T001"},
    )


def test_submitted_reports_and_closed_rounds_leave_the_owners_list(client, action, owner):
    submitted = _round(action.plan)
    _submit(submitted, action, owner)
    closed = _round(action.plan, name="2026 – eerste semester")
    services.round_set_status(round_id=closed.pk, status="closed")
    client.force_login(owner)

    assert _open_reports(client) == {}
    soup = parse_html(client.get(URL))
    assert soup.select_one(".open-reports .empty-state")  # said, not just left out


def test_a_returned_report_is_back_on_the_owners_list(client, action, owner, coordinator):
    reporting_round = _round(action.plan)
    report = _submit(reporting_round, action, owner)
    report_services.report_transition(
        report_id=report.pk, transition="return", user=coordinator, remarks="Cijfers?"
    )
    client.force_login(owner)

    assert [r["state"] for r in _open_reports(client).values()] == ["returned"]


def test_a_late_report_is_marked(client, action, owner):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    _round(action.plan, period_start=yesterday, period_end=yesterday, due_date=yesterday)
    client.force_login(owner)

    assert [r["late"] for r in _open_reports(client).values()] == [True]


def test_a_coordinator_sees_the_reports_to_review_not_the_drafts(
    client, action, other_action, owner, coordinator
):
    reporting_round = _round(action.plan)
    _submit(reporting_round, action, owner)
    client.force_login(coordinator)

    reports = _open_reports(client)

    assert [(key.split()[0], r["state"]) for key, r in reports.items()] == [("T001", "submitted")]


@pytest.mark.parametrize("who", ["contributor", "network_member", "evaluator", "outsider"])
def test_people_without_reports_to_write_or_review_get_no_section(
    client, action, owner, who, request
):
    reporting_round = _round(action.plan)
    _submit(reporting_round, action, owner)
    client.force_login(request.getfixturevalue(who))

    soup = parse_html(client.get(URL))

    assert not soup.select_one(".open-reports")
