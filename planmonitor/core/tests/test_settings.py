"""Settings: embedded SQLite by default, PostgreSQL by DATABASE_URL, strict in production.

settings.py is evaluated afresh (``runpy``) with a controlled environment, so
these tests do not depend on how the suite itself is configured (SQLite or
PostgreSQL).
"""

import os
import runpy
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction
from django.db.utils import ConnectionHandler

SETTINGS_PY = Path(settings.BASE_DIR) / "planmonitor" / "settings.py"
MANAGE_PY = Path(settings.BASE_DIR) / "manage.py"
CONFIG_VARIABLES = [
    "DATABASE_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "DEFAULT_FROM_EMAIL",
    "IMPORT_MAX_BYTES",
    "SESSION_COOKIE_AGE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "CONN_MAX_AGE",
    "LOG_LEVEL",
    "PLANMONITOR_VAR_DIR",
]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "planmonitor.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://planmonitor.example.org",
    "DATABASE_URL": "postgres://planmonitor:secret@db.example.org:5432/planmonitor",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.example.org",
    "EMAIL_PORT": "587",
    "EMAIL_USE_TLS": "true",
    "DEFAULT_FROM_EMAIL": "planmonitor@example.org",
}


@pytest.fixture
def load_settings(monkeypatch):
    """Evaluate settings.py with only the given variables set; returns its globals."""

    def load(**env: str) -> dict:
        for name in CONFIG_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS_PY))

    return load


def clean_environ(**env: str) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    environ.pop("DJANGO_SETTINGS_MODULE", None)
    return {**environ, **env}


# --- Defaults: SQLite under var/, tuned for concurrent writers ---------------


def test_it_defaults_to_sqlite_under_var(load_settings):
    config = load_settings()
    db = config["DATABASES"]["default"]
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(db["NAME"]) == Path(settings.BASE_DIR) / "var" / "planmonitor.sqlite3"
    assert config["DEBUG"] is True


def test_it_keeps_the_sqlite_file_in_planmonitor_var_dir(load_settings, tmp_path):
    config = load_settings(PLANMONITOR_VAR_DIR=str(tmp_path))
    assert Path(config["DATABASES"]["default"]["NAME"]) == tmp_path / "planmonitor.sqlite3"
    assert Path(config["MEDIA_ROOT"]) == tmp_path / "media"


