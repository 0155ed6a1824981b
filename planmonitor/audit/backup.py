"""Backups of the whole record, and restoring one (``manage.py backup`` and ``restore``).

SQLite: SQLite's online backup API copies the database in one step, a consistent
snapshot while other processes go on writing (WAL: readers never block writers), into a
temporary file that is synced and then renamed, so a backup file is always whole. A
restore copies the backup's pages into the target with the same API, inside one write
transaction of the target: processes that have it open see the old database or the new
one, never a mix, and no stale ``-wal`` file is left to replay over it (which a file
copy or a rename over a live database would risk).

PostgreSQL: ``pg_dump --format=custom`` under a snapshot exported by a REPEATABLE READ
transaction, which also counts the rows: the counts printed are exactly those in the
file. ``pg_restore --clean --if-exists --no-owner --single-transaction``: all or nothing.
The password goes to the client tools in ``PGPASSWORD``, never on their command line.

Both restores end with ``verify_audit`` on the restored database: the seal chain over
the history and the change log, which a backup copies with the rows it seals.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import environ
from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import load_backend
from django.utils.translation import gettext as _

from .verify import verify_audit

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"
PREFIX = "planmonitor-"
SUFFIXES = {"sqlite": ".sqlite3", "postgresql": ".dump"}
# The tables the text summary lists (all tables are counted, and listed in --json).
MAIN_MODELS = [
    "accounts.User",
    "plans.Plan",
    "plans.Action",
    "plans.Indicator",
    "monitoring.ReportingRound",
    "monitoring.ProgressReport",
    "monitoring.IndicatorValue",
    "monitoring.Evidence",
    "evaluation.Snapshot",
    "audit.Event",
    "audit.Seal",
]


class BackupError(Exception):
    """An expected failure (missing or damaged file, missing tool): a message, no traceback."""


@dataclass
class Summary:
    file: str
    format: str  # sqlite | postgresql
    size: int
    integrity: str
    counts: dict[str, int]
    database: str = ""
    audit: dict[str, Any] | None = None
    removed: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, file: Path, kind: str, counts: dict[str, int], database: object) -> Summary:
        """A checked file (a failed check raised before): its size and the counts."""
        size = file.stat().st_size
        return cls(str(file), kind, size, "ok", counts, database=str(database))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def main_tables() -> list[str]:
    tables = []
    for label in MAIN_MODELS:
        try:
            tables.append(apps.get_model(label)._meta.db_table)
        except LookupError:
            continue
    return tables


def vendor(settings_dict: dict[str, Any]) -> str:
    engine = settings_dict["ENGINE"]
    if "sqlite" in engine:
        return "sqlite"
    if "postgres" in engine:
        return "postgresql"
    raise BackupError(
        _("Backups support SQLite and PostgreSQL, not %(engine)s.") % {"engine": engine}
    )


def file_format(path: Path) -> str:
    """Which kind of backup a file is, by its first bytes; BackupError if it is none."""
    if not path.is_file():
        raise BackupError(_("The backup file %(file)s does not exist.") % {"file": path})
    with path.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_CUSTOM_MAGIC):
        return "postgresql"
    raise BackupError(
        _("%(file)s is not a planmonitor backup (neither SQLite nor a pg_dump archive).")
        % {"file": path}
    )


# --- where backups go ----------------------------------------------------------


def default_directory() -> Path:
    return Path(settings.VAR_DIR) / "backups"


def target_path(output: str | None, kind: str, now: dt.datetime | None = None) -> Path:
    """``--output``: a file, or a directory (existing, or ending in /) for a timestamped name."""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    name = f"{PREFIX}{stamp}{SUFFIXES[kind]}"
    if output is None:
        return default_directory() / name
    path = Path(output)
    if path.is_dir() or output.endswith(("/", os.sep)):
        return path / name
    return path


def prune(directory: Path, kind: str, keep: int) -> list[str]:
    """Delete the oldest timestamped backups beyond the newest ``keep``."""
    backups = sorted(directory.glob(f"{PREFIX}*{SUFFIXES[kind]}"))
    removed = backups[: max(len(backups) - keep, 0)]
    for path in removed:
        path.unlink()
    return [str(path) for path in removed]


def _fsync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextmanager
def _atomic_file(path: Path) -> Iterator[Path]:
    """A temporary name beside ``path``; synced and renamed to it when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(descriptor)
    temporary = Path(name)
    try:
        yield temporary
        with temporary.open("rb") as file:
            os.fsync(file.fileno())
        os.replace(temporary, path)
        _fsync_directory(path.parent)
    finally:
        temporary.unlink(missing_ok=True)


