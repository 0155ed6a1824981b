"""Rows stored before the field limits (core/limits.py): repaired without loss, or reported.

Run by data migrations (plans/0007, monitoring/0003) before the constraints are
added, which would refuse such rows. Plain SQL on purpose: the ORM cannot even
read some of these values (a too-long decimal that SQLite kept as a float).
Everything found is printed in the migration's output; docs/security.md ("Field
limits and codes") says what an administrator does then. A clean database only
costs one indexed-free scan per column, with no output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .limits import CODE_MAX_LENGTH, CODE_PATTERN, number_bound, number_problem
from .text import normalise_newlines

NOTE = "[Waarde {value} kon niet exact bewaard worden en is gewist]"


@dataclass(frozen=True)
class NumberColumn:
    table: str
    column: str
    places: int
    max_digits: int = 15
    note_column: str = ""  # where the original value is written down
    note_max: int = 0
    replacement: str | None = None  # NULL, or a value for a NOT NULL column


@dataclass(frozen=True)
class TextColumn:
    table: str
    column: str
    max_length: int


def _say(message: str) -> None:
    print(f"  {message}")  # noqa: T201 – the migration's output is the report


def _exact(raw) -> Decimal | None:
    """The decimal a stored cell means: a REAL by its shortest repr, text as written."""
    try:
        number = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(str(raw).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def repair_numbers(connection, columns: list[NumberColumn]) -> None:
    sqlite = connection.vendor == "sqlite"
    with connection.cursor() as cursor:
        for spec in columns:
            bound = number_bound(spec.places, spec.max_digits)
            odd_type = "typeof({c}) NOT IN ('integer', 'real') OR " if sqlite else ""
            cast = f"CAST({spec.column} AS TEXT)" if not sqlite else spec.column
            note = f", {spec.note_column}" if spec.note_column else ", ''"
            cursor.execute(
                f"SELECT id, {cast}{note} FROM {spec.table} WHERE {spec.column} IS NOT NULL AND ("
                + odd_type.format(c=spec.column)
                + f"{spec.column} >= %s OR {spec.column} <= %s)",
                [str(bound), str(-bound)],
            )
            for pk, raw, old_note in cursor.fetchall():
                number = _exact(raw)
                where = f"{spec.table}.{spec.column} id={pk}"
                if number is not None and not number_problem(
                    number, places=spec.places, max_digits=spec.max_digits
                ):
                    cursor.execute(
                        f"UPDATE {spec.table} SET {spec.column} = %s WHERE id = %s",
                        [str(number), pk],
                    )
                    _say(f"repaired {where}: {raw!r} -> {number}")
                    continue
                shown = format(number, "f") if number is not None else str(raw)
                assignments, params = [f"{spec.column} = %s"], [spec.replacement]
                written = NOTE.format(value=shown)
                new_note = f"{old_note} {written}".strip() if old_note else written
                kept = bool(spec.note_column) and len(new_note) <= spec.note_max
                if kept:
                    assignments.append(f"{spec.note_column} = %s")
                    params.append(new_note)
                cursor.execute(
                    f"UPDATE {spec.table} SET {', '.join(assignments)} WHERE id = %s",
                    [*params, pk],
                )
                kept_in = f"; noted in {spec.note_column}" if kept else ""
                _say(
                    f"CLEARED {where}: {shown} cannot be stored exactly "
                    f"(set to {spec.replacement or 'empty'}{kept_in}); enter the right value again"
                )


def repair_texts(connection, columns: list[TextColumn]) -> None:
    with connection.cursor() as cursor:
        for spec in columns:
            cursor.execute(
                f"SELECT id, {spec.column} FROM {spec.table} WHERE LENGTH({spec.column}) > %s",
                [spec.max_length],
            )
            for pk, text in cursor.fetchall():
                where = f"{spec.table}.{spec.column} id={pk}"
                fixed = text.rstrip()
                if len(fixed) <= spec.max_length:
                    _say(f"repaired {where}: trailing white space removed")
                else:
                    fixed = fixed[: spec.max_length]
                    _say(
                        f"SHORTENED {where}: {len(text)} characters cut to {spec.max_length}; "
                        "the full text saved through the app is in the object's history"
                    )
                cursor.execute(
                    f"UPDATE {spec.table} SET {spec.column} = %s WHERE id = %s", [fixed, pk]
                )


def _code_candidate(code: str) -> str:
    candidate = re.sub(r"[^A-Za-z0-9._-]+", "-", code.strip()).strip("._-")
    return (candidate or "X")[:CODE_MAX_LENGTH]


def repair_action_codes(connection) -> None:
    """A code that breaks URLs (``A/1``) becomes its nearest valid form (``A-1``)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, plan_id, code FROM plans_action")
        rows = cursor.fetchall()
        taken = {(plan, code.casefold()) for _pk, plan, code in rows}
        for pk, plan, code in rows:
            if CODE_PATTERN.fullmatch(code):
                continue
            base = _code_candidate(code)
            candidate, number = base, 1
            while (plan, candidate.casefold()) in taken:
                number += 1
                suffix = f"-{number}"
                candidate = base[: CODE_MAX_LENGTH - len(suffix)] + suffix
            taken.add((plan, candidate.casefold()))
            cursor.execute("UPDATE plans_action SET code = %s WHERE id = %s", [candidate, pk])
            _say(
                f"RENAMED plans_action id={pk}: code {code!r} -> {candidate!r} "
                "(its old URL never worked; tell the people who use the old code)"
            )


def normalise_line_endings(connection, columns: list[tuple[str, str]]) -> None:
    """Live rows get the LF line endings the input boundary now stores (core/text.py).

    ``columns``: (table, column) of live tables only. History rows, frozen sheet
    versions and snapshots stay as recorded (their triggers refuse UPDATE anyway);
    every comparison normalises when it reads them. Plain SQL, like the repairs
    above: no model save, so no history row either. Line endings are how a browser
    sent the text, not a change anyone made, and the history page compares them
    away (``audit.selectors``), so a recorded change would show nothing.
    """
    with connection.cursor() as cursor:
        for table, column in columns:
            cursor.execute(f"SELECT id, {column} FROM {table} WHERE {column} LIKE %s", ["%\r%"])
            rows = cursor.fetchall()
            for pk, value in rows:
                cursor.execute(
                    f"UPDATE {table} SET {column} = %s WHERE id = %s",
                    [normalise_newlines(value), pk],
                )
            if rows:
                _say(f"line endings normalised in {table}.{column}: {len(rows)} rows")
