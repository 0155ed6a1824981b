"""A file copy of the SQLite test database, for the backup tests (which need a real file)."""

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from django.db import connection


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory, django_db_setup, django_db_blocker) -> Path:
    """The (in-memory) test database copied to a file: migrated, the plan loaded and sealed.

    Copied outside any test's transaction: SQLite's backup API refuses (and Python's
    ``backup()`` retries forever) while the source connection holds a write transaction.
    """
    if connection.vendor != "sqlite":
        pytest.skip("needs the suite on SQLite (the PostgreSQL variant runs there)")
    path = tmp_path_factory.mktemp("template") / "planmonitor.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        assert not connection.in_atomic_block
        with closing(sqlite3.connect(path)) as copy:
            connection.connection.backup(copy)
    return path
