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


# --- the co-minister a contribution speaks for (issue 9) ----------------------------------


def test_a_contribution_names_the_co_minister_it_speaks_for(client, report, contributor, owner):
    client.force_login(contributor)
    form = soup(client.get(url("report_detail", report))).select_one("#contribution-form")
    # One co-minister of the action among the contributor's ministers: no choice, it is said.
    assert form.select_one("select[name=minister]") is None
    assert "Crevits" in form.select_one(".contribution__for").get_text()
    _contribute(client, report)
    assert Contribution.objects.get().minister.key == "crevits"

    client.force_login(owner)
    meta = soup(client.get(url("report_detail", report))).select_one(".contribution__meta")
    assert "Contributor" in meta.get_text() and "Crevits" in meta.get_text()


def test_with_several_co_ministers_the_contributor_chooses(client, report, action, contributor):
    from planmonitor.plans.models import Minister

    second = Minister.objects.exclude(key__in=["crevits", "gennez"]).order_by("key").first()
    action.co_ministers.add(second)
    contributor.memberships.get().ministers.add(second)
    client.force_login(contributor)
    options = soup(client.get(url("report_detail", report))).select(
        "#contribution-form select[name=minister] option"
    )
    assert len(options) == 2

    assert _contribute(client, report).status_code == 200  # no choice: the form says so
    assert not Contribution.objects.exists()
    client.post(url("contribution_add", report), {"text": "Voor de tweede.", "minister": second.pk})
    assert Contribution.objects.get().minister == second


def test_the_service_refuses_a_minister_the_author_does_not_speak_for(report, contributor):
    from django.core.exceptions import ValidationError

    from planmonitor.monitoring.reports import services as report_services
    from planmonitor.plans.models import Minister

    with pytest.raises(ValidationError):
        report_services.contribution_add(
            report=report,
            author=contributor,
            text="Namens een ander.",
            minister=Minister.objects.get(key="gennez"),
        )
