"""Tests that empty the database between runs cannot coexist with an append-only trail.

pytest-django's transactional tests (``transaction=True``, ``transactional_db``,
``live_server``) empty every table afterwards with DELETE (SQLite) or TRUNCATE
(PostgreSQL); the audit triggers refuse both, by design, for everyone. Keep such
tests out, or give them their own throwaway database (e.g. a server started on a
fresh SQLite file in a subprocess) rather than weakening the triggers.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLUSHING = re.compile(r"transaction\s*=\s*True|\btransactional_db\b|\blive_server\b")


def test_no_test_empties_the_database_afterwards():
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted([*ROOT.glob("**/test_*.py"), *ROOT.glob("**/conftest.py")])
        if path != Path(__file__).resolve() and FLUSHING.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], (
        "transactional tests flush the database, which the audit trail's append-only "
        "triggers refuse: see planmonitor/audit/tests/test_no_flushing_tests.py"
    )
