"""Twenty clients write at once while the coordinator imports (issue 13, "Concurrency").

A real installation in its own processes: gunicorn (2 workers × 4 threads) on the
database the suite runs on (SQLite: a file in WAL mode with IMMEDIATE transactions, as
settings.py configures it; PostgreSQL: a scratch database on the suite's server), the
plan and the demo data loaded. Twenty API clients (``CLIENTS``), two per draft report of
the open round, read each report and write its public text or an indicator value with
the ETag they read (``If-Match``), while ``import_actions`` re-imports the plan with every
indicator's source changed; then one client per report submits it (the other may still
write), and once all are submitted every client tries to write once more.

Afterwards: no 5xx and no "database is locked" anywhere; every accepted write got its own
version; each report holds the last accepted text and value (no lost update); nothing was
written into a submitted report; the import's changes are all there; the database passes
its integrity check and the audit seal chain verifies. Bounded: ``ITERATIONS`` writes per
client and a deadline, about a minute in all (most of it migrate and load_demo).
"""

from __future__ import annotations

import json
import secrets
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import openpyxl
import pytest
from django.conf import settings

from .processes import MANAGE, ROOT, gunicorn, install_demo, manage, production_env

CLIENTS = 20
REPORTS = CLIENTS // 2
ITERATIONS = 6  # writes per client, at least; more while the import still runs
DEADLINE = 120  # seconds for the clients' writes
SUFFIX = " (herzien)"

PREPARE = """
import json
from planmonitor.accounts import policy
from planmonitor.accounts.models import User
from planmonitor.api.tokens.services import personal_token_create
from planmonitor.monitoring import workflow
from planmonitor.monitoring.models import ProgressReport, RoundStatus

people = [User.objects.get(username=n) for n in ("demo-owner", "demo-coordinator")]
tokens = {p.username: personal_token_create(user=p, name="load test")[1] for p in people}
reports = []
candidates = (
    ProgressReport.objects.filter(round__status=RoundStatus.OPEN)
    .select_related("round__plan", "action")
    .order_by("action__code")
)
for report in candidates:
    quantitative = report.action.indicators.filter(kind="quantitative").order_by("code")
    if not workflow.report_editable(report) or not quantitative:
        continue
    # The owner writes its own reports; the coordinator may write all.
    who = next(p for p in people if policy.can_edit_monitoring(p, report))
    reports.append({
        "plan": report.round.plan.short_name, "round": report.round_id,
        "code": report.action.code, "indicator": quantitative[0].code,
        "token": tokens[who.username],
    })
print(json.dumps(reports[:%d]))
"""

FINAL = """
import json
from planmonitor.monitoring.models import ProgressReport
from planmonitor.plans.models import Indicator

wanted = json.loads(%r)
out = {"reports": {}, "sources": list(Indicator.objects.values_list("source", flat=True))}
for round_id, code, indicator in wanted:
    r = ProgressReport.objects.get(round_id=round_id, action__code=code)
    value = r.values.filter(indicator__code=indicator).first()
    out["reports"][code] = {
        "version": r.version, "state": r.state, "public_text": r.public_text,
        "value": str(value.value.normalize()) if value and value.value is not None else None,
    }
print(json.dumps(out))
"""


@dataclass
class Write:
    """An answered write: what was sent, the status, the version the answer carried."""

    client: int
    kind: str  # text, value, submit, late
    sent: str
    status: int
    version: int | None


@dataclass
class Log:
    writes: list[Write] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, write: Write) -> None:
        with self.lock:
            self.writes.append(write)

    def fail(self, message: str) -> None:
        with self.lock:
            self.failures.append(message)


def _call(
    method: str, url: str, token: str, body: Any = None, etag: str | None = None
) -> tuple[int, str | None, Any]:
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if etag is not None:
        headers["If-Match"] = etag
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.headers.get("ETag"), json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("ETag"), error.read().decode(errors="replace")


def _version(etag: str | None) -> int | None:
    return int(etag.strip('"')) if etag else None


def _database(tmp_path: Path, request: pytest.FixtureRequest) -> dict[str, str]:
    """The database the installation uses: SQLite in ``tmp_path``, or a scratch database
    on the suite's PostgreSQL server (dropped afterwards)."""
    config = settings.DATABASES["default"]
    if config["ENGINE"] != "django.db.backends.postgresql":
        return {}
    import psycopg

    name = f"planmonitor_load_{secrets.token_hex(4)}"
    server: dict[str, Any] = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    request.addfinalizer(drop)
    credentials = quote(server["user"] or "", safe="")
    if server["password"]:
        credentials += ":" + quote(server["password"], safe="")
    host = f"{server['host'] or 'localhost'}:{server['port'] or 5432}"
    return {"DATABASE_URL": f"postgres://{credentials}@{host}/{name}"}


def _revise_sources(workbook: Path) -> int:
    """Every indicator's source in the exported workbook gets ``SUFFIX``: the import changes
    each indicator of the plan (and writes its history) while the clients write values of
    some of them. (Titles would need an approved revision: the demo plan is at version 1.)
    The number of indicators."""
    book = openpyxl.load_workbook(workbook)
    sheet = book["Indicatoren"]
    column = [cell.value for cell in sheet[1]].index("bron") + 1
    changed = 0
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row=row, column=column)
        cell.value = f"{cell.value or 'Bron'}{SUFFIX}"
        changed += 1
    book.save(workbook)
    return changed


