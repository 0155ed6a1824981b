"""Query-count assertions that name each query, so a failure says which query is new or gone.

A test lists what a request may run, one ``(signature, why)`` pair per query::

    QUERIES = [
        ("SELECT plans_plan", "the default plan"),
        ("SELECT plans_action", "the actions with their lead minister"),
    ]

    with assert_queries(QUERIES):
        client.get(url)

A signature is the statement and the first table it names (``SELECT plans_plan``,
``INSERT plans_action``, ``UPDATE …``, ``DELETE …``, ``SAVEPOINT``). When the queries that ran
differ from the list (order aside), the failure shows the list beside what ran: each missing
query by its name, each extra one by its SQL.
"""

import re
from collections import Counter
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


_CURSOR = re.compile(
    r"\s*DECLARE\s+\S+\s+.*?CURSOR\s+(?:WITH(?:OUT)?\s+HOLD\s+)?FOR\s+", re.I | re.S
)


_MANY = re.compile(r"^\d+ times: ")


def signature(sql: str) -> str:
    """What a query does and to which table, as the lists of expected queries name it.

    PostgreSQL runs ``.iterator()`` (form choices) through a server-side cursor:
    ``DECLARE "..." NO SCROLL CURSOR FOR SELECT ...`` is that SELECT. Django records one
    ``executemany`` as ``"N times: INSERT ..."``: one query (one round trip), named by its SQL.
    """
    if match := _MANY.match(sql):
        sql = sql[match.end() :]
    if match := _CURSOR.match(sql):
        sql = sql[match.end() :]
    for pattern, form in _SIGNATURES:
        if match := pattern.match(sql):
            return form.format(match.group(1))
    return sql.split(None, 1)[0].upper() if sql.strip() else sql


def _difference(expected: Sequence[Query], ran: list[str]) -> str:
    lines = [f"{len(expected)} queries expected, {len(ran)} ran:"]
    missing = Counter(sig for sig, _ in expected) - Counter(signature(sql) for sql in ran)
    extra = Counter(signature(sql) for sql in ran) - Counter(sig for sig, _ in expected)
    for sig, why in reversed(expected):  # the last ones of a kind are the missing ones
        if missing[sig]:
            missing[sig] -= 1
            lines.append(f"  - {sig:<40} {why}  (expected, did not run)")
        else:
            lines.append(f"    {sig:<40} {why}")
    lines[1:] = reversed(lines[1:])
    for sql in ran:
        if extra[sig := signature(sql)]:
            extra[sig] -= 1
            lines.append(f"  + {sig:<40} (ran, not expected) {sql[:300]}")
    return "\n".join(lines)


def check_queries(expected: Sequence[Query], ran: list[str]) -> None:
    """Fail, naming the difference, unless ``ran`` (SQL strings) is ``expected``.

    In any order: some pages read their many-to-many fields in set order, which changes
    from one process to the next.
    """
    if Counter(signature(sql) for sql in ran) != Counter(sig for sig, _ in expected):
        raise AssertionError(_difference(expected, ran))


def check_same_queries(first: CaptureQueriesContext, second: CaptureQueriesContext) -> None:
    """Fail, naming the difference, unless both blocks ran the same queries (order aside).

    For a promise about two runs ("the same work for a known and an unknown address",
    "no more queries at a larger size") where the list itself is another test's concern.
    """
    ran = [query["sql"] for query in first.captured_queries]
    expected = [(signature(sql), "as in the first run") for sql in ran]
    check_queries(expected, [query["sql"] for query in second.captured_queries])


@contextmanager
def assert_queries(expected: Sequence[Query]) -> Iterator[CaptureQueriesContext]:
    """Fail unless the block runs exactly the ``expected`` queries."""
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
# The policy, the first time a request asks it about this user.
POLICY: list[Query] = [
    ("SELECT accounts_membership", "the policy: the user's roles"),
    ("SELECT plans_minister", "the policy: the ministers of those roles (prefetch)"),
]
# The layout's nav for a signed-in user.
NAV: list[Query] = [
    ("SELECT plans_plan", "nav: the plans (the policy decides which get a members link)"),
    ("SELECT plans_plan", "nav: the default plan (may the user follow its reporting rounds?)"),
    ("SELECT notifications_notification", "nav: the count of unread notifications"),
]
# What the layout asks last, for every visitor.
BANNER: list[Query] = [("SELECT plans_action", "is example data present? (banner)")]


def seal_lock() -> list[Query]:
    """What sealing history rows asks first on PostgreSQL: one writer of the chain at a time."""
    if connection.vendor != "postgresql":
        return []
    return [("SELECT", "the seal's lock (pg_advisory_xact_lock): one writer of the chain")]


def recorded_event(why: str) -> list[Query]:
    """What ``record_event`` writes: the change log's event and its seal, in its own block."""
    return [
        ("INSERT audit_event", why),
        *seal_lock(),
        ("SELECT audit_event", "the seal: the event read back as stored"),
        ("SELECT audit_seal", "the seal: the chain so far"),
        ("INSERT audit_seal", "the seal: the event's (one executemany)"),
    ]
