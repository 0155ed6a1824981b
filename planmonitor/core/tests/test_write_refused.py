"""A save the database refuses (disk full, read-only): a clear 503, nothing stored.

The faults are real database errors, raised inside the test's transaction (CI runs as
root, so file permissions cannot make a database read-only):

- full disk: SQLite's ``max_page_count`` set to the pages the database has, once its
  free pages are used up, so the save's next new page fails with SQLITE_FULL;
- read-only: SQLite's ``PRAGMA query_only`` (the SQLITE_READONLY a ``mode=ro`` file
  gives; that one is checked on a file below), PostgreSQL's ``transaction_read_only``
  (what ``default_transaction_read_only`` sets for each transaction).
"""

import json
import logging
import sqlite3
from contextlib import contextmanager

import pytest
from django.db import DatabaseError, OperationalError, connection, transaction
from django.test import Client, RequestFactory
from django.urls import reverse

from planmonitor.audit.models import Event
from planmonitor.core import faults, views
from planmonitor.core.tests.test_error_pages import assert_error_page
from planmonitor.monitoring.tests.reports_helpers import edit_data, fresh, url

HEADING = {"nl": "Er is niets bewaard", "en": "Nothing was saved"}
NOTHING_STORED = {
    "nl": "Niets van wat u verstuurde, is opgeslagen",
    "en": "Nothing of what you sent was stored",
}
CAUSE = {
    "full": {"nl": "schijf van de databank is vol", "en": "the database's disk is full"},
    "read_only": {"nl": "databank is alleen-lezen", "en": "the database is read-only"},
}
# 19,949 characters, under NARRATIVE_MAX (the form strips the last space)
LONG = ("Een lange tekst over de voortgang. " * 570).strip()
LANGUAGES = pytest.mark.parametrize("language", ["nl", "en"])


def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's pragmas; the PostgreSQL variant is below")


def _pragma(cursor, name: str) -> int:
    cursor.execute(f"PRAGMA {name}")
    return cursor.fetchone()[0]


@contextmanager
def full_disk():
    """The database may not grow by one page: its free pages used up, its size the limit."""
    sqlite_only()
    with connection.cursor() as cursor:
        limit = _pragma(cursor, "max_page_count")
        page_size = _pragma(cursor, "page_size")
        # The free pages first (VACUUM cannot run in the test's transaction): a blob that
        # takes them all; the test's rollback removes it with the table.
        cursor.execute("CREATE TABLE fault_filler (data BLOB)")
        cursor.execute(
            "INSERT INTO fault_filler VALUES (zeroblob(%s))",
            [(_pragma(cursor, "freelist_count") + 1) * page_size],
        )
        assert _pragma(cursor, "freelist_count") == 0
        cursor.execute(f"PRAGMA max_page_count = {_pragma(cursor, 'page_count')}")
        try:
            with _own_transaction():
                yield
        finally:
            cursor.execute(f"PRAGMA max_page_count = {limit}")


@contextmanager
def read_only():
    if connection.vendor == "postgresql":
        # In a savepoint rolled back afterwards: read-write cannot be set again after a query.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL transaction_read_only = on")
            yield
            transaction.set_rollback(True)
        return
    sqlite_only()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA query_only = ON")
        try:
            with _own_transaction():
                yield
        finally:
            cursor.execute("PRAGMA query_only = OFF")


@contextmanager
def _own_transaction():
    """What the request does, in a savepoint of the test's transaction.

    In production a request runs in autocommit: a write that fails outside a service's
    transaction (the API token's "last used" update) ends with its statement. Inside
    the test's transaction Django marks the whole of it for rollback instead; the
    savepoint takes that mark, and the test goes on after it.
    """
    with transaction.atomic():
        yield


def client_in(language: str, user) -> Client:
    # The client raises what no middleware handled: the 500 handler's 503 would not do.
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def long_edit(report) -> dict:
    return edit_data(report, done=LONG, obstacles=LONG, next_steps=LONG)


def assert_nothing_stored(report, events_before: int) -> None:
    saved = fresh(report)
    assert (saved.done, saved.obstacles, saved.next_steps) == (
        report.done,
        report.obstacles,
        report.next_steps,
    )
    assert saved.version == report.version
    assert saved.history.count() == report.history.count()
    assert Event.objects.count() == events_before


def assert_refusal_page(response, language: str, cause: str) -> None:
    soup = assert_error_page(response, 503, language, HEADING)
    text = soup.select_one("#error-what").get_text(" ", strip=True)
    assert CAUSE[cause][language] in text
    assert NOTHING_STORED[language] in text
    assert response["Retry-After"] == "300"


