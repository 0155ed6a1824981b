"""Database-level rules that Django constraints cannot express.

Cross-table invariants ("an action's operational goal belongs to the same plan")
are enforced by triggers, created in migrations for SQLite and PostgreSQL alike,
so that no code path (admin, import, a stray script) can break them.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.db import router
from django.db.migrations.operations.base import Operation


@dataclass(frozen=True)
class PlanRef:
    """Where a row's plan id comes from: its own column or a referenced row's."""

    column: str
    table: str | None = None  # None: the column itself holds the plan id

    def sql(self) -> str:
        if self.table is None:
            return f"NEW.{self.column}"
        return f"(SELECT plan_id FROM {self.table} WHERE id = NEW.{self.column})"


def _sqlite_trigger(name: str, table: str, left: PlanRef, right: PlanRef, message: str) -> str:
    statements = []
    for event in ("INSERT", "UPDATE"):
        statements.append(
            f"CREATE TRIGGER {name}_{event.lower()} BEFORE {event} ON {table} FOR EACH ROW "
            f"WHEN NEW.{right.column} IS NOT NULL AND {left.sql()} IS NOT {right.sql()} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END;"
        )
    return "\n".join(statements)


def _postgres_trigger(name: str, table: str, left: PlanRef, right: PlanRef, message: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ BEGIN "
        f"IF NEW.{right.column} IS NOT NULL AND {left.sql()} IS DISTINCT FROM {right.sql()} THEN "
        f"RAISE EXCEPTION '{message}' USING ERRCODE = 'check_violation'; END IF; "
        f"RETURN NEW; END $$ LANGUAGE plpgsql;\n"
        f"CREATE TRIGGER {name} BEFORE INSERT OR UPDATE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {name}();"
    )


def _execute(sql_by_vendor: dict[str, str], schema_editor) -> None:
    sql = sql_by_vendor.get(schema_editor.connection.vendor)
    if sql is None:
        raise NotImplementedError(f"no trigger SQL for {schema_editor.connection.vendor}")
    with schema_editor.connection.cursor() as cursor:
        # One statement per line: trigger bodies contain ';' themselves.
        for statement in sql.splitlines():
            cursor.execute(statement)


class VendorSQL(Operation):
    """A migration operation: SQL per database vendor, one statement per line.

    ``RunSQL`` cannot choose by vendor; ``RunPython`` could, but renders the state of
    every model before it runs (a quarter of a second each time, a hundred times in a
    fresh ``migrate``: most of the test database's set-up). Triggers need no models.
    """

    reduces_to_sql = False
    reversible = True
    elidable = False

    def __init__(self, forward: dict[str, str], backward: dict[str, str]) -> None:
        self.forward = forward
        self.backward = backward

    def state_forwards(self, app_label, state) -> None:
        pass  # the models' state does not change

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if router.allow_migrate(schema_editor.connection.alias, app_label):
            _execute(self.forward, schema_editor)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if router.allow_migrate(schema_editor.connection.alias, app_label):
            _execute(self.backward, schema_editor)

    def describe(self) -> str:
        return "Database triggers (SQL per vendor)"


class SchemaEditorCall(Operation):
    """A migration operation: ``forward(schema_editor)`` / ``backward(schema_editor)``,
    without the models' state (see ``VendorSQL``)."""

    reduces_to_sql = False
    reversible = True
    elidable = False

    def __init__(self, forward: Callable, backward: Callable) -> None:
        self.forward = forward
        self.backward = backward

    def state_forwards(self, app_label, state) -> None:
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if router.allow_migrate(schema_editor.connection.alias, app_label):
            self.forward(schema_editor)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if router.allow_migrate(schema_editor.connection.alias, app_label):
            self.backward(schema_editor)

    def describe(self) -> str:
        return "Database triggers (kept across a table rebuild)"


def same_plan_trigger(
    name: str, table: str, left: PlanRef, right: PlanRef, message: str
) -> VendorSQL:
    """A migration operation: refuse rows whose two plan references differ."""
    forward = {
        "sqlite": _sqlite_trigger(name, table, left, right, message),
        "postgresql": _postgres_trigger(name, table, left, right, message),
    }
    backward = {
        "sqlite": f"DROP TRIGGER IF EXISTS {name}_insert;\nDROP TRIGGER IF EXISTS {name}_update;",
        "postgresql": (
            f"DROP TRIGGER IF EXISTS {name} ON {table};\nDROP FUNCTION IF EXISTS {name}();"
        ),
    }
    return VendorSQL(forward, backward)


def immutable_column_trigger(name: str, table: str, column: str) -> VendorSQL:
    """A migration operation: refuse any UPDATE that changes ``column``.

    Used for ``plan_id``: a row referenced by another plan's rows may not move,
    or the same-plan triggers on the referring rows would be bypassed.
    """
    message = f"{table}: {column} cannot change (plan rows stay in their plan)"
    forward = {
        "sqlite": (
            f"CREATE TRIGGER {name} BEFORE UPDATE OF {column} ON {table} FOR EACH ROW "
            f"WHEN NEW.{column} IS NOT OLD.{column} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END;"
        ),
        "postgresql": (
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ BEGIN "
            f"IF NEW.{column} IS DISTINCT FROM OLD.{column} THEN "
            f"RAISE EXCEPTION '{message}' USING ERRCODE = 'check_violation'; END IF; "
            f"RETURN NEW; END $$ LANGUAGE plpgsql;\n"
            f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}();"
        ),
    }
    backward = {
        "sqlite": f"DROP TRIGGER IF EXISTS {name};",
        "postgresql": (
            f"DROP TRIGGER IF EXISTS {name} ON {table};\nDROP FUNCTION IF EXISTS {name}();"
        ),
    }
    return VendorSQL(forward, backward)


