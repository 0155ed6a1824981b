"""The database itself refuses to change or remove audit records (SQLite and PostgreSQL)."""

import pytest
from django.db import IntegrityError, connection, transaction

from planmonitor.accounts.models import HistoricalUser, User
from planmonitor.audit.history import append_only_tables
from planmonitor.audit.tests.tampering import history_row
from planmonitor.core.db import POSTGRES_MAX_IDENTIFIER, append_only_name, append_only_statements
from planmonitor.plans.models import Action, HistoricalAction, HistoricalAction_co_ministers

REFUSED = "audit trail is append-only"


@pytest.fixture
def recorded(action) -> HistoricalAction:
    """The newest history row of ``action`` (which has rows and co-minister links)."""
    return HistoricalAction.objects.filter(id=action.pk).latest()


def _refused(run) -> None:
    # Each attempt in its own savepoint: on PostgreSQL an error aborts the transaction.
    with pytest.raises(IntegrityError, match=REFUSED), transaction.atomic():
        run()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE plans_historicalaction SET title = 'rewritten' WHERE history_id = %s",
        "DELETE FROM plans_historicalaction WHERE history_id = %s",
    ],
)
def test_it_refuses_raw_sql_update_and_delete(recorded, sql):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, [recorded.pk])

    _refused(run)
    recorded.refresh_from_db()
    assert recorded.title == "Testactie: opleiding voor hulpverleners"


def test_it_refuses_orm_update_and_delete(recorded):
    rows = HistoricalAction.objects.filter(pk=recorded.pk)
    _refused(lambda: rows.update(title="rewritten"))
    _refused(rows.delete)
    recorded.history_user_name = "someone else"
    _refused(recorded.save)
    _refused(recorded.delete)
    assert HistoricalAction.objects.get(pk=recorded.pk).history_user_name == ""


def test_it_refuses_to_rewrite_the_link_history(recorded):
    links = HistoricalAction_co_ministers.objects.filter(history=recorded)
    assert links.exists()
    _refused(lambda: links.update(minister_id=None))
    _refused(links.delete)


def test_it_refuses_to_remove_the_history_of_an_account(make_user):
    user = make_user("someone")
    _refused(HistoricalUser.objects.filter(id=user.pk).delete)


# Every history table, plus the seal chain's own tables.
GUARDED = [*append_only_tables(), "audit_seal", "audit_seallayout"]


def test_there_are_43_history_tables():
    # 29, accounts_historicalstandin (stand-ins during leave, issue 9),
    # plans_historicalaction_istanbul_articles (the Istanbul tags, issue 10),
    # plans_historicalaction_beneficiaries (the beneficiaries, issue 10),
    # network_historicalsignal (the learning network's signals, issue 10), the three of
    # its meetings (network_historicalmeeting, _historicalagendaitem, _historicaldecision)
    # and network_historicaloverlapreview, network_historicalthesaurusterm (overlap, issue 10),
    # evaluation_historicalcontextseries and _historicalcontextvalue (context series, issue 11),
    # evaluation_historicalrevision, evaluation_historicalrevisionchange (revisions, issue 11),
    # evaluation_historicalsnapshotsection (the evaluation report's sections, issue 11).
    assert len(append_only_tables()) == 43


@pytest.mark.django_db
@pytest.mark.parametrize("table", GUARDED)
def test_every_historical_table_has_its_triggers(table):
    # Catches an audited model without a trigger migration, and a SQLite table rebuild
    # (AddField, AlterField) that dropped them: re-run append_only_trigger(table) then.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
            )
            expected = {
                f"{append_only_name(table)}_{suffix}" for suffix in ("update", "delete", "replace")
            }
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [table],
            )
            expected = {append_only_name(table), f"{append_only_name(table)}_truncate"}
        assert expected <= {name for (name,) in cursor.fetchall()}


def test_it_refuses_truncate_on_postgresql(recorded):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")

    def run():
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE plans_historicalaction")

    _refused(run)


