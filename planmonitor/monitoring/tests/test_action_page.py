"""The action page's progress section: signal, sheet link, report timeline, charts and tables."""

import datetime as dt
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from planmonitor.monitoring.models import ActionSheet, ReportState, SheetStatus
from planmonitor.tests.html import parse_html

from .progress_helpers import milestone_make, quantitative, report_make, round_make


def _url(action) -> str:
    return reverse("plans:action_detail", args=[action.plan.short_name, action.code])


def _page(client, action, **headers) -> BeautifulSoup:
    response = client.get(_url(action), headers=headers)
    assert response.status_code == 200
    return parse_html(response)


@pytest.fixture
def reported(action, plan):
    """``action`` with a quantitative indicator, three handed-in reports and a draft."""
    indicator = quantitative(action, baseline=1000, target=3000, unit="deelnemers")
    report_make(round_make(plan, 0), action, values={indicator: 1100})
    report_make(round_make(plan, 1), action, values={indicator: Decimal("1500.5")})
    report_make(
        round_make(plan, 2),
        action,
        values={indicator: 2000},
        state=ReportState.SUBMITTED,
        status="delayed",
    )
    report_make(round_make(plan, 3, status="open"), action, state=ReportState.DRAFT)
    milestone_make(action, dt.date(2025, 9, 1), done=dt.date(2025, 9, 3))
    milestone_make(action, dt.date(2099, 1, 1))
    ActionSheet.objects.create(action=action, status=SheetStatus.APPROVED)
    return action


@pytest.mark.parametrize(
    "who", ["coordinator", "owner", "contributor", "network_member", "evaluator"]
)
def test_it_shows_progress_to_the_plans_people(client, reported, who, request):
    client.force_login(request.getfixturevalue(who))
    page = _page(client, reported)
    section = page.find("section", class_="progress")
    assert section is not None
    assert section["aria-labelledby"] == "progress-heading"


def test_the_public_sees_the_action_facts_but_no_monitoring(client, reported, outsider):
    reported.plan.is_published = True
    reported.plan.save()
    client.force_login(outsider)  # anonymous visitors get the portal's page instead

    page = _page(client, reported)

    assert reported.title in page.h1.get_text()
    assert page.find("dl", class_="facts") is not None
    assert page.find("section", class_="progress") is None
    assert page.find("svg") is None
    assert page.find("table", class_="timeline") is None


def test_it_shows_milestones_done_and_links_to_the_sheet(client, reported, owner):
    client.force_login(owner)
    page = _page(client, reported, accept_language="en")
    assert page.find(class_="progress__milestones").get_text(strip=True) == "1 of 2"
    sheet_url = reverse(
        "monitoring:sheet_detail",
        kwargs={"short_name": reported.plan.short_name, "code": reported.code},
    )
    assert page.find("a", class_="progress__sheet-link")["href"] == sheet_url
    assert "sheet-status--approved" in page.find(class_="sheet-status")["class"]


def test_the_timeline_lists_every_report_newest_first_with_its_link(client, reported, owner):
    client.force_login(owner)
    rows = _page(client, reported).select("table.timeline tr.timeline__report")
    assert [row.th.get_text(strip=True) for row in rows] == [
        "Ronde 3",
        "Ronde 2",
        "Ronde 1",
        "Ronde 0",
    ]
    newest = rows[0]
    assert "01/07/2026 – 31/12/2026" in newest.get_text()
    assert newest.find(class_="report-state--draft") is not None
    report_round = reported.reports.get(round__name="Ronde 3").round
    assert newest.th.a["href"] == reverse(
        "monitoring:report_detail",
        kwargs={
            "short_name": reported.plan.short_name,
            "round_pk": report_round.pk,
            "code": reported.code,
        },
    )
    assert rows[1].find(class_="report-state--submitted") is not None


def test_each_quantitative_indicator_gets_an_accessible_chart_and_the_same_numbers_in_a_table(
    client, reported, coordinator
):
    client.force_login(coordinator)
    page = _page(client, reported)
    (article,) = page.select("article.indicator-progress")

    chart = article.find("svg")
    assert chart["role"] == "img"
    title_id, desc_id = chart["aria-labelledby"].split()
    assert chart.find("title", id=title_id).get_text().startswith("I1 Aantal deelnemers")
    assert chart.find("desc", id=desc_id).get_text()
    assert len(page.find_all(id=title_id)) == 1  # unique in the page
    charted = [c.title.get_text() for c in chart.find_all("circle")]
    assert charted == [
        "30/06/2025: 1.100 deelnemers",
        "31/12/2025: 1.500,5 deelnemers",
        "30/06/2026: 2.000 deelnemers",
    ]

    table = article.find("table", class_="indicator-values")
    assert table.caption.get_text(strip=True)
    rows = [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for row in table.tbody.find_all("tr")
    ]
    assert [(row[0], row[2]) for row in rows] == [
        ("31/12/2024", "1.000"),  # baseline
        ("30/06/2025", "1.100"),
        ("31/12/2025", "1.500,5"),
        ("30/06/2026", "2.000"),
        ("31/12/2029", "3.000"),  # target
    ]
    # The same numbers as the chart, for screen readers.
    assert [f"{row[0]}: {row[2]} deelnemers" for row in rows[1:4]] == charted


def test_it_shows_the_indicator_progress_with_its_formula(client, reported, coordinator):
    client.force_login(coordinator)
    article = _page(client, reported).find("article", class_="indicator-progress")
    assert article.find(class_="indicator-progress__result").strong.get_text() == "50 %"
    formula = article.find(class_="indicator-progress__formula").get_text()
    assert "(2.000 − 1.000) ÷ (3.000 − 1.000) = 50 %" in formula


def test_an_indicator_without_values_says_no_data_not_zero(client, action, plan, coordinator):
    quantitative(action, code="I9")
    report_make(round_make(plan, 0), action)
    client.force_login(coordinator)

    article = _page(client, action, accept_language="en").find(
        "article", class_="indicator-progress"
    )

    assert article.find(class_="indicator-progress__result").strong.get_text() == "no data"
    assert "0 %" not in article.find(class_="indicator-progress__result").get_text()
    assert article.find("tr", class_="indicator-values__empty") is not None


def test_an_action_without_reports_or_sheet_says_so(client, action, coordinator):
    client.force_login(coordinator)
    page = _page(client, action, accept_language="en")
    section = page.find("section", class_="progress")
    assert section.find("table", class_="timeline") is None
    assert "Not written yet" in section.find(class_="progress__sheet").get_text()


def test_indicator_texts_are_escaped_in_the_chart_and_the_page(client, action, plan, coordinator):
    evil = '<script>alert("x")</script>'
    indicator = quantitative(action, name=evil, unit=evil)
    report_make(round_make(plan, 0), action, values={indicator: 150})
    client.force_login(coordinator)

    response = client.get(_url(action))

    assert b"<script>alert" not in response.content
    assert b"&lt;script&gt;" in response.content


def test_the_section_uses_no_inline_style_or_script(client, reported, coordinator):
    client.force_login(coordinator)
    section = _page(client, reported).find("section", class_="progress")
    assert section.find(attrs={"style": True}) is None
    assert section.find("script") is None


def test_it_links_its_stylesheet(client, reported, coordinator):
    client.force_login(coordinator)
    links = [link["href"] for link in _page(client, reported).find_all("link", rel="stylesheet")]
    assert any(href.endswith("monitoring-progress.css") for href in links)
