"""Contributions of co-ministers, shown to the lead owner who consolidates them."""

import pytest
from django.contrib.messages import get_messages

from planmonitor.monitoring.models import Contribution, RoundStatus
from planmonitor.monitoring.rounds import services
from planmonitor.tests.html import parse_html as soup

from .reports_helpers import (
    submitted,
    url,
)


def _contribute(client, report, text="Onderwijs organiseerde 3 sessies."):
    return client.post(url("contribution_add", report), {"text": text})


def test_a_contributor_adds_a_contribution_the_owner_sees(client, report, contributor, owner):
    client.force_login(contributor)
    response = _contribute(client, report)
    assert response.status_code == 302
    assert response["Location"].endswith("#contributions")
    contribution = Contribution.objects.get()
    assert (contribution.author, contribution.report) == (contributor, report)

    client.force_login(owner)
    for page in ("report_detail", "report_edit"):
        shown = soup(client.get(url(page, report))).select_one(".contribution")
        assert "3 sessies" in shown.get_text()
        assert "Contributor" in shown.select_one(".contribution__meta").get_text()


def test_the_contribution_form_is_offered_only_to_contributors(client, report, contributor, owner):
    client.force_login(contributor)
    assert soup(client.get(url("report_detail", report))).select_one("#contribution-form")
    client.force_login(owner)
    assert soup(client.get(url("report_detail", report))).select_one("#contribution-form") is None


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("owner", 403),
        ("coordinator", 403),
        ("network_member", 403),
        ("evaluator", 403),
        ("other_owner", 404),
        ("outsider", 404),
    ],
)
def test_nobody_else_contributes(client, report, who, status, request):
    client.force_login(request.getfixturevalue(who))
    assert _contribute(client, report).status_code == status
    assert not Contribution.objects.exists()


def test_an_empty_contribution_comes_back_with_an_error(client, report, contributor):
    client.force_login(contributor)
    response = _contribute(client, report, text="   ")
    assert response.status_code == 200
    assert soup(response).select_one("#contribution-form .field__error")
    assert not Contribution.objects.exists()


def test_no_contributions_once_submitted_or_in_a_closed_round(client, report, contributor, owner):
    client.force_login(contributor)
    services.round_set_status(round_id=report.round_id, status=RoundStatus.CLOSED)
    response = _contribute(client, report)
    assert [str(m) for m in get_messages(response.wsgi_request)]
    services.round_set_status(round_id=report.round_id, status=RoundStatus.OPEN)
    submitted(report, owner)
    _contribute(client, report)
    assert not Contribution.objects.exists()
