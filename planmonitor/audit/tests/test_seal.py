"""The seal chain: a rewritten trail is detected, even by whoever dropped the triggers."""

import json

import pytest
from django.core.management import call_command
from django.db import connection

from planmonitor.audit import seal
from planmonitor.audit.history import append_only_models, record_bulk_history
from planmonitor.audit.models import Seal, SealLayout
from planmonitor.audit.tests.tampering import triggers_dropped
from planmonitor.audit.verify import verify_audit
from planmonitor.plans.models import Action, HistoricalAction, HistoricalAction_co_ministers

TABLE = "plans_historicalaction"


@pytest.fixture
def trail(action, edit):
    """A trail written through both paths: saves (signals) and the bulk helper."""
    edit(action, title="Gewijzigd")
    record_bulk_history(Action, [action], update=True)
    return HistoricalAction.objects.filter(id=action.pk).order_by("history_id")


def _problems(**kwargs) -> set[tuple[str, str, int | None]]:
    return {(p.kind, p.table, p.row_id) for p in verify_audit(**kwargs).problems}


def _sql(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_a_clean_trail_verifies(trail):
    result = verify_audit()
    assert result.ok, result.problems
    assert result.seals == result.rows > 0
    assert Seal.objects.filter(row_id__in=[r.pk for r in trail]).count() >= trail.count()


def test_every_history_row_is_sealed_as_it_is_written(trail):
    links = HistoricalAction_co_ministers.objects.filter(history__in=trail)
    assert links.exists()
    for table, ids in [
        (TABLE, [r.pk for r in trail]),
        (HistoricalAction_co_ministers._meta.db_table, [r.pk for r in links]),
    ]:
        layouts = SealLayout.objects.filter(table=table).values_list("pk", flat=True)
        sealed = set(
            Seal.objects.filter(layout__in=layouts, row_id__in=ids).values_list("row_id", flat=True)
        )
        assert sealed == set(ids)


def test_every_history_table_has_the_layout_its_writers_use(db):
    known = set(SealLayout.objects.values_list("pk", flat=True))
    assert {seal.Layout.of(model).id for model in append_only_models()} <= known


def test_a_changed_row_is_detected(trail):
    first = trail.first()
    with triggers_dropped(TABLE):
        _sql(f"UPDATE {TABLE} SET title = 'herschreven' WHERE history_id = %s", [first.pk])
    assert _problems() == {("changed", TABLE, first.pk)}


def test_a_removed_row_is_detected(trail):
    last = trail.last()
    links = HistoricalAction_co_ministers._meta.db_table
    with triggers_dropped(TABLE), triggers_dropped(links):
        _sql(f"DELETE FROM {links} WHERE history_id = %s", [last.pk])
        _sql(f"DELETE FROM {TABLE} WHERE history_id = %s", [last.pk])
    problems = _problems()
    assert ("removed", TABLE, last.pk) in problems
    assert {kind for kind, _, _ in problems} == {"removed"}


def test_a_row_inserted_past_the_application_is_detected(trail):
    # Inserting is allowed (append-only): a back-dated row slipped in without a seal.
    columns = [f.column for f in HistoricalAction._meta.concrete_fields if f.column != "history_id"]
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    _sql(
        f"INSERT INTO {TABLE} ({quoted}) SELECT {quoted} FROM {TABLE} WHERE history_id = %s",
        [trail.first().pk],
    )
    forged = HistoricalAction.objects.latest("history_id")
    assert _problems() == {("unsealed", TABLE, forged.pk)}


def test_a_row_inserted_out_of_order_is_detected(trail):
    # An id below the newest one, in a gap: sealed or not, it cannot be in chain order.
    gap = trail.first().pk - 1 if trail.first().pk > 1 else trail.last().pk + 1000
    columns = [f.column for f in HistoricalAction._meta.concrete_fields]
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    values = ", ".join("%s" if c == "history_id" else connection.ops.quote_name(c) for c in columns)
    _sql(
        f"INSERT INTO {TABLE} ({quoted}) SELECT {values} FROM {TABLE} WHERE history_id = %s",
        [gap, trail.first().pk],
    )
    assert ("unsealed", TABLE, gap) in _problems()
    # Even with a seal that fits the chain (only the key's holder can write one):
    with seal.sealing():
        seal.append_seals("default", {seal.Layout.of(HistoricalAction): [gap]})
    if gap < trail.last().pk:
        assert ("out_of_order", TABLE, gap) in _problems()


def test_a_seal_rewritten_without_the_key_breaks_the_chain(trail):
    first = trail.first()
    with triggers_dropped(TABLE):
        _sql(f"UPDATE {TABLE} SET title = 'herschreven' WHERE history_id = %s", [first.pk])
    layout = seal.Layout.of(HistoricalAction)
    with connection.cursor() as cursor:
        ((_, digest),) = list(seal.read_rows(cursor, layout, low=first.pk, high=first.pk))
    with triggers_dropped("audit_seal"):
        _sql(
            "UPDATE audit_seal SET digest = %s WHERE layout = %s AND row_id = %s",
            [digest, layout.id, first.pk],
        )
    assert {kind for kind, _, _ in _problems()} == {"chain"}


def test_a_removed_seal_breaks_the_chain(trail):
    victim = Seal.objects.order_by("id")[1]
    with triggers_dropped("audit_seal"):
        _sql("DELETE FROM audit_seal WHERE id = %s", [victim.pk])
    kinds = {kind for kind, _, _ in _problems()}
    assert kinds == {"chain", "unsealed"}


def test_another_key_does_not_verify(trail, settings):
    settings.AUDIT_SEAL_KEY = "not-the-key"
    assert {kind for kind, _, _ in _problems()} == {"chain"}


def test_an_anchor_kept_outside_the_database_is_checked(trail):
    head = Seal.objects.latest("id")
    assert verify_audit(anchors={head.pk: head.chain}).ok
    table = SealLayout.objects.get(pk=head.layout).table
    assert _problems(anchors={head.pk: "0" * 64}) == {("chain", table, head.row_id)}
    assert _problems(anchors={head.pk + 10: head.chain}) == {("chain", "audit_seal", None)}


def test_history_written_past_the_seal_is_refused(db):
    with pytest.raises(RuntimeError, match="outside"):
        seal.current_batch()


def test_the_command_reports_a_clean_trail(trail, capsys):
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "intact" in out
    head = Seal.objects.latest("id")
    assert f"{head.pk}:{head.chain}" in out
    call_command("verify_audit", "--format", "json", f"--anchor={head.pk}:{head.chain}")
    assert json.loads(capsys.readouterr().out)["ok"] is True


def test_the_command_exits_1_with_the_list_of_problems(trail, capsys):
    first = trail.first()
    with triggers_dropped(TABLE):
        _sql(f"UPDATE {TABLE} SET title = 'herschreven' WHERE history_id = %s", [first.pk])
    with pytest.raises(SystemExit) as exit_:
        call_command("verify_audit")
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert f"changed: {TABLE} #{first.pk}" in err
    with pytest.raises(SystemExit):
        call_command("verify_audit", "--format", "json")
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert report["problems"][0]["kind"] == "changed"