APPEND_ONLY_MESSAGE = "audit trail is append-only"


POSTGRES_MAX_IDENTIFIER = 63
VENDORS = ("sqlite", "postgresql")


def append_only_name(table: str) -> str:
    """The stem of ``table``'s append-only trigger and function names.

    PostgreSQL truncates identifiers to 63 bytes: for a long table name the
    row trigger and the ``_truncate`` trigger would collapse into one name (and
    the second would replace the first). Long names get a short hashed stem.
    """
    stem = f"{table}_append_only"
    if len(f"{stem}_truncate") <= POSTGRES_MAX_IDENTIFIER:
        return stem
    digest = hashlib.sha1(table.encode()).hexdigest()[:8]
    return f"{table[:30]}_{digest}_append_only"


def append_only_statements(vendor: str, table: str, key: str = "rowid") -> list[str]:
    """SQL that makes ``table`` refuse UPDATE and DELETE (and TRUNCATE, on PostgreSQL),
    and on SQLite also an INSERT OR REPLACE / UPSERT over an existing row.

    Idempotent (IF NOT EXISTS / OR REPLACE), so a later migration can run it again
    for a table SQLite rebuilt: rebuilding a table (most AlterField/AddField
    operations on SQLite) drops its triggers.
    """
    name = append_only_name(table)
    message = f"{table}: {APPEND_ONLY_MESSAGE}"
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS {name}_{event.lower()} BEFORE {event} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END;"
            for event in ("UPDATE", "DELETE")
        ] + replace_guard_statements(vendor, table, key)
    if vendor == "postgresql":
        # restrict_violation (SQLSTATE 23001): Django raises IntegrityError, as on SQLite.
        return [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ BEGIN "
            f"RAISE EXCEPTION '{message} (%)', TG_OP USING ERRCODE = 'restrict_violation'; "
            f"END $$ LANGUAGE plpgsql;",
            f"CREATE OR REPLACE TRIGGER {name} BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}();",
            f"CREATE OR REPLACE TRIGGER {name}_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {name}();",
        ]
    raise NotImplementedError(f"no append-only trigger SQL for {vendor}")


