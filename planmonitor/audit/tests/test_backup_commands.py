"""``backup`` and ``restore``: the cases that must fail clearly, and the retention.

The drill (a backup while writes go on, restored and compared) is test_restore_drill.py.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from planmonitor.audit import backup as backups
from planmonitor.audit.tests import sqlite_copies

sqlite_template = sqlite_copies.sqlite_template  # the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"  # the messages as written; the Dutch: the last test


@pytest.fixture
def sqlite_backup_file(tmp_path, sqlite_template) -> Path:
    """A real backup, made by the command's code from a file copy of the test database."""
    return Path(
        backups.sqlite_backup(sqlite_template, tmp_path / "planmonitor-backup.sqlite3").file
    )


def restore(*args: str) -> dict:
    out = io.StringIO()
    call_command("restore", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_it_restores_a_backup_into_a_scratch_file_and_verifies_the_audit_trail(
    sqlite_backup_file, tmp_path
):
    result = restore(str(sqlite_backup_file), "--into", str(tmp_path / "drill.sqlite3"))

    assert result["integrity"] == "ok"
    assert result["counts"]["plans_plan"] == 1
    assert result["audit"]["ok"] and result["audit"]["seals"] > 0


def test_it_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        restore(str(tmp_path / "none.sqlite3"), "--into", str(tmp_path / "drill.sqlite3"))
    assert not (tmp_path / "drill.sqlite3").exists()


def test_it_refuses_a_file_that_is_no_backup(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a database")

    with pytest.raises(CommandError, match="is not a planmonitor backup"):
        restore(str(text), "--into", str(tmp_path / "drill.sqlite3"))


def test_it_refuses_a_truncated_backup_and_leaves_the_target_alone(sqlite_backup_file, tmp_path):
    corrupt = tmp_path / "corrupt.sqlite3"
    corrupt.write_bytes(sqlite_backup_file.read_bytes()[: sqlite_backup_file.stat().st_size // 2])
    target = tmp_path / "target.sqlite3"
    shutil.copy(sqlite_backup_file, target)
    before = digest(target)

    with pytest.raises(CommandError, match="damaged|integrity"):
        restore(str(corrupt), "--into", str(target), "--yes")
    assert digest(target) == before


def test_it_refuses_a_sqlite_file_of_another_application(tmp_path):
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as db:
        db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)")

    with pytest.raises(CommandError, match="not a planmonitor database"):
        restore(str(other), "--into", str(tmp_path / "drill.sqlite3"))


def test_it_refuses_to_overwrite_a_database_without_yes(sqlite_backup_file, tmp_path):
    target = tmp_path / "target.sqlite3"
    with closing(sqlite3.connect(target)) as db:
        db.execute("CREATE TABLE keep (id INTEGER PRIMARY KEY)")
    before = digest(target)

    # No --yes and no terminal to ask on (the test's stdin): refused, nothing written.
    with pytest.raises(CommandError, match="--yes"):
        restore(str(sqlite_backup_file), "--into", str(target))
    assert digest(target) == before

    assert restore(str(sqlite_backup_file), "--into", str(target), "--yes")["audit"]["ok"]


def test_it_reports_a_tampered_trail_in_the_restored_copy(sqlite_backup_file, tmp_path):
    with closing(sqlite3.connect(sqlite_backup_file)) as db, db:
        # Past the application (and its triggers): a history row inserted without a seal.
        table = "plans_historicalplan"
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
        db.execute(
            f"INSERT INTO {table} ({', '.join(c for c in columns if c != 'history_id')}) "
            f"SELECT {', '.join(c for c in columns if c != 'history_id')} FROM {table} LIMIT 1"
        )
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(SystemExit) as exited:
        call_command(
            "restore",
            str(sqlite_backup_file),
            "--into",
            str(tmp_path / "d.sqlite3"),
            "--json",
            stdout=out,
            stderr=err,
        )
    assert exited.value.code == 1
    assert json.loads(out.getvalue())["audit"]["problems"][0]["kind"] == "unsealed"


def test_backup_refuses_when_pg_dump_is_missing(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    postgres = {"ENGINE": "django.db.backends.postgresql", "NAME": "planmonitor"}
    monkeypatch.setattr(backups, "configured_database", lambda: postgres)

    with pytest.raises(CommandError, match="pg_dump was not found on PATH"):
        call_command("backup", "--output", f"{tmp_path}/")


def test_keep_deletes_the_oldest_backups_beyond_n(tmp_path):
    names = [f"planmonitor-2026010{day}T000000000000Z.sqlite3" for day in range(1, 6)]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "unrelated.sqlite3").write_bytes(b"")

    removed = backups.prune(tmp_path, "sqlite", 2)

    assert [Path(path).name for path in removed] == names[:3]
    assert sorted(os.listdir(tmp_path)) == sorted([*names[3:], "unrelated.sqlite3"])


def test_output_names_a_file_or_a_directory_for_a_timestamped_one(tmp_path):
    assert backups.target_path(str(tmp_path / "x.sqlite3"), "sqlite") == tmp_path / "x.sqlite3"
    inside = backups.target_path(str(tmp_path), "sqlite")
    assert inside.parent == tmp_path and inside.name.startswith("planmonitor-")
    assert backups.target_path(None, "postgresql").suffix == ".dump"


def test_keep_must_be_at_least_one():
    with pytest.raises(CommandError, match="--keep"):
        call_command("backup", "--keep", "0")


def test_it_speaks_the_interfaces_language(settings, tmp_path):
    settings.LANGUAGE_CODE = "nl"

    with pytest.raises(CommandError, match="bestaat niet"):
        restore(str(tmp_path / "none.sqlite3"), "--into", str(tmp_path / "drill.sqlite3"))
