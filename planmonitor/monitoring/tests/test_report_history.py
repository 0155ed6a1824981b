"""A report's history shows its indicator values and evidence too (issue 9, item 7)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from planmonitor.audit.context import audit_context
from planmonitor.monitoring.models import IndicatorValue
from planmonitor.monitoring.reports import services
from planmonitor.tests.html import parse_html


def _entries(client, report) -> list[dict]:
    response = client.get(
        reverse("audit:history", args=["rapport", report.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    soup = parse_html(response)
    entries = []
    for li in soup.select("main li.timeline__entry"):
        subject = li.select_one(".history__subject")
        entries.append(
            {
                "kind": li.select_one(".history__kind").get_text(strip=True),
                "user": li.select_one(".history__user").get_text(strip=True),
                "subject": subject.get_text(strip=True) if subject else "",
                "link": subject.a["href"] if subject and subject.a else "",
                "changes": {
                    row.th.get_text(strip=True): [
                        td.get_text(" ", strip=True) for td in row.select("td")
                    ]
                    for row in li.select("tr.history-change")
                },
            }
        )
    return entries


def _save_value(report, indicator, value: str, owner) -> None:
    report.refresh_from_db()
    with audit_context(channel="web", user=owner):
        services.report_update(
            report_id=report.pk,
            values={},
            expected_version=report.version,
            indicator_values={indicator.pk: {"value": Decimal(value)}},
        )


@pytest.fixture
def client_as_coordinator(client, coordinator):
    client.force_login(coordinator)
    return client


def test_it_shows_an_indicator_values_creation_and_change(
    client_as_coordinator, report, indicators, owner
):
    _save_value(report, indicators[0], "10", owner)
    _save_value(report, indicators[0], "12", owner)
    value = IndicatorValue.objects.get(report=report, indicator=indicators[0])

    about_value = [e for e in _entries(client_as_coordinator, report) if e["subject"]]
    changed, created = about_value  # newest first
    assert changed["subject"].startswith("Indicator value:") and "I1" in changed["subject"]
    assert changed["link"] == reverse("audit:history", args=["indicatorwaarde", value.pk])
    assert (changed["kind"], changed["user"]) == ("Changed", "Owner")
    assert changed["changes"] == {"Value": ["10", "12"]}
    assert created["kind"] == "Created"
    assert created["changes"]["Value"] == ["—", "10"]


def test_it_shows_evidence_added_and_removed_with_what_was_removed(
    client_as_coordinator, report, owner
):
    evidence = services.evidence_add(
        report=report, user=owner, title="Verslag opleiding", url="https://example.org/verslag"
    )
    with audit_context(channel="web", user=owner):
        services.evidence_delete(evidence=evidence)

    removed, added = [e for e in _entries(client_as_coordinator, report) if e["subject"]]
    assert removed["subject"] == added["subject"] == "Evidence: Verslag opleiding"
    assert (removed["kind"], removed["user"]) == ("Deleted", "Owner")
    assert removed["changes"]["Link"] == ["https://example.org/verslag", "—"]
    assert added["kind"] == "Created"
    assert added["changes"]["Title"] == ["—", "Verslag opleiding"]


def test_the_reports_own_entries_stay_and_carry_no_subject(client_as_coordinator, report):
    entries = _entries(client_as_coordinator, report)
    assert [(e["kind"], e["subject"]) for e in entries] == [("Created", "")]
