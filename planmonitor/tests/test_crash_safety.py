"""SIGKILL in the middle of an operation (issue 13, "Faults and crash safety").

Each operation runs as its own ``manage.py`` process on a SQLite installation (WAL, as in
production) and is killed with SIGKILL at several moments across its run — the length of
an uninterrupted run on a copy of the same database, measured first. After every kill the
database passes ``PRAGMA integrity_check`` and holds the operation whole or not at all;
then the operation simply runs again, to the end. Finally the audit seal chain verifies.

The operations: a whole-plan import (every indicator's source changed), a snapshot, an
evaluation report written to a file, and a revision approval (the demo's draft revision).
PostgreSQL gives the same all-or-nothing through the same transactions; this test kills
processes on SQLite only (copying a database to time a run is a file copy there).
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings

from .processes import MANAGE, ROOT, install_demo, manage, production_env

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="kills processes on a SQLite installation (see the module's docstring)",
)

FRACTIONS = (0.55, 0.8, 0.95)  # of an uninterrupted run: when to kill
SUFFIX = " (na crash)"

INTEGRITY = (
    "from django.db import connection; c = connection.cursor(); "
    "c.execute('PRAGMA integrity_check'); integrity = c.fetchone()[0]; "
)


def _last_line(output: str) -> str:
    return output.strip().splitlines()[-1]


def _shell(env: dict[str, str], code: str) -> str:
    return _last_line(manage(env, "shell", "-c", code))


def _sound_and(env: dict[str, str], state: str) -> str:
    """``state`` (Python code printing the operation's state) once the database passed
    its integrity check: one process for both."""
    answer = _shell(
        env,
        INTEGRITY + "import io, contextlib; out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        + "".join(f"    {line}\n" for line in state.split("\n"))
        + "print(integrity + '|' + out.getvalue().strip())",
    )
    integrity, _, now = answer.partition("|")
    assert integrity == "ok", integrity
    return now


def _run(
    env: dict[str, str],
    args: list[str],
    kill_after: float | None,
    kill_when: Callable[[], bool] | None = None,
) -> bool:
    """Run ``manage.py args``; SIGKILL it after ``kill_after`` seconds (or as soon as
    ``kill_when()``) if it still runs. True when it ran to the end (exit status 0)."""
    process = subprocess.Popen(
        [*MANAGE, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        if kill_when is not None:
            while process.poll() is None and not kill_when():
                time.sleep(0.005)
            if process.poll() is None:
                raise subprocess.TimeoutExpired(args, 0)
        process.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return False
    output = process.stdout.read().decode() if process.stdout else ""
    assert process.returncode == 0, output
    return True


def _timed_on_copy(env: dict[str, str], tmp_path: Path, args: list[str]) -> float:
    """How long ``args`` runs uninterrupted, on a copy of the installation's database."""
    database = Path(env["DATABASE_URL"].removeprefix("sqlite:///"))
    copy = tmp_path / "timing"
    copy.mkdir(exist_ok=True)
    with sqlite3.connect(database) as source, sqlite3.connect(copy / database.name) as target:
        source.backup(target)  # with what a killed process left in the WAL
    timing_env = {
        **env,
        "DATABASE_URL": f"sqlite:///{copy / database.name}",
        "PLANMONITOR_VAR_DIR": str(copy),
    }
    started = time.monotonic()
    assert _run(timing_env, args, None)
    return time.monotonic() - started


def _kill_repeatedly(
    env: dict[str, str],
    tmp_path: Path,
    args: list[str],
    state: str,
    *,
    before: str,
    after: str,
    kill_when: Callable[[], bool] | None = None,
) -> int:
    """Kill ``args`` at each of ``FRACTIONS`` of its run (or once, when ``kill_when()``);
    after each kill the database is sound and ``state`` (code printing the operation's
    state) prints ``before`` or ``after``, nothing in between. Once it got to ``after``
    the operation is done; else it runs again uninterrupted. The kills that left the
    operation undone."""
    moments: list[tuple[str, float | None]]
    if kill_when is not None:
        moments = [("when it writes", None)]
    else:
        length = _timed_on_copy(env, tmp_path, args)
        moments = [(f"at {fraction:.0%}", length * fraction) for fraction in FRACTIONS]
    undone = 0
    for label, seconds in moments:
        _run(env, args, seconds, kill_when)
        now = _sound_and(env, state)
        assert now in (before, after), f"half-written after a kill {label}: {now}"
        if now == after:
            return undone
        undone += 1
    assert _run(env, args, None)  # simply run again
    assert _sound_and(env, state) == after
    return undone


@pytest.fixture
def installation(tmp_path):
    env = production_env(tmp_path)
    install_demo(env)
    return env


def test_killed_operations_leave_all_or_nothing(installation, tmp_path):
    env = installation
    undone = {}

    # A whole-plan import: every indicator's source changes, or none does.
    workbook = tmp_path / "acties.xlsx"
    manage(env, "export_actions", str(workbook))
    book = openpyxl.load_workbook(workbook)
    sheet = book["Indicatoren"]
    column = [cell.value for cell in sheet[1]].index("bron") + 1
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row=row, column=column)
        cell.value = f"{cell.value or 'Bron'}{SUFFIX}"
    book.save(workbook)
    sources = (
        "from planmonitor.plans.models import Indicator as I; "
        f"n = I.objects.filter(source__endswith={SUFFIX!r}).count(); "
        "print('none' if n == 0 else 'all' if n == I.objects.count() else f'partial {n}')"
    )
    undone["import"] = _kill_repeatedly(
        env,
        tmp_path,
        ["import_actions", str(workbook)],
        sources,
        before="none",
        after="all",
    )

    # A snapshot: absent, or present with a payload matching its seal.
    snapshots = (
        "from planmonitor.evaluation.snapshots.models import Snapshot; "
        "from planmonitor.evaluation.snapshots import freeze; "
        "s = Snapshot.objects.filter(name='Na crash').first(); "
        "print('none' if s is None else "
        "'whole' if freeze.payload_sha256(s.payload) == s.sha256 else 'broken')"
    )
    undone["snapshot"] = _kill_repeatedly(
        env,
        tmp_path,
        ["snapshot_plan", "--name", "Na crash"],
        snapshots,
        before="none",
        after="whole",
    )

    # An evaluation report written to a file: absent, or a whole DOCX.
    snapshot_id = _shell(
        env,
        "from planmonitor.evaluation.snapshots.models import Snapshot; "
        "print(Snapshot.objects.get(name='Na crash').pk)",
    )
    report = tmp_path / "tussentijdse-evaluatie.docx"

    report_state = (
        f"import zipfile, pathlib; p = pathlib.Path({str(report)!r})\n"
        "try:\n"
        "    print(('whole' if zipfile.ZipFile(p).testzip() is None else 'broken')"
        " if p.exists() else 'none')\n"
        "except zipfile.BadZipFile:\n"
        "    print('broken')"
    )
    args = ["evaluation_report", "--snapshot", snapshot_id, "--kind", "interim"]
    args += ["--format", "docx", "--output", str(report)]
    # Killed while the file is being written: the moment a truncated file would be left.
    undone["report"] = _kill_repeatedly(
        env,
        tmp_path,
        args,
        report_state,
        before="none",
        after="whole",
        kill_when=lambda: any(tmp_path.glob(".tussentijdse-evaluatie.docx.*.part")),
    )

    # A revision approval: the draft stays a draft with the plan unchanged, or it is
    # approved with the next plan version written.
    approve = (
        "import datetime as dt; "
        "from planmonitor.accounts.models import User; "
        "from planmonitor.evaluation.models import Revision; "
        "from planmonitor.evaluation.revisions.services import revision_approve; "
        "r = Revision.objects.get(status='draft'); d = dt.date(2027, 6, 30); "
        "revision_approve(revision=r, version=r.version, decision_date=d, "
        "decision_reference='VR 2027 3006 DOC.0001', effective_date=d, "
        "user=User.objects.get(username='demo-coordinator'))"
    )
    revision = (
        "from planmonitor.evaluation.models import PlanVersion, Revision; "
        "r = Revision.objects.order_by('pk').last(); "
        "v = PlanVersion.objects.order_by('number').last(); "
        "print(json.dumps([r.status, v.number]))"
    )
    version_before = json.loads(_shell(env, "import json; " + revision))[1]
    undone["revision"] = _kill_repeatedly(
        env,
        tmp_path,
        ["shell", "-c", approve],
        "import json\n" + revision,
        before=json.dumps(["draft", version_before]),
        after=json.dumps(["approved", version_before + 1]),
    )

    manage(env, "verify_audit")
    # The kills hit the operations before they were done (else the test proves little).
    assert all(count >= 1 for count in undone.values()), undone
