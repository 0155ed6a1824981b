"""The benchmark's promise in tests: query counts do not grow with rounds or actions.

The pages are measured at a small and a large size and must run the same queries,
each named by its table (compared between the sizes: the lists themselves are the
page tests' concern, and a difference names the query that came or went).
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planmonitor.monitoring.bench import past_rounds_add
from planmonitor.monitoring.models import ProgressReport, ReportingRound, ReportState, RoundStatus
from planmonitor.plans.models import Action
from planmonitor.tests.queries import check_same_queries

from .progress_helpers import actions_make, milestone_make, round_make


def _queries(client, url: str) -> CaptureQueriesContext:
    assert client.get(url).status_code == 200  # warm-up: per-process caches filled
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries


def _open_round_for_all(plan) -> None:
    """The open round covers every action: drafts, one of them handed in."""
    current = round_make(plan, 9, status=RoundStatus.OPEN)
    covered = set(current.reports.values_list("action_id", flat=True))
    ProgressReport.objects.bulk_create(
        ProgressReport(round=current, action=action)
        for action in Action.objects.filter(plan=plan).exclude(pk__in=covered)
    )
    current.reports.filter(pk=current.reports.order_by("pk").first().pk).update(
        state=ReportState.SUBMITTED
    )


def _grow(plan, *, actions: int, past_rounds: int) -> None:
    existing = Action.objects.filter(plan=plan, code__startswith="B").count()
    for action in actions_make(plan, actions - existing, start=existing):
        milestone_make(action, dt.date(2026, 1, 15), done=dt.date(2026, 1, 20))
        milestone_make(action, dt.date(2027, 1, 15))
    # Earlier rounds miss the new actions: give those their reports too.
    for reporting_round in ReportingRound.objects.filter(plan=plan, status=RoundStatus.CLOSED):
        reporting_round.delete()
    past_rounds_add(plan=plan, past_rounds=past_rounds)
    _open_round_for_all(plan)


@pytest.mark.parametrize("who", ["owner", "network_member", "coordinator"])
def test_the_action_page_needs_the_same_queries_for_1_or_8_rounds_and_5_or_50_actions(
    client, plan, who, request
):
    client.force_login(request.getfixturevalue(who))
    _grow(plan, actions=5, past_rounds=1)
    url = reverse("plans:action_detail", args=[plan.short_name, "B000"])
    small = _queries(client, url)

    _grow(plan, actions=50, past_rounds=8)
    assert ProgressReport.objects.filter(action__code="B000").count() == 9
    large = _queries(client, url)

    check_same_queries(small, large)


def test_mijn_acties_needs_the_same_queries_for_5_or_50_actions_and_1_or_8_rounds(
    client, plan, owner
):
    client.force_login(owner)
    url = reverse("plans:my_actions")
    _grow(plan, actions=5, past_rounds=1)
    small = _queries(client, url)

    _grow(plan, actions=50, past_rounds=8)
    assert b"B049" in client.get(url).content
    large = _queries(client, url)

    check_same_queries(small, large)


def test_past_rounds_add_gives_every_action_the_asked_number_of_past_rounds(plan):
    actions_make(plan, 3)
    round_make(plan, 1)  # one closed round exists: 2025 second half

    added = past_rounds_add(plan=plan, past_rounds=4)

    assert added == 3
    rounds = list(ReportingRound.objects.filter(plan=plan).order_by("period_start"))
    assert [(r.period_start, r.period_end) for r in rounds[:3]] == [
        (dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
        (dt.date(2024, 7, 1), dt.date(2024, 12, 31)),
        (dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
    ]
    for action in Action.objects.filter(plan=plan):
        assert action.reports.filter(state=ReportState.ACCEPTED).count() == 3
        assert action.reports.first().values.count() == 2  # quantitative and qualitative
    assert past_rounds_add(plan=plan, past_rounds=4) == 0