def test_sqlite_uses_wal_a_busy_timeout_and_immediate_transactions(load_settings):
    options = load_settings()["DATABASES"]["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    pragmas = options["init_command"].lower()
    assert "journal_mode=wal" in pragmas
    assert "busy_timeout=" in pragmas
    assert "foreign_keys=on" in pragmas


@pytest.fixture
def sqlite_file(load_settings, tmp_path, django_db_blocker):
    """A real Django connection to a SQLite file, configured as settings.py does."""
    db = load_settings(PLANMONITOR_VAR_DIR=str(tmp_path))["DATABASES"]["default"]
    connection = ConnectionHandler({"default": db, "file": db})["file"]
    # Registered under its alias so that transaction.atomic(using=...) finds it.
    connections["file"] = connection
    with django_db_blocker.unblock():
        yield connection
        connection.close()
    del connections["file"]


def pragma(connection, name: str):
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


def test_a_live_sqlite_connection_is_in_wal_mode(sqlite_file):
    assert pragma(sqlite_file, "journal_mode") == "wal"
    assert pragma(sqlite_file, "busy_timeout") >= 5000
    assert pragma(sqlite_file, "foreign_keys") == 1


def test_a_transaction_takes_the_write_lock_when_it_begins(sqlite_file):
    """IMMEDIATE: a second writer waits at BEGIN, not half-way with 'database is locked'."""
    sqlite_file.ensure_connection()
    other = sqlite3.connect(sqlite_file.settings_dict["NAME"], timeout=0.05)
    try:
        with (
            transaction.atomic(using="file"),
            pytest.raises(sqlite3.OperationalError, match="locked"),
        ):
            other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once it committed
        other.rollback()
    finally:
        other.close()


# --- DATABASE_URL switches the engine ------------------------------------------


def test_database_url_switches_to_postgresql(load_settings):
    db = load_settings(DATABASE_URL="postgres://pm:pw@db.example.org:5433/planmonitor")[
        "DATABASES"
    ]["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "planmonitor",
        "pm",
        "pw",
        "db.example.org",
        5433,
    )
    assert db["CONN_MAX_AGE"] == 60
    assert db["CONN_HEALTH_CHECKS"] is True
    assert "transaction_mode" not in db.get("OPTIONS", {})


def test_conn_max_age_applies_to_postgresql(load_settings):
    db = load_settings(DATABASE_URL="postgres://pm:pw@localhost/pm", CONN_MAX_AGE="0")
    assert db["DATABASES"]["default"]["CONN_MAX_AGE"] == 0


def test_sqlite_connections_are_kept_between_requests(load_settings):
    # A new SQLite connection per request costs more than a cached public page.
    assert load_settings()["DATABASES"]["default"]["CONN_MAX_AGE"] == 60


def test_database_url_switches_the_engine_in_a_real_process(tmp_path):
    code = "from django.db import connection; print(connection.vendor)"
    env = clean_environ(
        DJANGO_SETTINGS_MODULE="planmonitor.settings",
        DATABASE_URL="postgres://pm:pw@127.0.0.1:1/pm",
    )
    run = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "postgresql"


# --- Production: strict when DEBUG is off -----------------------------------------


def test_production_refuses_to_start_without_a_secret_key(load_settings):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_settings(DEBUG="false")


def test_production_has_no_default_hosts(load_settings):
    config = load_settings(DEBUG="false", SECRET_KEY="k" * 60)
    assert config["ALLOWED_HOSTS"] == []


@pytest.mark.parametrize(
    ("variable", "value", "setting", "expected"),
    [
        (
            "ALLOWED_HOSTS",
            "a.example.org,b.example.org",
            "ALLOWED_HOSTS",
            ["a.example.org", "b.example.org"],
        ),
        (
            "CSRF_TRUSTED_ORIGINS",
            "https://a.example.org",
            "CSRF_TRUSTED_ORIGINS",
            ["https://a.example.org"],
        ),
        (
            "EMAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend",
        ),
        ("EMAIL_HOST", "smtp.example.org", "EMAIL_HOST", "smtp.example.org"),
        ("EMAIL_PORT", "587", "EMAIL_PORT", 587),
        ("EMAIL_HOST_USER", "mailer", "EMAIL_HOST_USER", "mailer"),
        ("EMAIL_HOST_PASSWORD", "s3cret", "EMAIL_HOST_PASSWORD", "s3cret"),
        ("EMAIL_USE_TLS", "true", "EMAIL_USE_TLS", True),
        ("DEFAULT_FROM_EMAIL", "pm@example.org", "SERVER_EMAIL", "pm@example.org"),
        ("IMPORT_MAX_BYTES", "1048576", "IMPORT_MAX_BYTES", 1_048_576),
        ("SESSION_COOKIE_AGE", "3600", "SESSION_COOKIE_AGE", 3600),
        ("SECURE_SSL_REDIRECT", "false", "SECURE_SSL_REDIRECT", False),
        ("SECURE_HSTS_SECONDS", "60", "SECURE_HSTS_SECONDS", 60),
    ],
)
def test_each_documented_variable_sets_its_setting(
    load_settings, variable, value, setting, expected
):
    config = load_settings(DEBUG="false", SECRET_KEY="k" * 60, **{variable: value})
    assert config[setting] == expected


def test_log_level_sets_the_root_logger(load_settings):
    assert load_settings(LOG_LEVEL="INFO")["LOGGING"]["root"]["level"] == "INFO"


def test_production_defaults_are_strict(load_settings):
    config = load_settings(DEBUG="false", SECRET_KEY="k" * 60)
    assert config["SECURE_SSL_REDIRECT"] is True
    assert config["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["CSRF_COOKIE_SECURE"] is True


def check_deploy(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(MANAGE_PY), "check", "--deploy", "--fail-level", "WARNING"],
        env=clean_environ(PLANMONITOR_VAR_DIR=str(tmp_path), **env),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_the_documented_production_variables(tmp_path):
    run = check_deploy(tmp_path, **PRODUCTION)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues" in run.stdout


def test_check_deploy_fails_with_a_weak_secret_key(tmp_path):
    run = check_deploy(tmp_path, **{**PRODUCTION, "SECRET_KEY": "too-short"})
    assert run.returncode != 0
    assert "security.W009" in run.stdout + run.stderr