def _client(number: int, report: dict[str, Any], base: str, log: Log, importer) -> None:
    url = f"{base}/api/v1/plans/{report['plan']}/reports/{report['round']}/{report['code']}"
    token = report["token"]
    started = time.monotonic()
    done = 0
    while done < ITERATIONS or (importer.poll() is None and time.monotonic() - started < 60):
        if time.monotonic() - started > DEADLINE:
            log.fail(f"client {number}: deadline passed after {done} writes")
            return
        status, etag, _ = _call("GET", url, token)
        if status != 200:
            log.fail(f"client {number}: GET {status}")
            return
        if done % 2 == 0:
            sent = f"client {number}, write {done}"
            status, answer_etag, body = _call("PATCH", url, token, {"public_text": sent}, etag)
            kind = "text"
        else:
            sent = str(number * 1000 + done)
            values = {"values": [{"indicator": report["indicator"], "value": sent}]}
            status, answer_etag, body = _call("PUT", f"{url}/values", token, values, etag)
            kind = "value"
        if status not in (200, 409, 412):
            log.fail(f"client {number}: {kind} answered {status}: {body}")
        log.add(Write(number, kind, sent, status, _version(answer_etag) if status == 200 else None))
        done += 1


def _submit(number: int, report: dict[str, Any], base: str, log: Log) -> None:
    """The first client of a report submits it (again on a stale ETag: the other client
    may still be writing)."""
    if number >= REPORTS:
        return
    url = f"{base}/api/v1/plans/{report['plan']}/reports/{report['round']}/{report['code']}"
    token = report["token"]
    for _ in range(20):
        _, etag, _ = _call("GET", url, token)
        status, answer_etag, body = _call("POST", f"{url}/submit", token, etag=etag)
        if status != 412:
            break
    if status != 200:
        log.fail(f"client {number}: submit answered {status}: {body}")
    log.add(Write(number, "submit", "", status, _version(answer_etag)))


def _write_late(number: int, report: dict[str, Any], base: str, log: Log) -> None:
    """Once every report is submitted, each client tries one more write: refused (409)
    whatever version it sends."""
    url = f"{base}/api/v1/plans/{report['plan']}/reports/{report['round']}/{report['code']}"
    token = report["token"]
    sent = f"client {number}, after the submission"
    status, _, body = _call("PATCH", url, token, {"public_text": sent}, "*")
    log.add(Write(number, "late", sent, status, None))


def test_twenty_writers_and_an_import_lose_nothing(tmp_path, request):
    env = production_env(tmp_path, **_database(tmp_path, request))
    install_demo(env)
    reports = json.loads(manage(env, "shell", "-c", PREPARE % REPORTS).strip().splitlines()[-1])
    assert len(reports) == REPORTS, reports
    workbook = tmp_path / "acties.xlsx"
    manage(env, "export_actions", str(workbook))
    indicators = _revise_sources(workbook)

    log = Log()
    server_log = tmp_path / "gunicorn.log"
    import_log = tmp_path / "import.log"
    with gunicorn(env, server_log, workers=2, threads=4) as base:
        with import_log.open("w") as output:
            importer = subprocess.Popen(
                [*MANAGE, "import_actions", str(workbook)],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            with ThreadPoolExecutor(CLIENTS) as pool:
                list(
                    pool.map(
                        lambda n: _client(n, reports[n % REPORTS], base, log, importer),
                        range(CLIENTS),
                    )
                )
            for phase in (_submit, _write_late):
                with ThreadPoolExecutor(CLIENTS) as pool:
                    list(
                        pool.map(
                            lambda n, phase=phase: phase(n, reports[n % REPORTS], base, log),
                            range(CLIENTS),
                        )
                    )
        finally:
            imported = importer.wait(timeout=300)
    served = server_log.read_text()

    assert imported == 0, import_log.read_text()
    assert not log.failures, log.failures
    assert "database is locked" not in served
    assert "Traceback" not in served, served[-3000:]

    wanted = [(r["round"], r["code"], r["indicator"]) for r in reports]
    final = json.loads(
        manage(env, "shell", "-c", FINAL % json.dumps(wanted)).strip().splitlines()[-1]
    )
    by_report: dict[str, list[Write]] = defaultdict(list)
    for write in log.writes:
        by_report[reports[write.client % REPORTS]["code"]].append(write)
    accepted_anywhere = 0
    for code, writes in by_report.items():
        now = final["reports"][code]
        accepted = [w for w in writes if w.status == 200]
        accepted_anywhere += len(accepted)
        versions = [w.version for w in accepted]
        assert len(set(versions)) == len(versions), f"{code}: two writes got one version"
        last = max(accepted, key=lambda w: w.version or 0)
        assert last.kind == "submit", f"{code}: a write was accepted after the submission"
        assert now["state"] == "submitted"
        assert now["version"] == last.version
        # No lost update: the text and the value are those of the last accepted write.
        texts = [w for w in accepted if w.kind == "text"]
        values = [w for w in accepted if w.kind == "value"]
        if texts:
            assert now["public_text"] == max(texts, key=lambda w: w.version or 0).sent
        if values:
            assert now["value"] == max(values, key=lambda w: w.version or 0).sent
        late = [w for w in writes if w.kind == "late"]
        assert late and all(w.status == 409 for w in late), late
    # The clients wrote (more than one write per report got through, not only conflicts).
    assert accepted_anywhere > 3 * REPORTS
    assert all(source.endswith(SUFFIX) for source in final["sources"])
    assert len(final["sources"]) == indicators

    manage(env, "verify_audit")
    if env["DATABASE_URL"].startswith("sqlite"):
        check = manage(env, "shell", "-c", INTEGRITY)
        assert check.strip().splitlines()[-1] == "ok"


INTEGRITY = (
    "from django.db import connection; c = connection.cursor(); "
    "c.execute('PRAGMA integrity_check'); print(c.fetchone()[0])"
)
