"""Recompute the seal chain (``seal.py``) and say which rows were tampered with.

The rows: every history row, every event of the change log and every redaction
(``history.sealed_tables``). A redacted row must match its latest redaction.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

from . import seal
from .history import sealed_tables


@dataclass(frozen=True)
class Problem:
    kind: str  # changed | removed | unsealed | out_of_order | chain | layout
    table: str
    row_id: int | None
    seal_id: int | None
    detail: str

    def __str__(self) -> str:
        where = self.table + (f" #{self.row_id}" if self.row_id is not None else "")
        seal_ref = f" (seal {self.seal_id})" if self.seal_id is not None else ""
        return f"{self.kind}: {where}{seal_ref}: {self.detail}"


@dataclass
class Result:
    rows: int = 0
    seals: int = 0
    tables: int = 0
    head_id: int | None = None
    head: str = seal.GENESIS
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "rows": self.rows,
            "seals": self.seals,
            "tables": self.tables,
            "head": {"seal": self.head_id, "chain": self.head},
            "problems": [asdict(problem) for problem in self.problems],
        }


def verify_audit(using: str = DEFAULT_DB_ALIAS, *, anchors: dict[int, str] | None = None) -> Result:
    """Check every seal, every history row and every event. Writers wait meanwhile."""
    connection = connections[using]
    with transaction.atomic(using=using):
        seal.lock_chain(using)
        with connection.cursor() as cursor:
            return _verify(cursor, anchors or {})


def _verify(cursor, anchors: dict[int, str]) -> Result:
    result = Result()
    problem = result.problems.append
    cursor.execute('SELECT id, "table", "key", columns FROM audit_seallayout')
    layouts: dict[str, seal.Layout] = {}
    for layout_id, table, key, columns in cursor.fetchall():
        columns = seal_columns(columns)
        layout = seal.Layout(table, key, tuple(columns))
        if layout.id != layout_id:
            problem(Problem("layout", table, None, None, f"layout {layout_id} was altered"))
        layouts[layout_id] = layout

    cursor.execute("SELECT id, layout, row_id, digest, chain FROM audit_seal ORDER BY id")
    seals = cursor.fetchall()
    # A redacted row (``redaction.py``) must match its latest redaction, no longer its seal
    # (putting the redacted data back is a change too);
    # the redactions are sealed rows themselves, checked below like the others.
    cursor.execute("SELECT layout, row_id, digest FROM audit_redaction ORDER BY id")
    redacted = {(layout_id, row_id): digest for layout_id, row_id, digest in cursor.fetchall()}
    result.seals = len(seals)

    # The rows' current digests, per layout, for the ids sealed with that layout.
    wanted: dict[str, set[int]] = defaultdict(set)
    for _, layout_id, row_id, _, _ in seals:
        wanted[layout_id].add(row_id)
    current: dict[str, dict[int, str]] = {}
    for layout_id, ids in wanted.items():
        layout = layouts.get(layout_id)
        if layout is None:
            continue
        try:
            current[layout_id] = {
                row_id: digest for row_id, digest in seal.read_rows(cursor, layout) if row_id in ids
            }
        except DatabaseError as error:  # a column the layout names is gone
            problem(Problem("layout", layout.table, None, None, f"cannot be read: {error}"))
            current[layout_id] = {}

    previous = seal.GENESIS
    last_id_per_table: dict[str, int] = {}
    sealed: dict[str, set[int]] = defaultdict(set)
    for seal_id, layout_id, row_id, digest, chain in seals:
        layout = layouts.get(layout_id)
        table = layout.table if layout else f"layout {layout_id}"
        if chain != seal.chain_link(previous, layout_id, row_id, digest):
            problem(
                Problem(
                    "chain",
                    table,
                    row_id,
                    seal_id,
                    "the seal does not follow from the one before it: "
                    "a seal was changed, removed or inserted here",
                )
            )
        if seal_id in anchors and anchors.pop(seal_id) != chain:
            problem(Problem("chain", table, row_id, seal_id, "differs from the recorded anchor"))
        previous = chain
        if layout is None:
            problem(Problem("layout", table, row_id, seal_id, "the seal's layout is unknown"))
            continue
        if row_id in sealed[table]:
            problem(Problem("chain", table, row_id, seal_id, "the row was sealed twice"))
        sealed[table].add(row_id)
        if row_id <= last_id_per_table.get(table, 0):
            problem(
                Problem(
                    "out_of_order",
                    table,
                    row_id,
                    seal_id,
                    "sealed after a newer row of its table: inserted out of order",
                )
            )
        last_id_per_table[table] = max(row_id, last_id_per_table.get(table, 0))
        now = current.get(layout_id, {}).get(row_id)
        if now is None:
            problem(Problem("removed", table, row_id, seal_id, "the sealed row is gone"))
        elif now != redacted.get((layout_id, row_id), digest):
            problem(Problem("changed", table, row_id, seal_id, "the row differs from its seal"))
    for seal_id in anchors:
        problem(Problem("chain", "audit_seal", None, seal_id, "the anchored seal is gone"))
    if seals:
        result.head_id, result.head = seals[-1][0], seals[-1][4]

    tables = sorted(set(sealed_tables()) | {layout.table for layout in layouts.values()})
    quote = cursor.db.ops.quote_name
    introspection = cursor.db.introspection
    existing = set(introspection.table_names(cursor))
    for table in tables:
        if table not in existing:
            continue
        key = introspection.get_primary_key_column(cursor, table)
        cursor.execute(f"SELECT {quote(key)} FROM {quote(table)} ORDER BY {quote(key)}")
        ids = [row_id for (row_id,) in cursor.fetchall()]
        result.rows += len(ids)
        result.tables += 1
        for row_id in ids:
            if row_id not in sealed[table]:
                problem(
                    Problem(
                        "unsealed",
                        table,
                        row_id,
                        None,
                        "the row has no seal: written past the application",
                    )
                )
    return result


def seal_columns(value) -> list[str]:
    """A layout's columns as the raw cursor returns them (JSON text on SQLite)."""
    if isinstance(value, str):
        return json.loads(value)
    return list(value)
