"""Comparing the file with the plan, row by row, and writing the difference in bulk.

The comparison fills the report (created, updated with old -> new values,
unchanged, not in file, problems) and a ``Pending`` set of objects; only when the
report has no problem does the caller ``apply()`` it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext as _

from planmonitor.audit.history import record_bulk_history
from planmonitor.core import formatting

from .. import guards
from ..models import Action, BudgetLine, Indicator
from . import values
from .columns import ACTIONS, BUDGET_LINES, INDICATORS
from .fields import (
    ACTION_COLUMNS,
    ACTION_FIELDS,
    ACTION_SETS,
    BUDGET_COLUMNS,
    BUDGET_FIELDS,
    INDICATOR_COLUMNS,
    INDICATOR_FIELDS,
    Field,
    RowCells,
    changes,
    column_map,
    display,
    read_fields,
    read_indicator_values,
    require,
)
from .lookups import PlanState
from .reading import Sheet
from .report import Entry, FieldChange, ImportReport, Kind, Problem


@dataclass
class Batch:
    """New and changed rows of one model, and the fields the changes touch."""

    new: list[Any] = field(default_factory=list)
    changed: list[Any] = field(default_factory=list)
    fields: set[str] = field(default_factory=set)

    def write(self, model: type[models.Model], *, extra_fields: Sequence[str] = ()) -> None:
        manager = model._default_manager
        manager.bulk_create(self.new)
        if self.changed:
            manager.bulk_update(
                self.changed, sorted(self.fields | set(extra_fields)), batch_size=500
            )


@dataclass
class Pending:
    """What applying writes: collected during the comparison, written in bulk."""

    actions: Batch = field(default_factory=Batch)
    sets: dict[str, list[tuple[Action, frozenset[int]]]] = field(default_factory=dict)
    indicators: Batch = field(default_factory=Batch)
    budget_lines: Batch = field(default_factory=Batch)

    def apply(self) -> None:
        now = timezone.now()
        for action in self.actions.changed:
            action.version += 1  # the optimistic lock: edit forms opened before now go stale
            action.updated_at = now  # bulk_update skips auto_now
        self.actions.write(Action, extra_fields=("version", "updated_at"))
        for name, pairs in self.sets.items():
            _replace_set(name, pairs)
        self.indicators.write(Indicator)
        self.budget_lines.write(BudgetLine)
        self._record_history()

    def _record_history(self) -> None:
        """Bulk writes send no signals: write the audit trail ourselves, links included."""
        for model, batch in (
            (Action, self.actions),
            (Indicator, self.indicators),
            (BudgetLine, self.budget_lines),
        ):
            record_bulk_history(model, batch.new, update=False)
            record_bulk_history(model, batch.changed, update=True)


def _chunks(items: list[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _replace_set(name: str, pairs: list[tuple[Action, frozenset[int]]]) -> None:
    """Replace many-to-many sets in the through table: batched deletes, one executemany.

    Through rows have no defaults or signals to honour, so a plain INSERT is right
    and five times faster than bulk_create; the same-plan triggers still check each row.
    """
    relation = Action._meta.get_field(name)
    through = relation.remote_field.through
    source, target = relation.m2m_column_name(), relation.m2m_reverse_name()
    for chunk in _chunks([action.pk for action, _ids in pairs]):
        through.objects.filter(**{f"{source}__in": chunk}).delete()
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(through._meta.db_table)} ({quote(source)}, {quote(target)}) "
        "VALUES (%s, %s)"
    )
    rows = [(action.pk, pk) for action, ids in pairs for pk in sorted(ids)]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


class Comparison:
    def __init__(self, state: PlanState, report: ImportReport) -> None:
        self.state = state
        self.report = report
        self.pending = Pending()
        # The file's actions by casefolded code; None for a row with problems.
        self.in_file: dict[str, Action | None] = {}
        self.code_of = {action.pk: action.code for action in state.actions.values()}
        # Fields another process governs (after version 1: an approved revision).
        self.guard = guards.rule_for(state.plan)

    def run(self, tables: dict[Kind, Sheet]) -> Pending:
        sheet = tables["action"]
        columns = column_map(sheet, ACTIONS, self.report)
        if columns is None:
            return self.pending
        if not sheet.rows:
            self.report.add_problem(
                Problem(_("The sheet has no rows to import."), sheet=sheet.title)
            )
        self.actions(sheet, columns)
        if "indicator" in tables:
            columns = column_map(tables["indicator"], INDICATORS, self.report)
            if columns is not None:
                self.indicators(tables["indicator"], columns)
        if "budget_line" in tables:
            columns = column_map(tables["budget_line"], BUDGET_LINES, self.report)
            if columns is not None:
                self.budget_lines(tables["budget_line"], columns)
        return self.pending

    # --- Actions ---------------------------------------------------------------------------

    def actions(self, sheet: Sheet, columns: dict[str, int]) -> None:
        first_row: dict[str, int] = {}
        for number, row in sheet.rows:
            cells = RowCells(sheet, number, row, columns, self.report)
            wanted = read_fields(cells, ACTION_FIELDS, self.state)
            sets = read_fields(cells, ACTION_SETS, self.state)
            code = wanted.get("code")
            if not code:
                continue
            key = code.casefold()
            if key in first_row:
                cells.fail("code", _duplicate(code, first_row[key]))
                continue
            first_row[key] = number
            existing = self.state.actions.get(key)
            _check_period(cells, wanted, existing, ("start_date", "start"), ("end_date", "einde"))
            self._check_governed(cells, wanted, sets, existing)
            self.in_file[key] = self._action(cells, wanted, sets, existing) if cells.ok else None
        for key, action in sorted(self.state.actions.items()):
            if key not in self.in_file:
                self.report.not_in_file.append(Entry("action", action.code, action.title))

    def _action(
        self,
        cells: RowCells,
        wanted: dict[str, Any],
        sets: dict[str, frozenset[int]],
        existing: Action | None,
    ) -> Action:
        if existing is None:
            action = Action(plan=self.state.plan, **wanted)
            self.pending.actions.new.append(action)
            for name, ids in sets.items():
                if ids:
                    self.pending.sets.setdefault(name, []).append((action, ids))
            self.report.created.append(Entry("action", action.code, action.title, cells.number))
            return action
        found = changes(existing, wanted, ACTION_COLUMNS, self.state)
        for item in ACTION_SETS:
            if item.attname in sets:
                found += self._set_change(existing, item, sets[item.attname])
        self._record(
            "action",
            existing.code,
            wanted["title"],
            cells,
            existing,
            wanted,
            found,
            self.pending.actions,
        )
        return existing

    def _check_governed(
        self,
        cells: RowCells,
        wanted: dict[str, Any],
        sets: dict[str, frozenset[int]],
        existing: Action | None,
    ) -> None:
        """Refuse a new action, or a change to a governed field, when a guard holds them."""
        rule = self.guard
        if rule is None:
            return
        message = str(rule.message)
        if existing is None:
            if rule.creates:
                cells.fail("code", message)
            return
        for item in ACTION_FIELDS:
            name = item.attname.removesuffix("_id")
            if (
                name in rule.fields
                and item.attname in wanted
                and getattr(existing, item.attname) != wanted[item.attname]
            ):
                cells.fail(item.column, message)
        for item in ACTION_SETS:
            if item.attname in rule.fields and item.attname in sets:
                old = self.state.m2m[item.attname].get(existing.pk, frozenset())
                if old != sets[item.attname]:
                    cells.fail(item.column, message)

    def _set_change(self, action: Action, item: Field, ids: frozenset[int]) -> list[FieldChange]:
        old = self.state.m2m[item.attname].get(action.pk, frozenset())
        if old == ids:
            return []
        self.pending.sets.setdefault(item.attname, []).append((action, ids))
        return [
            FieldChange(
                item.column,
                display(item.attname, old, self.state),
                display(item.attname, ids, self.state),
            )
        ]

    def _record(
        self,
        kind: Kind,
        key: str,
        label: str,
        cells: RowCells,
        existing: models.Model,
        wanted: dict[str, Any],
        found: list[FieldChange],
        batch: Batch,
    ) -> None:
        """An existing row: unchanged, or updated with the file's values."""
        if not found:
            self.report.unchanged.append(Entry(kind, key, label, cells.number))
            return
        for name, value in wanted.items():
            setattr(existing, name, value)
        batch.changed.append(existing)
        batch.fields.update(wanted)
        self.report.updated.append(Entry(kind, key, label, cells.number, tuple(found)))

    def _find_action(self, cells: RowCells) -> tuple[str, Action | None]:
        """The row's action (from the file or the plan) and its key; None when unusable."""
        code = cells.get("actie", lambda value: values.text(value, required=True))
        if not code:
            return "", None
        key = code.casefold()
        if key in self.in_file:
            return key, self.in_file[key]
        if key in self.state.actions:
            return key, self.state.actions[key]
        cells.fail("actie", _('Unknown action "%(value)s".') % {"value": code})
        return key, None

    # --- Indicators ------------------------------------------------------------------------

    def indicators(self, sheet: Sheet, columns: dict[str, int]) -> None:
        first_row: dict[tuple[str, str], int] = {}
        seen: set[tuple[int, str]] = set()
        for number, row in sheet.rows:
            cells = RowCells(sheet, number, row, columns, self.report)
            action_key, action = self._find_action(cells)
            wanted = read_fields(cells, INDICATOR_FIELDS, self.state)
            read_indicator_values(cells, wanted)
            code = wanted.get("code")
            if not code or not action_key:
                continue
            key = (action_key, code.casefold())
            if key in first_row:
                cells.fail("code", _duplicate(code, first_row[key]))
                continue
            first_row[key] = number
            existing = None
            if action is not None and action.pk is not None:
                existing = self.state.indicators.get((action.pk, key[1]))
                seen.add((action.pk, key[1]))
            _check_period(
                cells,
                wanted,
                existing,
                ("baseline_date", "basisdatum"),
                ("target_date", "streefdatum"),
            )
            if cells.ok and action is not None:
                self._indicator(cells, action, wanted, existing)
        for (action_id, code), indicator in sorted(self.state.indicators.items()):
            if (action_id, code) not in seen:
                key = f"{self.code_of[action_id]} / {indicator.code}"
                self.report.not_in_file.append(Entry("indicator", key, indicator.name))

    def _indicator(
        self, cells: RowCells, action: Action, wanted: dict[str, Any], existing: Indicator | None
    ) -> None:
        key = f"{action.code} / {wanted['code']}"
        if existing is None:
            self.pending.indicators.new.append(Indicator(action=action, **wanted))
            self.report.created.append(Entry("indicator", key, wanted["name"], cells.number))
            return
        found = changes(existing, wanted, INDICATOR_COLUMNS, self.state)
        self._record(
            "indicator",
            key,
            wanted["name"],
            cells,
            existing,
            wanted,
            found,
            self.pending.indicators,
        )

    # --- Budget lines ----------------------------------------------------------------------

    def budget_lines(self, sheet: Sheet, columns: dict[str, int]) -> None:
        domains = self.state.policy_domains
        first_row: dict[tuple[str, int, int], int] = {}
        seen: set[tuple[int, int, int]] = set()
        for number, row in sheet.rows:
            cells = RowCells(sheet, number, row, columns, self.report)
            action_key, action = self._find_action(cells)
            year = cells.get("jaar", lambda value: values.year(value, low=2000, high=2100))
            domain = cells.get("beleidsdomein", lambda value: domains.find(require(value)))
            wanted = read_fields(cells, BUDGET_FIELDS, self.state)
            if not action_key or year is None or domain is None:
                continue
            key = (action_key, year, domain)
            label = f"{action.code if action else action_key} / {year} / {domains.code_of[domain]}"
            if key in first_row:
                cells.fail("jaar", _duplicate(label, first_row[key]))
                continue
            first_row[key] = number
            existing = None
            if action is not None and action.pk is not None:
                existing = self.state.budget_lines.get((action.pk, year, domain))
                seen.add((action.pk, year, domain))
            if not cells.ok or action is None:
                continue
            amount = display("amount", wanted["amount"], self.state)
            if existing is None:
                line = BudgetLine(action=action, year=year, policy_domain_id=domain, **wanted)
                self.pending.budget_lines.new.append(line)
                self.report.created.append(Entry("budget_line", label, amount, number))
            else:
                found = changes(existing, wanted, BUDGET_COLUMNS, self.state)
                self._record(
                    "budget_line",
                    label,
                    amount,
                    cells,
                    existing,
                    wanted,
                    found,
                    self.pending.budget_lines,
                )
        for (action_id, year, domain), line in sorted(self.state.budget_lines.items()):
            if (action_id, year, domain) not in seen:
                key = f"{self.code_of[action_id]} / {year} / {domains.code_of[domain]}"
                amount = display("amount", line.amount, self.state)
                self.report.not_in_file.append(Entry("budget_line", key, amount))


def _duplicate(what: str, row: int) -> str:
    return _('"%(code)s" appears more than once in the file (also row %(row)s).') % {
        "code": what,
        "row": row,
    }


def _check_period(
    cells: RowCells,
    wanted: dict[str, Any],
    existing: models.Model | None,
    start: tuple[str, str],
    end: tuple[str, str],
) -> None:
    """The database refuses an end before the start: say so here, on the row."""
    begin, finish = (
        wanted[name] if name in wanted else getattr(existing, name, None)
        for name, _column in (start, end)
    )
    if begin and finish and finish < begin:
        cells.fail(
            end[1] if cells.has(end[1]) else start[1],
            _("%(end)s is before %(start)s; the end cannot come before the start.")
            % {"end": formatting.date(finish), "start": formatting.date(begin)},
        )
