from decimal import Decimal

import pytest
from django.urls import reverse

from planmonitor.core.rich_text import MAX_DEPTH
from planmonitor.core.tests.markdown_inputs import (
    BRACKETS,
    NESTED_LIST,
    deadline,
    fitted,
    nesting_depth,
)
from planmonitor.monitoring.models import Contribution, Evidence, IndicatorValue, ProgressReport
from planmonitor.monitoring.reports import services
from planmonitor.tests.html import parse_html as soup
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, assert_queries

from .reports_helpers import (
    ROLES_WHO_DO_NOT,
    ROLES_WHO_SEE,
    accepted,
    fresh,
    url,
)


@pytest.mark.parametrize("who", ROLES_WHO_SEE)
def test_it_shows_the_report_to_who_may_see_it(client, report, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(url("report_detail", report))
    assert response.status_code == 200
    assert report.action.code in soup(response).h1.get_text()


@pytest.mark.parametrize("who", ROLES_WHO_DO_NOT)
def test_it_answers_404_to_others(client, report, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url("report_detail", report)).status_code == 404


def test_it_is_not_public_even_when_the_plan_is(client, report, outsider):
    plan = report.round.plan
    plan.is_published = True
    plan.save()
    response = client.get(url("report_detail", report))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.force_login(outsider)
    assert client.get(url("report_detail", report)).status_code == 404


def test_it_answers_404_for_an_action_outside_the_round(client, report, coordinator):
    client.force_login(coordinator)
    missing = url("report_detail", report).replace(report.action.code, "NOPE")
    assert client.get(missing).status_code == 404


def test_it_shows_status_reason_narratives_milestones_and_values(
    client, report, indicators, milestones, owner
):
    quantitative, qualitative = indicators
    services.report_update(
        report_id=report.pk,
        values={
            "implementation_status": "delayed",
            "status_reason": "De aanbesteding liep vertraging op.",
            "done": "Twee **sessies** gegeven.",
            "obstacles": "Weinig inschrijvingen.",
            "next_steps": "- Nieuwe oproep\n- Evaluatie",
        },
        expected_version=report.version,
        milestones_reached=[milestones[0]],
        indicator_values={
            quantitative.pk: {"value": Decimal("1234.5"), "source": "Registratie", "remark": "X"},
        },
    )
    client.force_login(owner)
    page = soup(client.get(url("report_detail", report)))

    assert page.select_one("#implementation-status").get_text(strip=True)
    assert "aanbesteding" in page.select_one(".report-reason").get_text()
    assert page.select_one("#report-done strong").get_text() == "sessies"
    assert len(page.select("#report-next-steps li")) == 2
    assert [li.get_text(" ", strip=True).split(" (")[0] for li in page.select(".milestone")] == [
        "Opleiding ontworpen"
    ]
    first, second = page.select("tr.indicator-value")
    assert first.select_one(".report-number").get_text() == "1.234,5"
    assert "personen" in first.select_one(".indicator-value__value").get_text()
    assert "Registratie" in first.get_text()
    # No value for the qualitative indicator: "no data", never an empty cell or a zero.
    assert second.select_one(".no-data") is not None


def test_a_qualitative_value_shows_its_level_and_text(client, report, indicators, coordinator):
    qualitative = indicators[1]
    IndicatorValue.objects.create(
        report=report, indicator=qualitative, level="substantial", text="Kader in ontwerp"
    )
    client.force_login(coordinator)
    cell = soup(client.get(url("report_detail", report))).select("tr.indicator-value")[1]
    assert cell.select_one(".report-level").get_text(strip=True)
    assert "Kader in ontwerp" in cell.select_one(".report-level-text").get_text()


def test_it_shows_the_remarks_of_a_return_and_the_reason_of_a_reopen(
    client, report, owner, coordinator
):
    accepted(report, owner, coordinator)
    services.report_transition(
        report_id=report.pk, transition="reopen", user=coordinator, reason="Cijfer I1 klopt niet."
    )
    client.force_login(owner)
    page = soup(client.get(url("report_detail", report)))
    assert "Cijfer I1 klopt niet." in page.select_one("#reopen-reason").get_text()

    services.report_transition(report_id=report.pk, transition="submit", user=owner)
    services.report_transition(
        report_id=report.pk, transition="return", user=coordinator, remarks="Bron ontbreekt."
    )
    page = soup(client.get(url("report_detail", report)))
    assert "Bron ontbreekt." in page.select_one("#coordinator-remarks").get_text()
    assert page.select_one("#report-state")["data-state"] == "returned"

    # Once resubmitted, the remarks move out of the way but stay readable.
    services.report_transition(report_id=report.pk, transition="submit", user=owner)
    page = soup(client.get(url("report_detail", report)))
    assert page.select_one("#coordinator-remarks") is None
    assert "Bron ontbreekt." in page.select_one("#earlier-remarks").get_text()


def test_a_contributor_gets_no_link_to_the_history(client, report, contributor):
    client.force_login(contributor)
    assert soup(client.get(url("report_detail", report))).select_one(".report-history") is None


def _buttons(client, user, report) -> set[str]:
    client.force_login(user)
    page = soup(client.get(url("report_detail", report)))
    return {button["data-transition"] for button in page.select("button[data-transition]")}


def test_it_offers_each_role_only_its_own_steps(
    client, report, owner, coordinator, contributor, network_member, evaluator
):
    assert _buttons(client, owner, report) == {"submit"}
    assert _buttons(client, coordinator, report) == {"submit"}
    for reader in (contributor, network_member, evaluator):
        assert _buttons(client, reader, report) == set()

    services.report_transition(report_id=report.pk, transition="submit", user=owner)
    assert _buttons(client, owner, report) == set()
    assert _buttons(client, coordinator, report) == {"accept", "return"}

    services.report_transition(report_id=report.pk, transition="accept", user=coordinator)
    assert _buttons(client, owner, report) == set()
    assert _buttons(client, coordinator, report) == {"reopen"}


def test_the_edit_link_is_for_editors_while_the_report_is_editable(
    client, report, owner, contributor, coordinator
):
    client.force_login(owner)
    assert soup(client.get(url("report_detail", report))).select_one("#report-edit-link")
    client.force_login(contributor)
    assert soup(client.get(url("report_detail", report))).select_one("#report-edit-link") is None
    services.report_transition(report_id=report.pk, transition="submit", user=owner)
    client.force_login(owner)
    assert soup(client.get(url("report_detail", report))).select_one("#report-edit-link") is None


HOSTILE = [
    "<script>alert('x')</script>",
    '<img src="x" onerror="alert(1)">',
    "[klik](javascript:alert(1))",
    '<a href="javascript:alert(2)">hier</a>',
    "<iframe src=//evil.example></iframe>",
]


def test_no_script_or_html_injection_survives_into_the_page(
    client, report, owner, coordinator, contributor
):
    text = "\n\n".join(HOSTILE)
    services.report_update(
        report_id=report.pk,
        values={
            "implementation_status": "delayed",
            "status_reason": text,
            "done": text,
            "obstacles": text,
            "next_steps": text,
        },
        expected_version=report.version,
    )
    services.contribution_add(report=report, author=contributor, text=text)
    current = fresh(report)
    services.report_transition(report_id=current.pk, transition="submit", user=owner)
    services.report_transition(
        report_id=current.pk, transition="return", user=coordinator, remarks=text
    )

    for who, name in ((owner, "report_detail"), (owner, "report_edit")):
        client.force_login(who)
        response = client.get(url(name, report))
        assert response.status_code == 200
        page = soup(response)
        main = page.select_one("main")
        assert main.find("script") is None
        assert main.find("iframe") is None
        assert main.find("img") is None
        for element in main.find_all(True):
            assert not any(attribute.startswith("on") for attribute in element.attrs), element
            href = element.get("href", "")
            assert not href.strip().lower().startswith("javascript:"), element
        # The page's only scripts are our own static files.
        for script in page.find_all("script"):
            assert script.get("src", "").startswith("/static/") and not script.string


def test_it_lists_evidence_and_contributions(client, report, owner, contributor):
    services.evidence_add(report=report, user=owner, title="Verslag", url="https://example.org/v")
    services.contribution_add(report=report, author=contributor, text="Ook in Brussel *gestart*.")
    client.force_login(owner)
    page = soup(client.get(url("report_detail", report)))
    link = page.select_one(".evidence a")
    assert link["href"] == "https://example.org/v" and "noopener" in link["rel"]
    assert page.select_one(".contribution em").get_text() == "gestart"


def _fill(report, indicators, milestones, owner, contributor, count: int, offset: int) -> None:
    for number in range(offset, offset + count):
        indicator = report.action.indicators.create(
            code=f"Q{number:02}", name=f"Indicator {number}", kind="quantitative", unit="aantal"
        )
        IndicatorValue.objects.create(report=report, indicator=indicator, value=number)
        Evidence.objects.create(
            report=report, title=f"Bewijs {number}", url=f"https://example.org/{number}"
        )
        Contribution.objects.create(report=report, author=contributor, text=f"Bijdrage {number}")
        report.milestones_reached.add(
            milestones[0].__class__.objects.create(
                action=report.action, name=f"Mijlpaal {number}", planned_date="2026-10-01"
            )
        )


# The owner's report page. The queries must not depend on the number of indicators, values,
# milestones, evidence or contributions.
QUERIES = {
    "report_detail": [
        *SIGNED_IN,
        *POLICY,
        ("SELECT monitoring_progressreport", "the report, with its round, plan and action"),
        ("SELECT plans_minister", "the action's co-ministers (prefetch, for the policy)"),
        ("SELECT plans_indicator", "the action's indicators (prefetch)"),
        ("SELECT monitoring_milestone", "the action's milestones (prefetch)"),
        ("SELECT monitoring_milestone", "the milestones this report reached (prefetch)"),
        ("SELECT monitoring_indicatorvalue", "the report's values (prefetch)"),
        ("SELECT monitoring_evidence", "its evidence (prefetch)"),
        ("SELECT monitoring_contribution", "its contributions with their authors (prefetch)"),
        *NAV,
        *BANNER,
    ]
}
QUERIES["report_edit"] = [
    *QUERIES["report_detail"],
    ("SELECT monitoring_milestone", "the form: the milestones to tick"),
    ("SELECT monitoring_milestone", "the form: the milestones to tick, read a second time"),
]


@pytest.mark.parametrize("page", ["report_detail", "report_edit"])
def test_the_number_of_queries_does_not_grow_with_the_content(
    client,
    report,
    indicators,
    milestones,
    owner,
    contributor,
    page,
):
    _fill(report, indicators, milestones, owner, contributor, count=2, offset=0)
    client.force_login(owner)
    with assert_queries(QUERIES[page]):
        response = client.get(url(page, report))
    assert response.status_code == 200
    _fill(report, indicators, milestones, owner, contributor, count=8, offset=2)
    with assert_queries(QUERIES[page]):
        response = client.get(url(page, report))
    rendered = soup(response)
    if page == "report_detail":
        assert len(rendered.select("tr.indicator-value")) == 12
        assert len(rendered.select(".evidence")) == 10
    else:
        assert len(rendered.select("fieldset.indicator-row")) == 12
    assert len(rendered.select(".contribution")) == 10


@pytest.mark.parametrize("text", [NESTED_LIST, BRACKETS], ids=["list nested 300 deep", "20,000 ["])
def test_no_narrative_takes_the_page_down(client, report, owner, contributor, text):
    # Written straight to the row: as much of the text as each field may hold.
    narratives = ("status_reason", "done", "obstacles", "next_steps", "remarks", "reopen_reason")
    ProgressReport.objects.filter(pk=report.pk).update(
        implementation_status="delayed",
        **{name: fitted(text, ProgressReport, name) for name in narratives},
    )
    Contribution.objects.create(
        report=report, author=contributor, text=fitted(text, Contribution, "text")
    )
    client.force_login(owner)
    with deadline(10):  # generous: today it answers in well under a second
        response = client.get(url("report_detail", report))
    assert response.status_code == 200
    page = soup(response)
    for selector in ("#report-done", ".report-reason", "#reopen-reason", ".contribution__text"):
        assert nesting_depth(str(page.select_one(selector))) <= MAX_DEPTH + 2
