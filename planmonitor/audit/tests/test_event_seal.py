"""The change log's events are sealed in the history's chain: a rewritten log is detected."""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from planmonitor.audit import seal
from planmonitor.audit.context import audit_context
from planmonitor.audit.events import record_event
from planmonitor.audit.models import Event, Seal, SealLayout
from planmonitor.audit.tests.tampering import history_row, triggers_dropped
from planmonitor.audit.verify import verify_audit
from planmonitor.plans.models import HistoricalAction
from planmonitor.tests.queries import assert_queries, recorded_event

TABLE = "audit_event"


@pytest.fixture
def event(plan, coordinator) -> Event:
    with audit_context(channel="web", user=coordinator):
        return record_event(kind="plan.change", obj=plan, plan=plan, summary="Titel gewijzigd")


def _problems() -> set[tuple[str, str, int | None]]:
    return {(p.kind, p.table, p.row_id) for p in verify_audit().problems}


def _sql(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _sealed(events) -> list[int]:
    """The ids of these events that have a seal, in seal order."""
    layouts = SealLayout.objects.filter(table=TABLE).values("pk")
    return list(
        Seal.objects.filter(layout__in=layouts, row_id__in=[e.pk for e in events])
        .order_by("id")
        .values_list("row_id", flat=True)
    )


def test_a_recorded_event_is_sealed_as_it_is_written(event):
    assert _sealed([event]) == [event.pk]
    assert Seal.objects.get(row_id=event.pk, layout=seal.Layout.of(Event).id)
    result = verify_audit()
    assert result.ok, result.problems


def test_the_events_layout_is_recorded_after_migrate(db):
    assert SealLayout.objects.filter(pk=seal.Layout.of(Event).id, table=TABLE).exists()


def test_recording_an_event_runs_its_seals_queries(plan):
    ContentType.objects.get_for_model(plan)  # cached per process
    with assert_queries(recorded_event("the event")):
        record_event(kind="plan.change", obj=plan, plan=plan)


def test_a_changed_event_is_detected(event):
    with triggers_dropped(TABLE):
        _sql(f"UPDATE {TABLE} SET summary = 'herschreven' WHERE id = %s", [event.pk])
    assert _problems() == {("changed", TABLE, event.pk)}


def test_a_removed_event_is_detected(event):
    with triggers_dropped(TABLE):
        _sql(f"DELETE FROM {TABLE} WHERE id = %s", [event.pk])
    assert _problems() == {("removed", TABLE, event.pk)}


def test_an_event_inserted_past_the_application_is_detected(event, plan):
    forged = Event.objects.create(plan=plan, kind="plan.change", actor_name="Niemand")
    assert _problems() == {("unsealed", TABLE, forged.pk)}


def test_the_command_reports_a_changed_event(event, capsys):
    with triggers_dropped(TABLE):
        _sql(f"UPDATE {TABLE} SET actor_name = 'Iemand anders' WHERE id = %s", [event.pk])
    with pytest.raises(SystemExit) as exit_:
        call_command("verify_audit")
    assert exit_.value.code == 1
    assert f"changed: {TABLE} #{event.pk}" in capsys.readouterr().err


def test_events_recorded_inside_a_history_block_are_sealed_in_id_order(plan):
    # A service writing history rows (sealed when its block ends) and events in between:
    # each event is sealed at once, the history rows after them; per table, id order.
    with seal.sealing() as batch:
        first = record_event(kind="plan.change", obj=plan, plan=plan)
        row = history_row("plans_historicalaction")
        batch.add(HistoricalAction, [row])
        second = record_event(kind="plan.change", obj=plan, plan=plan)
        assert _sealed([first, second]) == [first.pk, second.pk]
    history_seal = Seal.objects.get(layout=seal.Layout.of(HistoricalAction).id, row_id=row.pk)
    assert Seal.objects.get(layout=seal.Layout.of(Event).id, row_id=second.pk).pk < history_seal.pk
    result = verify_audit()
    assert result.ok, result.problems


def test_the_migration_seals_the_events_recorded_before_it(event, plan):
    # Events as the log wrote them before they were sealed: plain INSERTs.
    earlier = [Event.objects.create(plan=plan, kind="plan.change") for _n in range(3)]
    assert _problems() == {("unsealed", TABLE, e.pk) for e in earlier}
    migration = import_module("planmonitor.audit.migrations.0004_seal_events")
    editor = SimpleNamespace(connection=connection)

    migration.seal_existing_events(apps, editor)

    assert _sealed([event, *earlier]) == [event.pk, *(e.pk for e in earlier)]  # once each
    result = verify_audit()
    assert result.ok, result.problems
    seals = Seal.objects.count()
    migration.seal_existing_events(apps, editor)  # run again: nothing left to seal
    assert Seal.objects.count() == seals
