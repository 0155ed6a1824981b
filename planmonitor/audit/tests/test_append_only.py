"""The database itself refuses to change or remove audit records (SQLite and PostgreSQL)."""

import pytest
from django.db import IntegrityError, connection, transaction

from planmonitor.accounts.models import HistoricalUser, User
from planmonitor.audit.history import append_only_tables
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


@pytest.mark.django_db
@pytest.mark.parametrize("table", append_only_tables())
def test_every_historical_table_has_its_triggers(table):
    # Catches an audited model without a trigger migration, and a SQLite table rebuild
    # (AddField, AlterField) that dropped them: re-run append_only_trigger(table) then.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
            )
            expected = {f"{append_only_name(table)}_update", f"{append_only_name(table)}_delete"}
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