def test_the_trigger_sql_can_run_again(db):
    # A later migration re-runs it for a table SQLite rebuilt: it must not fail.
    with connection.cursor() as cursor:
        for statement in append_only_statements(connection.vendor, "plans_historicalaction"):
            cursor.execute(statement)
    test_every_historical_table_has_its_triggers("plans_historicalaction")


def test_deleting_objects_and_accounts_only_adds_records(action, make_user, edit):
    user = make_user("leaving")
    edit(action, user=user, title="Gewijzigd door wie vertrekt")
    before = HistoricalAction.objects.filter(id=action.pk).count()
    User.objects.filter(pk=user.pk).delete()  # nothing cascades into the trail
    Action.objects.filter(pk=action.pk).delete()
    records = HistoricalAction.objects.filter(id=action.pk)
    assert records.count() == before + 1
    assert records.latest().history_type == "-"
    assert records.filter(history_user_id=user.pk).get().history_user_name == "Leaving"


def test_trigger_names_fit_postgresql_and_stay_distinct():
    # PostgreSQL cuts identifiers at 63 bytes: two names cut to the same prefix would
    # make the truncate trigger replace the row trigger.
    names = []
    for table in append_only_tables():
        stem = append_only_name(table)
        names += [stem, f"{stem}_truncate", f"{stem}_update", f"{stem}_delete"]
    assert all(len(name) <= POSTGRES_MAX_IDENTIFIER for name in names)
    assert len(set(names)) == len(names)


def _replacing(vendor: str, table: str, key: str, columns: list[str]) -> list[str]:
    """Every way an INSERT can overwrite the row ``key = %s`` of ``table``."""
    quoted = [connection.ops.quote_name(c) for c in columns]
    copy = f"SELECT {', '.join(quoted)} FROM {table} WHERE {key} = %s"
    into = f"{table} ({', '.join(quoted)})"
    other = next(c for c in quoted if c != key)
    upsert = (
        f"INSERT INTO {into} {copy} ON CONFLICT ({key}) DO UPDATE SET {other} = excluded.{other}"
    )
    if vendor == "sqlite":
        return [f"INSERT OR REPLACE INTO {into} {copy}", f"REPLACE INTO {into} {copy}", upsert]
    return [upsert]  # PostgreSQL has no REPLACE


@pytest.mark.django_db
@pytest.mark.parametrize("table", GUARDED)
def test_every_historical_table_refuses_replace_and_upsert(table):
    # SQLite's REPLACE deletes the conflicting row without firing DELETE triggers.
    if table.startswith("audit_"):
        from planmonitor.audit.models import Seal, SealLayout

        row = (Seal if table == "audit_seal" else SealLayout).objects.first()
        if row is None:
            row = Seal.objects.create(layout="x", row_id=1, digest="x", chain="x")
        model = type(row)
    else:
        row = history_row(table)
        model = type(row)
    columns = [f.column for f in model._meta.concrete_fields]
    key = model._meta.pk.column
    before = (
        model.objects.filter(pk=row.pk)
        .values_list(*[f.attname for f in model._meta.concrete_fields])
        .get()
    )
    count = model.objects.count()
    for sql in _replacing(connection.vendor, table, key, columns):

        def run(sql=sql):
            with connection.cursor() as cursor:
                cursor.execute(sql, [row.pk])

        _refused(run)
    assert model.objects.count() == count
    after = (
        model.objects.filter(pk=row.pk)
        .values_list(*[f.attname for f in model._meta.concrete_fields])
        .get()
    )
    assert after == before


@pytest.mark.django_db
@pytest.mark.parametrize("table", GUARDED)
def test_no_history_table_has_a_unique_constraint_besides_its_key(table):
    # The REPLACE guard compares ids: another UNIQUE constraint would let REPLACE
    # delete a row through it. Extend replace_guard_statements() before adding one.
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    unique = [name for name, c in constraints.items() if c["unique"] and not c["primary_key"]]
    assert unique == []
