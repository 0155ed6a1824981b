"""The restore drill: back up while writes go on, restore into a scratch database, compare.

SQLite: a file database (a copy of the test database) that a second process keeps
writing sealed history rows to while ``manage.py backup`` runs in a third; the backup
must be one consistent snapshot (integrity check, a count between the writes before
and after it), restore into a scratch file with the same counts and an intact audit
trail. PostgreSQL (when the suite runs on it and pg_dump is installed): the same with a
writer thread, restored into a scratch database. docs/reliability.md#backups-and-restore.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections

from planmonitor.audit.backup import sqlite_backup
from planmonitor.audit.tests import sqlite_copies

sqlite_template = sqlite_copies.sqlite_template  # the fixture

MANAGE_PY = Path(settings.BASE_DIR) / "manage.py"
WRITTEN = "plans_historicalminister"

WRITER = textwrap.dedent(
    """
    import datetime, itertools, pathlib, sys
    import django
    django.setup()
    from planmonitor.audit import seal
    from planmonitor.audit.context import audit_context
    from planmonitor.plans.models import Minister

    stop = pathlib.Path(sys.argv[1])
    for number in itertools.count(1):
        if stop.exists():
            break
        with audit_context(channel="command"), seal.sealing():
            Minister.objects.create(
                key=f"drill-{number}", name=f"Drill {number}", family_name="Drill",
                portfolio="Restore drill", in_office_from=datetime.date(2025, 1, 1),
            )
        print(number, flush=True)
    """
)


def run(var: Path, *args: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment |= {
        "PLANMONITOR_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "planmonitor.settings",
    }
    return subprocess.run(
        [sys.executable, str(MANAGE_PY), *args],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )


def count(path: Path, table: str) -> int:
    with closing(sqlite3.connect(path)) as db:
        return db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]


@pytest.fixture
def var(tmp_path, sqlite_template) -> Path:
    """A PLANMONITOR_VAR_DIR holding its own copy of the file database."""
    directory = tmp_path / "var"
    directory.mkdir()
    shutil.copy(sqlite_template, directory / "planmonitor.sqlite3")
    return directory


def wait_for(lines, at_least: int) -> int:
    """Read the writer's progress until it has written ``at_least`` rows in all."""
    for line in lines:
        if int(line) >= at_least:
            return int(line)
    raise AssertionError("the writer stopped early")


def test_it_backs_up_while_writes_go_on_and_restores_a_consistent_copy(var, tmp_path):
    database = var / "planmonitor.sqlite3"
    before = count(database, WRITTEN)
    stop = tmp_path / "stop"
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment |= {
        "PLANMONITOR_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "planmonitor.settings",
    }
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(stop)],
        env=environment,
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(writer.stdout, 5)
        backup = run(var, "backup", "--keep", "2", "--json")
        assert backup.returncode == 0, backup.stderr
        written_during_backup = wait_for(writer.stdout, 1)  # still writing
        # and it goes on afterwards: the snapshot is taken while the writer runs
        wait_for(writer.stdout, written_during_backup + 5)
    finally:
        stop.touch()
        _, errors = writer.communicate(timeout=60)
    assert writer.returncode == 0, errors
    final = count(database, WRITTEN)

    summary = json.loads(backup.stdout)
    path = Path(summary["file"])
    assert path.parent == var / "backups"
    assert summary["integrity"] == "ok"
    assert summary["size"] == path.stat().st_size
    # One consistent snapshot: some of the writes and not others, each whole.
    assert before + 5 <= summary["counts"][WRITTEN] < final
    assert summary["counts"]["audit_seal"] == count(path, "audit_seal")

    scratch = tmp_path / "scratch.sqlite3"
    restored = run(var, "restore", str(path), "--into", str(scratch), "--json")
    assert restored.returncode == 0, restored.stdout + restored.stderr
    result = json.loads(restored.stdout)
    assert result["database"] == str(scratch)
    assert result["counts"] == summary["counts"]
    assert result["audit"]["ok"], result["audit"]["problems"]
    assert result["audit"]["rows"] >= summary["counts"][WRITTEN]
    # The live database, written after the backup, is intact too.
    assert count(database, WRITTEN) == final


def test_it_restores_over_the_configured_database_with_yes(var, tmp_path):
    database = var / "planmonitor.sqlite3"
    backup = sqlite_backup(database, tmp_path / "planmonitor.sqlite3")
    sessions = backup.counts["django_session"]
    with closing(sqlite3.connect(database)) as db, db:
        db.execute("INSERT INTO django_session VALUES ('drill', 'x', '2099-01-01')")

    restored = run(var, "restore", backup.file, "--yes")

    assert restored.returncode == 0, restored.stderr
    assert count(database, "django_session") == sessions
    assert "django_session" not in restored.stdout  # the text lists the main tables only
    assert "plans_plan: 1" in restored.stdout


# --- PostgreSQL ----------------------------------------------------------------------

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql" or shutil.which("pg_dump") is None,
    reason="runs when the suite runs on PostgreSQL and pg_dump is on PATH",
)
DRILL_TABLE = "backup_drill_rows"


def database_url(settings_dict: dict, name: str) -> str:
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict["HOST"] or ""
    port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
    return f"postgres://{credentials}{host}{port}/{name}"


def autocommit_cursor():
    """A connection of its own, outside the test's transaction (its writes are committed)."""
    own = connections.create_connection("default")
    own.connect()
    return own


@on_postgresql
@pytest.mark.django_db
def test_postgresql_backs_up_a_snapshot_while_writes_go_on_and_restores_it(tmp_path):
    admin = autocommit_cursor()
    scratch = f"{connection.settings_dict['NAME']}_drill_{uuid.uuid4().hex[:8]}"
    with admin.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {DRILL_TABLE} (id bigserial PRIMARY KEY)")
    stop = threading.Event()
    written = []

    def write() -> None:
        own = autocommit_cursor()
        try:
            while not stop.is_set():
                with own.cursor() as cursor:
                    cursor.execute(f"INSERT INTO {DRILL_TABLE} DEFAULT VALUES")
                written.append(1)
                time.sleep(0.005)
        finally:
            own.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while len(written) < 5:
            time.sleep(0.01)
        out = io.StringIO()
        call_command("backup", "--output", f"{tmp_path}/", "--json", stdout=out)
        summary = json.loads(out.getvalue())
        after_backup = len(written)
        while len(written) < after_backup + 5:
            time.sleep(0.01)
        stop.set()
        writer.join(timeout=30)
        final = len(written)

        assert summary["format"] == "postgresql" and summary["integrity"] == "ok"
        assert 5 <= summary["counts"][DRILL_TABLE] < final

        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{scratch}"')
        out = io.StringIO()
        call_command(
            "restore",
            summary["file"],
            "--database-url",
            database_url(connection.settings_dict, scratch),
            "--yes",
            "--json",
            stdout=out,
        )
        result = json.loads(out.getvalue())
        assert result["database"] == scratch
        assert result["counts"] == summary["counts"]
        assert result["audit"]["ok"], result["audit"]["problems"]
    finally:
        stop.set()
        writer.join(timeout=30)
        try:
            with admin.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS {DRILL_TABLE}")
                # Not WITH (FORCE): that would signal autovacuum, which needs more rights;
                # a plain DROP ends it, and the restore closed its own connection.
                cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        finally:
            admin.close()
