"""record_bulk_history: the importer's bulk writes get their history, in few queries."""

import math

from django.db import connection

from planmonitor.audit.context import Channel, audit_context
from planmonitor.audit.history import _ID_CHUNK, record_bulk_history
from planmonitor.audit.tests.helpers import timeline
from planmonitor.plans.models import (
    Action,
    HistoricalAction,
    HistoricalAction_violence_forms,
    Minister,
)
from planmonitor.tests.queries import assert_queries, seal_lock


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


def _batches(model, count: int) -> int:
    """How many INSERTs ``bulk_create`` needs for ``count`` rows of ``model`` on this database.

    SQLite allows 999 parameters a query (so rows per INSERT = 999 // columns); PostgreSQL
    takes all the rows in one.
    """
    columns = [field for field in model._meta.concrete_fields if not field.primary_key]
    return math.ceil(count / connection.ops.bulk_batch_size(columns, [None] * count))


# The order the bulk history reads the links in (issue 10 added the Istanbul articles and
# the beneficiaries).
M2M_FIELDS = [
    "violence_forms",
    "target_groups",
    "partners",
    "co_ministers",
    "istanbul_articles",
    "beneficiaries",
]


def test_it_records_a_thousand_created_actions_in_queries_per_batch_not_per_action(plan, els):
    actions = _bulk_actions(plan, 1000)
    links = HistoricalAction_violence_forms  # only violence forms have links here
    expected = [
        *seal_lock(),
        *[("INSERT plans_historicalaction", "history rows, per batch")]
        * _batches(HistoricalAction, 1000),
        *[
            (f"SELECT plans_action_{field}", f"the {field} links, per {_ID_CHUNK} actions")
            for field in M2M_FIELDS
            for _chunk in range(math.ceil(1000 / _ID_CHUNK))
        ],
        *[("INSERT plans_historicalaction_violence_forms", "link history rows, per batch")]
        * _batches(links, 1000),
        ("SELECT plans_historicalaction", "the seal: the history rows read back"),
        ("SELECT plans_historicalaction_violence_forms", "the seal: the link rows read back"),
        ("SELECT audit_seal", "the seal: the chain's head"),
        ("INSERT audit_seal", "the seal: one per row (one executemany)"),
    ]
    with assert_queries(expected), audit_context(channel=Channel.IMPORT, user=els):
        rows = record_bulk_history(Action, actions, update=False)

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
