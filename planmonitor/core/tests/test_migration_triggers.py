"""Migrations that rebuild tables on SQLite keep every trigger (core/db.py ``KeptTriggers``).

The expected triggers are read from the migrations that create them, so a new
rebuild that forgets ``KeptTriggers`` fails here.
"""

import importlib

import pytest
from django.db import connection

from planmonitor.core.db import append_only_name

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite rebuilds tables")


def _module(name: str):
    return importlib.import_module(f"planmonitor.{name}")


def _expected() -> set[tuple[str, str]]:
    """(trigger name, table) for every trigger the migrations create."""
    expected = set()
    same_plan = _module("plans.migrations.0002_same_plan_triggers").CHECKS
    for name, table, *_refs in same_plan:
        expected |= {(f"{name}_insert", table), (f"{name}_update", table)}
    membership = ("accounts_membership_org_same_plan", "accounts_membership")
    expected |= {(f"{membership[0]}_{event}", membership[1]) for event in ("insert", "update")}
    for table in _module("plans.migrations.0003_plan_rows_stay_in_their_plan").TABLES:
        expected.add((f"{table}_plan_fixed", table))
    for module in (
        "audit.migrations.0001_append_only_history",
        "monitoring.migrations.0002_append_only_history",
    ):
        for table in _module(module).TABLES:
            stem = append_only_name(table)
            expected |= {(f"{stem}_update", table), (f"{stem}_delete", table)}
    return expected


def test_it_keeps_every_trigger_after_all_migrations(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")
        present = set(cursor.fetchall())
    missing = _expected() - present
    assert missing == set()
