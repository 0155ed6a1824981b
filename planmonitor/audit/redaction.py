"""Taking personal data out of sealed rows without breaking the seal chain.

History rows and events are append-only and sealed (``seal.py``). When a person's data
must go (``privacy.services.person_anonymise``), their name and e-mail are replaced in
the rows that hold them. ``redact`` does that for one table:

* it refuses a row that no longer matches its seal (or its latest redaction): a
  redaction never launders a row changed past the application;
* it lifts the table's append-only trigger for the UPDATE, inside the transaction, and
  puts it back before the commit (on PostgreSQL only the tables' owner may: the
  application's own role cannot, see docs/privacy.md);
* it records one ``Redaction`` per row, with the row's new digest, sealed in the chain.

``verify_audit`` then wants a redacted row to match its latest redaction (not its seal:
putting the redacted data back is a change too).
Without ``AUDIT_SEAL_KEY`` nobody can write a redaction that fits the chain, so the
verification is as strong as before; what a redaction changed stays visible (when,
which row, which columns, why).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models

from planmonitor.core.db import append_only_name, append_only_statements

from . import seal
from .models import Redaction, Seal, SealLayout

_ID_CHUNK = 500


class RedactionRefused(RuntimeError):
    """A row to redact does not match its seal: it was changed past the application."""


def redact(
    model: type[models.Model],
    changes: Mapping[int, Mapping[str, Any]],
    *,
    reason: str,
    using: str = DEFAULT_DB_ALIAS,
) -> list[Redaction]:
    """Set, per row id of ``model`` (a sealed model), the given fields; seal each redaction."""
    if not changes:
        return []
    connection = connections[using]
    table = model._meta.db_table
    with seal.sealing(using) as batch:
        sealed = _sealed_layouts(using, table, list(changes))
        _check_intact(connection, sealed)
        with _append_only_lifted(connection, table):
            for row_id, values in changes.items():
                model._default_manager.using(using).filter(pk=row_id).update(**values)
        digests = _digests(connection, sealed)
        redactions = Redaction.objects.using(using).bulk_create(
            Redaction(
                layout=layout.id,
                row_id=row_id,
                columns=sorted(changes[row_id]),
                digest=digests[row_id],
                reason=reason[:300],
            )
            for row_id, layout in sorted(sealed.items())
        )
        batch.add(Redaction, redactions)
    return redactions


def _sealed_layouts(using: str, table: str, ids: list[int]) -> dict[int, seal.Layout]:
    """Row id → the layout its seal covers; refuses a row without a seal."""
    layouts = {
        layout.pk: seal.Layout(layout.table, layout.key, tuple(layout.columns))
        for layout in SealLayout.objects.using(using).filter(table=table)
    }
    found: dict[int, seal.Layout] = {}
    for start in range(0, len(ids), _ID_CHUNK):
        chunk = ids[start : start + _ID_CHUNK]
        rows = Seal.objects.using(using).filter(layout__in=layouts, row_id__in=chunk)
        for layout_id, row_id in rows.values_list("layout", "row_id"):
            found[row_id] = layouts[layout_id]
    missing = set(ids) - found.keys()
    if missing:
        raise RedactionRefused(f"{table}: rows without a seal: {sorted(missing)[:10]}")
    return found


def _expected(using: str, sealed: dict[int, seal.Layout]) -> dict[int, str]:
    """Row id → the digest it must have now: its latest redaction's, else its seal's."""
    expected: dict[int, str] = {}
    ids = list(sealed)
    layout_ids = {layout.id for layout in sealed.values()}
    for source in (Seal, Redaction):  # a redaction, written later, overrides the seal
        for start in range(0, len(ids), _ID_CHUNK):
            rows = source.objects.using(using).filter(
                layout__in=layout_ids, row_id__in=ids[start : start + _ID_CHUNK]
            )
            for row_id, digest in rows.order_by("id").values_list("row_id", "digest"):
                expected[row_id] = digest
    return expected


def _digests(connection, sealed: dict[int, seal.Layout]) -> dict[int, str]:
    by_layout: dict[seal.Layout, set[int]] = {}
    for row_id, layout in sealed.items():
        by_layout.setdefault(layout, set()).add(row_id)
    digests = {}
    with connection.cursor() as cursor:
        for layout, ids in by_layout.items():
            for row_id, digest in seal.read_rows(cursor, layout, low=min(ids), high=max(ids)):
                if row_id in ids:
                    digests[row_id] = digest
    return digests


def _check_intact(connection, sealed: dict[int, seal.Layout]) -> None:
    expected = _expected(connection.alias, sealed)
    now = _digests(connection, sealed)
    changed = sorted(row_id for row_id in sealed if now.get(row_id) != expected.get(row_id))
    if changed:
        table = next(iter(sealed.values())).table
        raise RedactionRefused(
            f"{table}: rows differ from their seal (changed past the application): {changed[:10]}"
        )


class _append_only_lifted:  # noqa: N801 (used as a context manager)
    """The table's UPDATE guard off for this block, inside the transaction.

    No ``finally``: if the block fails, the transaction rolls back, and with it the
    trigger change (DDL is transactional on SQLite and PostgreSQL).
    """

    def __init__(self, connection, table: str) -> None:
        self.connection = connection
        self.table = table
        self.name = append_only_name(table)

    def __enter__(self) -> None:
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {self.name}_update")
            else:
                cursor.execute(f"ALTER TABLE {self.table} DISABLE TRIGGER {self.name}")

    def __exit__(self, exc_type, exc, traceback) -> None:
        if exc_type is not None:
            return
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "sqlite":
                for statement in append_only_statements("sqlite", self.table):
                    cursor.execute(statement)
            else:
                cursor.execute(f"ALTER TABLE {self.table} ENABLE TRIGGER {self.name}")
