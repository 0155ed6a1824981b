"""Contributions racing a submission, for real: threads with their own connections.

The test database lives in memory inside the test's transaction, so the race runs
on a copy of it in a file (the migrated schema, with its triggers), which every
thread opens with the application's own SQLite settings (BEGIN IMMEDIATE, WAL,
busy timeout). A few hundred contributions race one submission: none may land
in the report once it is submitted.
"""

import datetime as dt
import sqlite3
import threading
import time

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections

from planmonitor.audit.verify import verify_audit
from planmonitor.monitoring import workflow
from planmonitor.monitoring.models import Contribution, ProgressReport
from planmonitor.monitoring.reports import services as report_services
from planmonitor.monitoring.rounds import services
from planmonitor.plans.models import Action, Minister, Plan
from planmonitor.plans.services import gbv_plan_load

COPIED = ["django_content_type", "audit_seallayout"]
WRITERS = 4
WRAPPER = type(connections[DEFAULT_DB_ALIAS])  # SQLite's DatabaseWrapper, in a test
ATTEMPTS_AFTER = 25  # per writer, once the report is submitted
MAX_ATTEMPTS = 400


@pytest.fixture
def file_database(db, tmp_path) -> dict:
    if connection.vendor != "sqlite":
        pytest.skip("the race of SQLite writers; PostgreSQL locks the report row (same code)")
    # The schema (tables, indexes, triggers) and the rows migrate wrote that matter here.
    # (SQLite's backup API cannot read the in-memory database while the test holds it.)
    path = tmp_path / "race.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL "
            "AND name NOT LIKE 'sqlite_%' "
            "ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END"
        )
        rows = cursor.fetchall()
        # A virtual table (the search's FTS5 index) creates its shadow tables itself.
        virtual = [name for name, sql in rows if sql.startswith("CREATE VIRTUAL TABLE")]
        schema = [sql for name, sql in rows if not any(name.startswith(f"{v}_") for v in virtual)]
        copied = {}
        for table in COPIED:
            cursor.execute(f"SELECT * FROM {table}")
            copied[table] = cursor.fetchall()
    target = sqlite3.connect(path)
    for sql in schema:
        target.execute(sql)
    for table, rows in copied.items():
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            target.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    target.commit()
    target.close()
    return {**connection.settings_dict, "NAME": str(path)}


def _on(settings_dict: dict, work, results: list, errors: list) -> threading.Thread:
    """A thread whose default database is the file."""

    def run():
        wrapper = WRAPPER(settings_dict, alias=DEFAULT_DB_ALIAS)
        connections[DEFAULT_DB_ALIAS] = wrapper
        try:
            results.append(work())
        except Exception as error:  # reported by the test
            errors.append(error)
        finally:
            wrapper.close()

    return threading.Thread(target=run)


def _run(settings_dict: dict, *works) -> list:
    results, errors = [], []
    threads = [_on(settings_dict, work, results, errors) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def _setup():
    from planmonitor.accounts.models import Membership, Role, User

    gbv_plan_load()
    plan = Plan.objects.get()
    action = Action.objects.create(
        plan=plan,
        code="R001",
        title="Race",
        operational_goal=plan.operational_goals.get(code="2.1"),
        lead_minister=Minister.objects.get(key="gennez"),
    )
    # A contribution speaks for a co-minister of the action (issue 9).
    co_minister = Minister.objects.get(key="crevits")
    action.co_ministers.add(co_minister)
    contributor = User.objects.create_user(username="contributor", first_name="C")
    Membership.objects.create(user=contributor, plan=plan, role=Role.CONTRIBUTOR).ministers.add(
        co_minister
    )
    owner = User.objects.create_user(username="owner", first_name="O")
    services.round_open(
        plan=plan,
        name="Race",
        period_start=dt.date(2026, 7, 1),
        period_end=dt.date(2026, 12, 31),
        due_date=dt.date(2027, 1, 31),
        actions=[action],
    )
    return ProgressReport.objects.get().pk, contributor.pk, owner.pk


def test_no_contribution_lands_after_the_submission(file_database):
    ((report_id, contributor_id, owner_id),) = _run(file_database, _setup)
    first_landed, submitted = threading.Event(), threading.Event()

    def contribute():
        from planmonitor.accounts.models import User

        author = User.objects.get(pk=contributor_id)
        landed = refused = after = 0
        while after < ATTEMPTS_AFTER and landed + refused < MAX_ATTEMPTS:
            after += submitted.is_set()
            report = ProgressReport.objects.get(pk=report_id)  # what a view reads first
            time.sleep(0.002)  # ... then validates the form: the submission may pass by
            try:
                report_services.contribution_add(report=report, author=author, text="Bijdrage")
            except workflow.TransitionRefused:
                refused += 1
            else:
                landed += 1
                first_landed.set()
        return landed, refused

    def submit():
        from planmonitor.accounts.models import User

        assert first_landed.wait(timeout=30)
        time.sleep(0.05)
        report_services.report_transition(
            report_id=report_id, transition="submit", user=User.objects.get(pk=owner_id)
        )
        submitted.set()

    outcomes = [r for r in _run(file_database, submit, *[contribute] * WRITERS) if r]
    assert submitted.is_set()
    landed = sum(n for n, _ in outcomes)
    refused = sum(n for _, n in outcomes)
    assert landed and refused  # the submission really fell in the middle

    def check():
        report = ProgressReport.objects.get(pk=report_id)
        late = Contribution.objects.filter(report=report, created_at__gt=report.submitted_at)
        return (
            report.state,
            Contribution.objects.filter(report=report).count(),
            late.count(),
            verify_audit().ok,  # and the seal chain did not fork under the race
        )

    ((state, count, late, sealed),) = _run(file_database, check)
    assert (state, count, late, sealed) == ("submitted", landed, 0, True)
