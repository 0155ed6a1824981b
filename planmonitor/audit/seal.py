"""The seal: a keyed hash chain over every history row and every event of the change log,
so that a rewritten trail is detected.

The triggers (``planmonitor.core.db``) refuse UPDATE, DELETE and REPLACE on the
history tables and on ``audit_event``, but whoever owns the tables can drop a
trigger. So every history row and every event (``events.record_event``) also
gets a *seal*, written in the same transaction as the row:

* ``digest``: SHA-256 of the row's content as stored (the layout's columns, read
  back from the database, in a canonical JSON form);
* ``chain``: HMAC-SHA256, keyed with ``settings.AUDIT_SEAL_KEY`` (never stored
  in the database), of the previous seal's chain, the layout, the row id and the
  digest. One global chain, in seal-id order.

``manage.py verify_audit`` recomputes both: a changed row no longer matches its
digest, a removed row leaves its seal without a row, a row inserted past the
application has no seal, and without the key nobody can write a seal that fits
the chain (nor rewrite the chain after a change).

A *layout* names the columns a seal covers (``SealLayout``): a column added to a
history table later does not change the digest of the rows sealed before it.

Writers append under one lock taken *before* the history rows are inserted
(SQLite: the IMMEDIATE write transaction; PostgreSQL: a transaction-level
advisory lock), so the chain never forks and, per table, seal order is id order.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction

# Any constant 64-bit number: the key of the PostgreSQL advisory lock of the chain.
CHAIN_LOCK = 0x706D_6175_6469_74  # "pmaudit"
GENESIS = ""  # the "previous chain" of the first seal


@dataclass(frozen=True)
class Layout:
    """Which columns of which table a seal covers; ``key`` is the table's primary key."""

    table: str
    key: str
    columns: tuple[str, ...]

    @cached_property
    def id(self) -> str:
        text = json.dumps([self.table, self.key, list(self.columns)], separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @classmethod
    def of(cls, model: type[models.Model]) -> Layout:
        opts = model._meta
        return cls(opts.db_table, opts.pk.column, tuple(f.column for f in opts.concrete_fields))


def _canonical(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    raise TypeError(f"cannot seal a {type(value).__name__}")


def row_digest(layout: Layout, values: Sequence) -> str:
    """SHA-256 of one row as the database returns it (raw cursor values, no converters)."""
    text = json.dumps(
        [layout.id, list(values)], default=_canonical, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(text.encode()).hexdigest()


def chain_link(previous: str, layout_id: str, row_id: int, digest: str) -> str:
    message = f"{previous}|{layout_id}|{row_id}|{digest}".encode()
    return hmac.new(seal_key(), message, hashlib.sha256).hexdigest()


def seal_key() -> bytes:
    return settings.AUDIT_SEAL_KEY.encode()


def lock_chain(using: str = DEFAULT_DB_ALIAS) -> None:
    """Serialise the writers of the chain until this transaction ends."""
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("the seal chain can only be locked inside a transaction")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
    # SQLite: the transaction is BEGIN IMMEDIATE (settings), which already holds the
    # database's only write lock.


def chain_head(cursor) -> str:
    cursor.execute("SELECT chain FROM audit_seal ORDER BY id DESC LIMIT 1")
    row = cursor.fetchone()
    return row[0] if row else GENESIS


def read_rows(cursor, layout: Layout, *, low: int | None = None, high: int | None = None):
    """(id, digest) of the layout's rows, ids between ``low`` and ``high`` when given."""
    quote = cursor.db.ops.quote_name
    key_index = layout.columns.index(layout.key)
    sql = f"SELECT {', '.join(quote(c) for c in layout.columns)} FROM {quote(layout.table)}"
    params: list[int] = []
    if low is not None:
        sql += f" WHERE {quote(layout.key)} BETWEEN %s AND %s"
        params = [low, high]
    cursor.execute(sql, params)
    while rows := cursor.fetchmany(2000):
        for values in rows:
            yield values[key_index], row_digest(layout, values)


def append_seals(using: str, rows: dict[Layout, Iterable[int]], seal_model=None) -> int:
    """Seal these rows (per layout, their ids) at the end of the chain; the lock is held."""
    from .models import Seal

    Seal = seal_model or Seal  # noqa: N806 (a migration passes its historical model)
    connection = connections[using]
    entries = []
    with connection.cursor() as cursor:
        for layout, ids in rows.items():
            wanted = set(ids)
            if not wanted:
                continue
            # Under the lock the new ids form one range: one query per table.
            found = {
                row_id: digest
                for row_id, digest in read_rows(cursor, layout, low=min(wanted), high=max(wanted))
                if row_id in wanted
            }
            if len(found) != len(wanted):
                raise RuntimeError(f"{layout.table}: history rows to seal are missing")
            entries += [(layout.id, row_id, found[row_id]) for row_id in sorted(found)]
        head = chain_head(cursor)
    key = seal_key()
    seals = []
    for layout_id, row_id, digest in entries:
        message = f"{head}|{layout_id}|{row_id}|{digest}".encode()  # as chain_link()
        head = hmac.new(key, message, hashlib.sha256).hexdigest()
        seals.append((layout_id, row_id, digest, head))
    if seals:
        # executemany, not bulk_create: a bulk import seals ~90,000 rows; model
        # instances would cost more than the hashing. In list order: the ids are the chain's.
        table = Seal._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (layout, row_id, digest, chain) VALUES (%s, %s, %s, %s)",
                seals,
            )
    return len(seals)


@dataclass
class Batch:
    """History rows written inside one ``sealing()`` block, to seal at its end."""

    ids: dict[Layout, list[int]] = field(default_factory=dict)

    def add(self, model: type[models.Model], objs: Iterable[models.Model]) -> None:
        ids = [obj.pk for obj in objs]
        if any(pk is None for pk in ids):
            raise RuntimeError("the database did not return the ids of the new history rows")
        if ids:
            self.ids.setdefault(Layout.of(model), []).extend(ids)


_batch: ContextVar[Batch | None] = ContextVar("planmonitor_seal_batch", default=None)


@contextlib.contextmanager
def sealing(using: str = DEFAULT_DB_ALIAS) -> Iterator[Batch]:
    """Write history rows inside this block: they are sealed, in the same transaction, at its end.

    The chain's lock is taken first, so that ids are handed out in chain order.
    """
    with transaction.atomic(using=using, savepoint=False):
        lock_chain(using)
        batch = Batch()
        token = _batch.set(batch)
        try:
            yield batch
        finally:
            _batch.reset(token)
        append_seals(using, batch.ids)


def current_batch() -> Batch:
    batch = _batch.get()
    if batch is None:
        raise RuntimeError("history written outside planmonitor.audit.seal.sealing()")
    return batch


# --- layouts and the first seals -------------------------------------------------------


def record_layouts(using: str, layouts: Iterable[Layout], layout_model=None) -> None:
    """Store the layouts the database does not know yet (they are never changed)."""
    from .models import SealLayout

    SealLayout = layout_model or SealLayout  # noqa: N806
    wanted = {layout.id: layout for layout in layouts}
    known = set(SealLayout.objects.using(using).filter(pk__in=wanted).values_list("pk", flat=True))
    SealLayout.objects.using(using).bulk_create(
        SealLayout(id=lid, table=layout.table, key=layout.key, columns=list(layout.columns))
        for lid, layout in wanted.items()
        if lid not in known
    )


def table_layout(connection, table: str) -> Layout:
    """The layout of ``table`` as the database has it now (for migrations: no models)."""
    with connection.cursor() as cursor:
        columns = tuple(
            c.name for c in connection.introspection.get_table_description(cursor, table)
        )
        key = connection.introspection.get_primary_key_column(cursor, table)
    return Layout(table, key, columns)


def seal_existing(apps, using: str, tables: Sequence[str]) -> int:
    """Seal every row of ``tables`` that has no seal yet: once, when a table joins the chain
    (audit migrations 0002, the history tables, and 0004, the change log's events)."""
    connection = connections[using]
    layouts = [table_layout(connection, table) for table in tables]
    SealLayout = apps.get_model("audit", "SealLayout")  # noqa: N806 (historical models)
    Seal = apps.get_model("audit", "Seal")  # noqa: N806
    record_layouts(using, layouts, SealLayout)
    with transaction.atomic(using=using):
        lock_chain(using)
        ids = {}
        with connection.cursor() as cursor:
            for layout in layouts:
                layout_ids = SealLayout.objects.using(using).filter(table=layout.table)
                sealed = set(
                    Seal.objects.using(using)
                    .filter(layout__in=layout_ids.values("pk"))
                    .values_list("row_id", flat=True)
                )
                ids[layout] = [
                    row_id for row_id, _ in read_rows(cursor, layout) if row_id not in sealed
                ]
        return append_seals(using, ids, Seal)
