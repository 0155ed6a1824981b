"""Query-count assertions that name each query, so a failure says which query is new or gone.

A test lists what a request may run, one ``(signature, why)`` pair per query, in order::

    QUERIES = [
        ("SELECT plans_plan", "the default plan"),
        ("SELECT plans_action", "the actions with their lead minister"),
    ]

    with assert_queries(QUERIES):
        client.get(url)

A signature is the statement and the first table it names (``SELECT plans_plan``,
``INSERT plans_action``, ``UPDATE …``, ``DELETE …``, ``SAVEPOINT``). When the queries that ran
differ from the list, the failure shows the list beside what ran: each missing query by its
name, each extra one by its SQL.
"""

import difflib
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext

Query = tuple[str, str]

_TABLE = r'"?(\w+)"?'
_SIGNATURES = [
    (re.compile(rf"^SELECT\b.*?\bFROM\s+{_TABLE}", re.S), "SELECT {}"),
    (re.compile(rf"^INSERT\s+(?:OR\s+\w+\s+)?INTO\s+{_TABLE}"), "INSERT {}"),
    (re.compile(rf"^UPDATE\s+{_TABLE}"), "UPDATE {}"),
    (re.compile(rf"^DELETE\s+FROM\s+{_TABLE}"), "DELETE {}"),
    (re.compile(r"^(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b"), "{}"),
]


def signature(sql: str) -> str:
    """What a query does and to which table, as the lists of expected queries name it."""
    for pattern, form in _SIGNATURES:
        if match := pattern.match(sql):
            return form.format(match.group(1))
    return sql.split(None, 1)[0].upper() if sql.strip() else sql


def _difference(expected: Sequence[Query], ran: list[str]) -> str:
    signatures = [sig for sig, _ in expected]
    ran_signatures = [signature(sql) for sql in ran]
    lines = [f"{len(expected)} queries expected, {len(ran)} ran:"]
    matcher = difflib.SequenceMatcher(a=signatures, b=ran_signatures, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines += [f"    {sig:<40} {why}" for sig, why in expected[i1:i2]]
            continue
        lines += [f"  - {sig:<40} {why}  (expected, did not run)" for sig, why in expected[i1:i2]]
        lines += [f"  + {signature(sql):<40} (ran, not expected) {sql[:300]}" for sql in ran[j1:j2]]
    return "\n".join(lines)


def check_queries(expected: Sequence[Query], ran: list[str]) -> None:
    """Fail, naming the difference, unless ``ran`` (SQL strings) is ``expected``, in order."""
    if [signature(sql) for sql in ran] != [sig for sig, _ in expected]:
        raise AssertionError(_difference(expected, ran))


@contextmanager
def assert_queries(expected: Sequence[Query]) -> Iterator[CaptureQueriesContext]:
    """Fail unless the block runs exactly the ``expected`` queries, in order."""
    with CaptureQueriesContext(connection) as captured:
        yield captured
    check_queries(expected, [query["sql"] for query in captured.captured_queries])


# What every page asks for a signed-in user, before its own queries.
SIGNED_IN: list[Query] = [
    ("SELECT django_session", "the session"),
    ("SELECT accounts_user", "the logged-in user"),
]
# ... and, for a user who must log in in two steps, the device that verified this session.
TWO_STEP: list[Query] = [
    (
        "SELECT otp_totp_totpdevice",
        "two-step login: the app that verified this session (django-otp)",
    ),
]
# What the layout asks last, for every visitor.
BANNER: list[Query] = [("SELECT plans_action", "is example data present? (banner)")]