def replace_guard_statements(vendor: str, table: str, key: str = "rowid") -> list[str]:
    """SQL that makes ``table`` refuse an INSERT that would replace an existing row.

    SQLite's ``INSERT OR REPLACE`` / ``REPLACE INTO`` deletes the row it conflicts
    with *without* firing DELETE triggers, and an UPSERT's ``DO UPDATE`` could
    rewrite it: a BEFORE INSERT trigger refuses any insert whose id is taken,
    before conflict resolution runs. ``key``: the table's primary key; ``rowid``
    is that of every history table (``history_id``, ``m2m_history_id``), their
    only UNIQUE constraint (a test checks). Dropped and created again, so a
    migration can re-run it for a table SQLite rebuilt.

    PostgreSQL has no REPLACE, and ``ON CONFLICT DO UPDATE`` fires the UPDATE
    trigger, which refuses it: nothing to add there.
    """
    if vendor == "postgresql":
        return []
    if vendor != "sqlite":
        raise NotImplementedError(f"no append-only trigger SQL for {vendor}")
    name = f"{append_only_name(table)}_replace"
    message = f"{table}: {APPEND_ONLY_MESSAGE} (a row with this id exists)"
    return [
        f"DROP TRIGGER IF EXISTS {name};",
        f"CREATE TRIGGER {name} BEFORE INSERT ON {table} "
        f"WHEN EXISTS (SELECT 1 FROM {table} WHERE {key} = NEW.{key}) "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END;",
    ]


def replace_guard_trigger(table: str, key: str = "rowid") -> VendorSQL:
    """A migration operation: only the REPLACE/UPSERT guard of ``append_only_statements``."""
    forward = {
        vendor: "\n".join(replace_guard_statements(vendor, table, key)) for vendor in VENDORS
    }
    backward = {
        "sqlite": f"DROP TRIGGER IF EXISTS {append_only_name(table)}_replace;",
        "postgresql": "",
    }
    return VendorSQL(forward, backward)


def append_only_trigger(table: str, key: str = "rowid") -> VendorSQL:
    """A migration operation: the rows of ``table`` can be inserted and read, nothing else."""
    name = append_only_name(table)
    forward = {
        vendor: "\n".join(append_only_statements(vendor, table, key))
        for vendor in ("sqlite", "postgresql")
    }
    backward = {
        "sqlite": (
            f"DROP TRIGGER IF EXISTS {name}_update;\nDROP TRIGGER IF EXISTS {name}_delete;\n"
            f"DROP TRIGGER IF EXISTS {name}_replace;"
        ),
        "postgresql": (
            f"DROP TRIGGER IF EXISTS {name} ON {table};\n"
            f"DROP TRIGGER IF EXISTS {name}_truncate ON {table};\n"
            f"DROP FUNCTION IF EXISTS {name}();"
        ),
    }
    return VendorSQL(forward, backward)


class KeptTriggers:
    """Re-create the triggers SQLite drops when a migration rebuilds a table.

    Put ``kept.save()`` before the schema operations and ``kept.restore()`` after them.
    ``save`` records every trigger's own SQL (as ``sqlite_master`` has it, whatever
    helper made it) and drops them all: a trigger on another table that names a
    rebuilt one would make SQLite refuse the rebuild's final rename. ``restore``
    creates them again. PostgreSQL alters tables in place and keeps its triggers:
    both operations do nothing there.
    """

    def __init__(self) -> None:
        self.saved: dict[str, str] = {}

    @staticmethod
    def _triggers(connection) -> dict[str, str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            return dict(cursor.fetchall())

    def _save(self, schema_editor) -> None:
        if schema_editor.connection.vendor != "sqlite":
            return
        self.saved = self._triggers(schema_editor.connection)
        with schema_editor.connection.cursor() as cursor:
            for name in self.saved:
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')

    def _restore(self, schema_editor) -> None:
        if schema_editor.connection.vendor != "sqlite":
            return
        present = self._triggers(schema_editor.connection)
        with schema_editor.connection.cursor() as cursor:
            for name, sql in self.saved.items():
                if name not in present:
                    cursor.execute(sql)

    def save(self) -> SchemaEditorCall:
        return SchemaEditorCall(self._save, self._restore)

    def restore(self) -> SchemaEditorCall:
        return SchemaEditorCall(self._restore, self._save)
