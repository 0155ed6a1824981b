"""Closing and re-opening a round: the coordinator's, POST only."""

import pytest
from django.urls import reverse

from planmonitor.monitoring import workflow
from planmonitor.monitoring.models import ReportingRound, RoundStatus
from planmonitor.monitoring.rounds import services
from planmonitor.tests.html import parse_html as soup_of

from .rounds_helpers import detail_url, open_round, report_of, submit


def _url(name: str, reporting_round) -> str:
    return reverse(
        f"monitoring:{name}",
        kwargs={"short_name": reporting_round.plan.short_name, "pk": reporting_round.pk},
    )


def _closed(plan):
    reporting_round = open_round(plan)
    return services.round_set_status(round_id=reporting_round.pk, status=RoundStatus.CLOSED)


def test_the_coordinator_closes_an_open_round(client, plan, action, coordinator):
    reporting_round = open_round(plan)
    client.force_login(coordinator)

    response = client.post(_url("round_close", reporting_round))

    assert response.status_code == 302
    assert response["Location"] == detail_url(reporting_round)
    reporting_round.refresh_from_db()
    assert reporting_round.status == RoundStatus.CLOSED
    assert reporting_round.history.first().status == RoundStatus.CLOSED


def test_the_coordinator_reopens_a_closed_round(client, plan, action, coordinator):
    reporting_round = _closed(plan)
    client.force_login(coordinator)

    response = client.post(_url("round_reopen", reporting_round), follow=True)

    reporting_round.refresh_from_db()
    assert reporting_round.status == RoundStatus.OPEN
    soup = soup_of(response)
    assert soup.select_one(".message--success")
    assert soup.select_one('form[action$="/afsluiten/"]')  # and can close it again


def test_a_closed_round_refuses_submissions_until_reopened(
    client, plan, action, owner, coordinator
):
    reporting_round = _closed(plan)
    report = report_of(reporting_round, action)
    with pytest.raises(workflow.TransitionRefused):
        submit(report, owner)

    client.force_login(coordinator)
    client.post(_url("round_reopen", reporting_round))

    assert submit(report, owner).state == "submitted"


@pytest.mark.parametrize(("name", "status"), [("round_close", "closed"), ("round_reopen", "open")])
def test_doing_it_twice_changes_nothing(client, plan, action, coordinator, name, status):
    reporting_round = open_round(plan)  # open already
    services.round_set_status(round_id=reporting_round.pk, status=status)
    entries = reporting_round.history.count()
    client.force_login(coordinator)

    response = client.post(_url(name, reporting_round), follow=True)

    assert ReportingRound.objects.get().status == status
    assert reporting_round.history.count() == entries
    assert soup_of(response).select_one(".message--info")


REFUSED = ["owner", "other_owner", "contributor", "network_member", "evaluator", "outsider"]


@pytest.mark.parametrize("who", REFUSED)
def test_others_may_not_close(client, plan, action, who, request):
    reporting_round = open_round(plan)
    client.force_login(request.getfixturevalue(who))

    assert client.post(_url("round_close", reporting_round)).status_code == 403
    assert ReportingRound.objects.get().status == RoundStatus.OPEN


@pytest.mark.parametrize("who", REFUSED)
def test_others_may_not_reopen(client, plan, action, who, request):
    reporting_round = _closed(plan)
    client.force_login(request.getfixturevalue(who))

    assert client.post(_url("round_reopen", reporting_round)).status_code == 403
    assert ReportingRound.objects.get().status == RoundStatus.CLOSED


def test_anonymous_visitors_are_sent_to_login(client, plan, action):
    reporting_round = open_round(plan)
    response = client.post(_url("round_close", reporting_round))
    assert response["Location"].startswith(reverse("login"))
    assert ReportingRound.objects.get().status == RoundStatus.OPEN


def test_a_link_cannot_close_it(client, plan, action, coordinator):
    reporting_round = open_round(plan)
    client.force_login(coordinator)
    assert client.get(_url("round_close", reporting_round)).status_code == 405
    assert ReportingRound.objects.get().status == RoundStatus.OPEN