# --- SQLite ------------------------------------------------------------------


def _sqlite_open(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=20)
    return sqlite3.connect(path, timeout=20)


def sqlite_check(path: Path) -> tuple[str, dict[str, int]]:
    """``PRAGMA integrity_check`` and the row count of every table; BackupError if damaged."""
    try:
        with closing(_sqlite_open(path, read_only=True)) as db:
            result = [row[0] for row in db.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                raise BackupError(
                    _("%(file)s fails the integrity check: %(result)s")
                    % {"file": path, "result": "; ".join(result[:5])}
                )
            tables = [
                name
                for (name,) in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
                )
            ]
            counts = {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    except sqlite3.DatabaseError as error:
        raise BackupError(
            _("%(file)s is damaged: %(error)s") % {"file": path, "error": error}
        ) from error
    if "django_migrations" not in counts:
        raise BackupError(_("%(file)s is not a planmonitor database.") % {"file": path})
    return "ok", counts


def sqlite_backup(database: Path, path: Path) -> Summary:
    if not database.is_file():
        raise BackupError(_("The database %(file)s does not exist.") % {"file": database})
    with (
        _atomic_file(path) as temporary,
        closing(_sqlite_open(database, read_only=False)) as source,
        closing(sqlite3.connect(temporary)) as copy,
    ):
        # One step (pages=-1): a single read transaction, so one consistent snapshot;
        # in WAL mode the writers go on meanwhile.
        source.backup(copy)
        # The copy stands alone: one file, no -wal beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
    counts = sqlite_check(path)[1]
    return Summary.of(path, "sqlite", counts, database)


def sqlite_restore(backup: Path, target: Path) -> Summary:
    sqlite_check(backup)
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        closing(_sqlite_open(backup, read_only=True)) as source,
        closing(sqlite3.connect(target, timeout=20)) as destination,
    ):
        # One write transaction of the target: its readers see all of it or none.
        source.backup(destination)
    counts = sqlite_check(target)[1]
    return Summary.of(backup, "sqlite", counts, target)


# --- PostgreSQL ----------------------------------------------------------------


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            _(
                "%(tool)s was not found on PATH: install the PostgreSQL client tools "
                "(Debian: apt-get install postgresql-client) of the server's version."
            )
            % {"tool": name}
        )
    return path