@LANGUAGES
def test_a_save_on_a_full_disk_gets_the_503_page_and_stores_nothing(
    report, owner, language, caplog
):
    client = client_in(language, owner)
    events = Event.objects.count()

    with full_disk(), caplog.at_level(logging.ERROR, logger="planmonitor.core.faults"):
        response = client.post(url("report_edit", report), long_edit(report))

    assert_refusal_page(response, language, "full")
    assert_nothing_stored(report, events)
    (record,) = [r for r in caplog.records if r.name == "planmonitor.core.faults"]
    assert "disk_full" in record.getMessage()
    assert "database or disk is full" in str(record.exc_info[1])


def test_the_same_save_goes_through_once_the_disk_has_room(report, owner):
    # The control: the write above is one that needs new pages, and nothing else failed.
    client = client_in("nl", owner)
    with full_disk():
        assert client.post(url("report_edit", report), long_edit(report)).status_code == 503

    response = client.post(url("report_edit", report), long_edit(report))

    assert response.status_code == 302
    assert fresh(report).done == LONG


@LANGUAGES
def test_a_save_on_a_read_only_database_gets_the_503_page_and_stores_nothing(
    report, owner, language
):
    client = client_in(language, owner)
    events = Event.objects.count()

    with read_only():
        response = client.post(url("report_edit", report), edit_data(report, done="Bewaard?"))

    assert_refusal_page(response, language, "read_only")
    assert_nothing_stored(report, events)


def _api_patch(client, report, token: str):
    report.refresh_from_db()
    kwargs = {
        "short_name": report.round.plan.short_name,
        "round_id": report.round_id,
        "code": report.action.code,
    }
    return client.patch(
        reverse("api:report_update", kwargs=kwargs),
        json.dumps({"done": LONG, "obstacles": LONG, "next_steps": LONG}),
        content_type="application/json",
        HTTP_AUTHORIZATION=token,
        HTTP_IF_MATCH=f'"{report.version}"',
    )


@pytest.mark.parametrize("fault", [read_only, full_disk])
def test_the_api_answers_a_refused_write_with_its_json_error(report, owner, fault):
    from planmonitor.api.tokens import services

    _token, plain = services.personal_token_create(user=owner, name="test")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    events = Event.objects.count()

    with fault():
        response = _api_patch(client, report, f"Bearer {plain}")

    assert response.status_code == 503, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["errors"] == {}
    assert "Nothing was saved." in body["detail"]
    assert_nothing_stored(report, events)


# --- What counts as a refused write ------------------------------------------------------


def _django_error(driver_error: Exception) -> DatabaseError:
    """The driver's error as Django raises it: its own class, from the driver's."""
    try:
        try:
            raise driver_error
        except sqlite3.Error as error:
            raise OperationalError(*error.args) from error
    except OperationalError as wrapped:
        return wrapped


def test_a_file_opened_with_mode_ro_is_a_read_only_refusal(tmp_path):
    path = tmp_path / "ro.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    database = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as raised:
        database.execute("INSERT INTO t VALUES (1)")

    assert faults.refusal_of(_django_error(raised.value)) is faults.Refusal.READ_ONLY


class FakePsycopgError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("sqlstate", "refusal"),
    [("25006", faults.Refusal.READ_ONLY), ("53100", faults.Refusal.DISK_FULL), ("42601", None)],
)
def test_postgresql_refusals_are_told_by_their_sqlstate(sqlstate, refusal):
    try:
        raise OperationalError("error") from FakePsycopgError(sqlstate)
    except OperationalError as error:
        assert faults.refusal_of(error) is refusal


def test_a_syntax_error_is_no_refusal(db):
    # SQLite raises an OperationalError, as for a full disk; PostgreSQL a ProgrammingError.
    with pytest.raises(DatabaseError) as raised, connection.cursor() as cursor:
        cursor.execute("SELEC 1")

    assert faults.refusal_of(raised.value) is None
    assert faults.refusal_of(RuntimeError("database or disk is full")) is None


@pytest.mark.urls("planmonitor.core.tests.error_urls")
def test_an_unrelated_database_error_stays_a_500(db):
    response = Client(raise_request_exception=False).get("/fout/sql/")

    assert response.status_code == 500


def test_a_refusal_outside_a_view_gets_the_503_page_from_the_500_handler(db):
    request = RequestFactory().post("/")
    try:
        with read_only(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO django_content_type (app_label, model) VALUES ('x', 'y')")
    except DatabaseError:
        response = views.server_error(request)

    assert response.status_code == 503
