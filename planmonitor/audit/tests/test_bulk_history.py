"""record_bulk_history: the importer's bulk writes get their history, in few queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from planmonitor.audit.context import Channel, audit_context
from planmonitor.audit.history import record_bulk_history
from planmonitor.audit.tests.helpers import timeline
from planmonitor.plans.models import (
    Action,
    HistoricalAction,
    HistoricalAction_violence_forms,
    Minister,
)
from planmonitor.tests.queries import assert_queries


def _bulk_actions(plan, count: int) -> list[Action]:
    od = plan.operational_goals.first()
    minister = Minister.objects.get(key="gennez")
    actions = Action.objects.bulk_create(
        Action(
            plan=plan,
            code=f"B{n:04d}",
            title=f"Actie {n}",
            operational_goal=od,
            lead_minister=minister,
        )
        for n in range(count)
    )
    forms = list(plan.violence_forms.all())
    through = Action.violence_forms.through
    through.objects.bulk_create(
        through(action=action, violenceform=forms[n % len(forms)])
        for n, action in enumerate(actions)
    )
    return actions


def test_it_records_a_thousand_created_actions_in_a_bounded_number_of_queries(plan, els):
    actions = _bulk_actions(plan, 1000)
    with (
        CaptureQueriesContext(connection) as queries,
        audit_context(channel=Channel.IMPORT, user=els),
    ):
        rows = record_bulk_history(Action, actions, update=False)

    # Per batch, not per action. SQLite (999 parameters a query): 27 INSERTs of history
    # rows, per M2M field 2 SELECTs of links (500 actions each) and 0-3 INSERTs of link
    # history: 37; their seals: per table 1 SELECT reading the rows back, 1 of the
    # chain's head, 1 INSERT (executemany): 44. PostgreSQL: 1 + 4 × 2 + 1 = 10, + 8 = 18.
    assert len(queries) < 60, len(queries)
    assert len(rows) == 1000
    records = HistoricalAction.objects.filter(code__startswith="B")
    assert records.count() == 1000
    assert set(
        records.values_list(
            "history_type", "history_channel", "history_user_name", "history_user_id"
        ).distinct()
    ) == {("+", "import", "Els Peeters", els.pk)}
    assert HistoricalAction_violence_forms.objects.filter(history__in=rows).count() == 1000


def test_a_bulk_update_shows_as_a_change_with_its_diff(plan, els):
    (action,) = _bulk_actions(plan, 1)
    record_bulk_history(Action, [action], update=False, channel=Channel.IMPORT, user=els)
    action.title = "Bijgewerkt door de import"
    Action.objects.bulk_update([action], ["title"])
    Action.violence_forms.through.objects.filter(action=action).delete()
    record_bulk_history(Action, [action], update=True, channel=Channel.IMPORT, user=els)

    changed, created = timeline(Action, action.pk)
    assert (changed.kind, changed.channel, changed.user_name) == ("~", "import", "Els Peeters")
    labels = {c.label: c for c in changed.changes}
    assert (labels["Title"].before, labels["Title"].after) == (
        "Actie 0",
        "Bijgewerkt door de import",
    )
    assert labels["Violence forms"].removed and not labels["Violence forms"].added
    assert created.kind == "+"


def test_nothing_to_record_costs_nothing(db):
    with assert_queries([]):
        assert record_bulk_history(Action, [], update=False) == []