def _pg_arguments(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """The client tools' connection options, and their environment (the password)."""
    arguments = []
    if settings_dict.get("HOST"):
        arguments.append(f"--host={settings_dict['HOST']}")
    if settings_dict.get("PORT"):
        arguments.append(f"--port={settings_dict['PORT']}")
    if settings_dict.get("USER"):
        arguments.append(f"--username={settings_dict['USER']}")
    arguments.append(f"--dbname={settings_dict['NAME']}")
    environment = {**os.environ}
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    options = settings_dict.get("OPTIONS") or {}
    if options.get("sslmode"):
        environment["PGSSLMODE"] = str(options["sslmode"])
    return arguments, environment


def _run(command: list[str], environment: dict[str, str]) -> None:
    run = subprocess.run(command, env=environment, capture_output=True, text=True)
    if run.returncode != 0:
        raise BackupError(
            _("%(tool)s failed: %(error)s")
            % {"tool": Path(command[0]).name, "error": run.stderr.strip() or run.returncode}
        )


def pg_check(path: Path) -> str:
    """A pg_dump archive pg_restore can read (its table of contents); BackupError if not."""
    run = subprocess.run([_tool("pg_restore"), "--list", str(path)], capture_output=True)
    if run.returncode != 0:
        raise BackupError(
            _("%(file)s is damaged: %(error)s")
            % {"file": path, "error": run.stderr.decode(errors="replace").strip()}
        )
    return "ok"


def _pg_counts(cursor) -> dict[str, int]:
    quote = cursor.db.ops.quote_name
    tables = sorted(cursor.db.introspection.table_names(cursor))
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


@contextmanager
def _fresh_connection(settings_dict: dict[str, Any]) -> Iterator[Any]:
    """A connection of its own, outside any transaction this process has open.

    Known under a temporary alias in this thread only (``verify_audit`` and transactions
    name it), not added to ``DATABASES``.
    """
    alias = f"backup_{uuid.uuid4().hex[:8]}"
    connections[alias] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(
        {**settings_dict}, alias
    )
    try:
        yield connections[alias]
    finally:
        connections[alias].close()
        del connections[alias]


def postgres_backup(settings_dict: dict[str, Any], path: Path) -> Summary:
    pg_dump = _tool("pg_dump")
    arguments, environment = _pg_arguments(settings_dict)
    with _fresh_connection(settings_dict) as connection, connection.cursor() as cursor:
        # The dump and the counts read one snapshot: the counts are the file's.
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            with _atomic_file(path) as temporary:
                _run(
                    [
                        pg_dump,
                        "--format=custom",
                        f"--snapshot={snapshot}",
                        f"--file={temporary}",
                        *arguments,
                    ],
                    environment,
                )
                pg_check(temporary)
            counts = _pg_counts(cursor)
        finally:
            cursor.execute("COMMIT")
    return Summary.of(path, "postgresql", counts, settings_dict["NAME"])


def postgres_restore(backup: Path, settings_dict: dict[str, Any]) -> Summary:
    pg_restore = _tool("pg_restore")
    pg_check(backup)
    arguments, environment = _pg_arguments(settings_dict)
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            *arguments,
            str(backup),
        ],
        environment,
    )
    with _fresh_connection(settings_dict) as connection, connection.cursor() as cursor:
        counts = _pg_counts(cursor)
    return Summary.of(backup, "postgresql", counts, settings_dict["NAME"])


# --- the commands' entry points -----------------------------------------------------


def configured_database(using: str = DEFAULT_DB_ALIAS) -> dict[str, Any]:
    return connections[using].settings_dict


def database_from_url(url: str) -> dict[str, Any]:
    """A complete settings dict (Django's defaults filled in) for a DATABASE_URL."""
    config = environ.Env.db_url_config(url)
    return connections.configure_settings({DEFAULT_DB_ALIAS: config})[DEFAULT_DB_ALIAS]


def database_at(path: Path) -> dict[str, Any]:
    config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}
    return connections.configure_settings({DEFAULT_DB_ALIAS: config})[DEFAULT_DB_ALIAS]


def backup(*, output: str | None = None, keep: int | None = None) -> Summary:
    settings_dict = configured_database()
    kind = vendor(settings_dict)
    path = target_path(output, kind)
    if kind == "sqlite":
        summary = sqlite_backup(Path(settings_dict["NAME"]), path)
    else:
        summary = postgres_backup(settings_dict, path)
    if keep is not None:
        summary.removed = prune(path.parent, kind, keep)
    return summary


def target_exists(settings_dict: dict[str, Any]) -> bool:
    """Whether a restore into this database overwrites something (PostgreSQL: assume so)."""
    if vendor(settings_dict) == "sqlite":
        path = Path(settings_dict["NAME"])
        return path.is_file() and path.stat().st_size > 0
    return True


def restore(path: Path, settings_dict: dict[str, Any]) -> Summary:
    kind = file_format(path)
    if vendor(settings_dict) != kind:
        raise BackupError(
            _("%(file)s is a %(kind)s backup; it cannot be restored into a %(target)s database.")
            % {"file": path, "kind": kind, "target": vendor(settings_dict)}
        )
    # This process's own connection to the target must not outlive the old database.
    for connection in connections.all(initialized_only=True):
        same = connection.settings_dict["NAME"] == settings_dict["NAME"]
        if same and not connection.in_atomic_block:
            connection.close()
    if kind == "sqlite":
        summary = sqlite_restore(path, Path(settings_dict["NAME"]))
    else:
        summary = postgres_restore(path, settings_dict)
    with _fresh_connection(settings_dict) as connection:
        summary.audit = verify_audit(connection.alias).as_dict()
    return summary
