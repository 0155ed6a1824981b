"""Database-level rules that Django constraints cannot express.

Cross-table invariants ("an action's operational goal belongs to the same plan")
are enforced by triggers, created in migrations for SQLite and PostgreSQL alike,
so that no code path (admin, import, a stray script) can break them.
"""

from dataclasses import dataclass

from django.db import migrations


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


def _run(sql_by_vendor: dict[str, str]):
    def apply(apps, schema_editor):
        sql = sql_by_vendor.get(schema_editor.connection.vendor)
        if sql is None:
            raise NotImplementedError(f"no trigger SQL for {schema_editor.connection.vendor}")
        with schema_editor.connection.cursor() as cursor:
            # One statement per line: trigger bodies contain ';' themselves.
            for statement in sql.splitlines():
                cursor.execute(statement)

    return apply


def same_plan_trigger(
    name: str, table: str, left: PlanRef, right: PlanRef, message: str
) -> migrations.RunPython:
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
    return migrations.RunPython(_run(forward), _run(backward), elidable=False)


def immutable_column_trigger(name: str, table: str, column: str) -> migrations.RunPython:
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
    return migrations.RunPython(_run(forward), _run(backward), elidable=False)
