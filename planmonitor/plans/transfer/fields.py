"""Columns mapped onto model fields: one row's cells read, converted and located.

Each ``Field`` names a column, the model attribute it sets and a converter that
turns the cell into the attribute's value with the plan's lookups at hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planmonitor.core import formatting, limits

from ..models import Action, BudgetLine, Indicator
from . import values
from .columns import DIRECTION_WORDS, FREQUENCY_WORDS, KIND_WORDS, SheetSpec, word_index
from .exporting import yes_no
from .lookups import PlanState, TermIndex
from .reading import Sheet
from .report import FieldChange, ImportReport, Problem
from .values import CellError

T = TypeVar("T")
Converter = Callable[[Any, PlanState], Any]


class RowCells:
    """One row's cells by column name; failures become problems at the right cell."""

    def __init__(
        self,
        sheet: Sheet,
        number: int,
        cells: Sequence[Any],
        columns: dict[str, int],
        report: ImportReport,
    ) -> None:
        self.sheet = sheet
        self.number = number
        self.cells = cells
        self.columns = columns
        self.report = report
        self.ok = True

    def has(self, name: str) -> bool:
        return name in self.columns

    def raw(self, name: str) -> Any:
        return self.cells[self.columns[name]] if name in self.columns else None

    def get(self, name: str, convert: Callable[[Any], T]) -> T | None:
        try:
            return convert(self.raw(name))
        except CellError as error:
            self.fail(name, error.message)
            return None

    def fail(self, name: str, message: str) -> None:
        self.ok = False
        self.report.add_problem(self.sheet.locate(message, self.number, self.columns.get(name)))


def column_map(sheet: Sheet, spec: SheetSpec, report: ImportReport) -> dict[str, int] | None:
    """Column name -> index in the row; None (with problems) when the sheet cannot be used."""
    if sheet.empty:
        report.add_problem(Problem(_("The sheet is empty."), sheet=sheet.title))
        return None
    columns: dict[str, int] = {}
    for index, header in enumerate(sheet.header):
        column = spec.column_for(header) if header else None
        if column is None:
            if header:
                report.warn(
                    sheet.locate(
                        _('The column "%(column)s" is not known and is ignored.')
                        % {"column": header},
                        sheet.header_row,
                        index,
                    )
                )
        elif column.name in columns:
            report.add_problem(
                sheet.locate(
                    _('The column "%(column)s" appears more than once.') % {"column": header},
                    sheet.header_row,
                    index,
                )
            )
        else:
            columns[column.name] = index
    missing = [
        column.name for column in spec.columns if column.required and column.name not in columns
    ]
    for name in missing:
        report.add_problem(
            Problem(
                _('The required column "%(column)s" is missing.') % {"column": name},
                sheet=sheet.title,
                row=sheet.header_row,
            )
        )
    return None if missing else columns


def require(value: Any) -> Any:
    if value is None:
        raise CellError(_("A value is required."))
    return value


def _text(model: type[models.Model], name: str, *, required: bool = False) -> Converter:
    max_length = model._meta.get_field(name).max_length
    return lambda value, state: values.text(value, max_length=max_length, required=required)


def _action_code(value: Any) -> str:
    """The code is part of the action's URL: the one rule of core/limits.py, as in the form."""
    code = values.text(require(value)).strip()
    problem = limits.code_problem(code)
    if problem:
        raise CellError(f'"{code}": {problem}')
    return code


def _term(index_name: str, *, required: bool) -> Converter:
    def convert(value: Any, state: PlanState) -> int | None:
        if value is None:
            return require(value) if required else None
        index: TermIndex = getattr(state, index_name)
        return index.find(value)

    return convert


def _term_set(field_name: str) -> Converter:
    def convert(value: Any, state: PlanState) -> frozenset[int]:
        index = state.index(field_name)
        found, messages = set(), []
        for item in values.split_list(value):
            try:
                found.add(index.find(item))
            except CellError as error:
                messages.append(error.message)
        if messages:
            raise CellError(" ".join(messages))
        return frozenset(found)

    return convert


def _word(
    words: dict[str, tuple[str, ...]], message: Promise, *, default: str | None = None
) -> Converter:
    index = word_index(words)

    def convert(value: Any, state: PlanState) -> str | None:
        if value is None and default is None:
            require(value)
        return values.word(value, index, message) or default

    return convert


@dataclass(frozen=True)
class Field:
    """A column mapped onto a model field (its attname) with its converter."""

    column: str
    attname: str
    convert: Converter


ACTION_FIELDS = (
    Field("code", "code", lambda value, state: _action_code(value)),
    Field("titel", "title", _text(Action, "title", required=True)),
    Field("omschrijving", "description", _text(Action, "description")),
    Field("od", "operational_goal_id", _term("goals", required=True)),
    Field("trekkende_minister", "lead_minister_id", _term("ministers", required=True)),
    Field("trekkende_entiteit", "lead_organisation_id", _term("organisations", required=False)),
    Field(
        "lokale_besturen", "involves_local_governments", lambda value, state: values.yes_no(value)
    ),
    Field("start", "start_date", lambda value, state: values.date(value)),
    Field("einde", "end_date", lambda value, state: values.date(value)),
    Field("budgettaire_impact", "has_budget_impact", lambda value, state: values.yes_no(value)),
)
ACTION_SETS = (
    Field("betrokken_ministers", "co_ministers", _term_set("co_ministers")),
    Field("vormen", "violence_forms", _term_set("violence_forms")),
    Field("doelgroepen", "target_groups", _term_set("target_groups")),
    Field("partners", "partners", _term_set("partners")),
    Field("istanbul", "istanbul_articles", _term_set("istanbul_articles")),
    Field("begunstigden", "beneficiaries", _term_set("beneficiaries")),
)

INDICATOR_FIELDS = (
    Field("code", "code", _text(Indicator, "code", required=True)),
    Field("naam", "name", _text(Indicator, "name", required=True)),
    Field(
        "type",
        "kind",
        _word(
            KIND_WORDS, gettext_lazy('Unknown type "%(value)s"; use kwantitatief or kwalitatief.')
        ),
    ),
    Field("eenheid", "unit", _text(Indicator, "unit")),
    Field("basisdatum", "baseline_date", lambda value, state: values.date(value)),
    Field("streefdatum", "target_date", lambda value, state: values.date(value)),
    Field(
        "richting",
        "direction",
        _word(
            DIRECTION_WORDS,
            gettext_lazy(
                'Unknown direction "%(value)s"; use stijgen, dalen, behouden or bereiken.'
            ),
            default=Indicator.Direction.REACH,
        ),
    ),
    Field("bron", "source", _text(Indicator, "source")),
    Field(
        "frequentie",
        "frequency",
        _word(
            FREQUENCY_WORDS,
            gettext_lazy(
                'Unknown frequency "%(value)s"; use maandelijks, driemaandelijks, halfjaarlijks, '
                "jaarlijks, eenmalig or ander."
            ),
            default=Indicator.Frequency.ANNUAL,
        ),
    ),
)
# Baseline and target: numbers (*_value) when quantitative, text (*_text) when qualitative.
INDICATOR_VALUES = (("basiswaarde", "baseline"), ("streefwaarde", "target"))

BUDGET_FIELDS = (
    Field("bedrag", "amount", lambda value, state: _amount(value)),
    Field("opmerking", "note", _text(BudgetLine, "note")),
)


def _amount(value: Any) -> Decimal:
    amount = values.decimal(require(value), max_digits=14, places=2)
    assert amount is not None
    if amount < 0:
        raise CellError(_("The amount must not be negative."))
    return amount


def read_fields(cells: RowCells, fields: Sequence[Field], state: PlanState) -> dict[str, Any]:
    return {
        item.attname: cells.get(item.column, lambda value, item=item: item.convert(value, state))
        for item in fields
        if cells.has(item.column)
    }


# --- Showing values in the report ----------------------------------------------------------


def display(attname: str, value: Any, state: PlanState) -> str:
    lookups: dict[str, TermIndex] = {
        "operational_goal_id": state.goals,
        "lead_minister_id": state.ministers,
        "lead_organisation_id": state.organisations,
        "policy_domain_id": state.policy_domains,
    }
    if value is None:
        return ""
    if attname in lookups:
        return lookups[attname].code_of[value]
    if isinstance(value, frozenset):
        return state.index(attname).codes(value)
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, dt.date):
        return formatting.date(value)
    if isinstance(value, Decimal):
        return formatting.plain(value)
    return str(value)


def read_indicator_values(cells: RowCells, wanted: dict[str, Any]) -> None:
    """Baseline and target: numbers for a quantitative indicator, text for a qualitative one.

    A quantitative indicator's *_text (an explanation added in the app) is not in the
    file and is left alone; a qualitative one can hold no numbers (a DB constraint).
    """
    kind = wanted.get("kind")
    for column, prefix in INDICATOR_VALUES:
        if kind == Indicator.Kind.QUALITATIVE:
            wanted[f"{prefix}_value"] = None
            if cells.has(column):
                wanted[f"{prefix}_text"] = cells.get(
                    column,
                    lambda value, prefix=prefix: values.text(value, max_length=_TEXT_MAX[prefix]),
                )
        elif kind == Indicator.Kind.QUANTITATIVE and cells.has(column):
            wanted[f"{prefix}_value"] = cells.get(
                column,
                lambda value: values.decimal(
                    value,
                    max_digits=limits.MAX_SIGNIFICANT_DIGITS,
                    places=limits.INDICATOR_PLACES,
                ),
            )


_TEXT_MAX = {
    prefix: Indicator._meta.get_field(f"{prefix}_text").max_length
    for _c, prefix in INDICATOR_VALUES
}


def column_names(fields: Sequence[Field]) -> dict[str, str]:
    """Model attribute -> the column it comes from, to name changes as the file does."""
    return {item.attname: item.column for item in fields}


ACTION_COLUMNS = column_names((*ACTION_FIELDS, *ACTION_SETS))
INDICATOR_COLUMNS = column_names(INDICATOR_FIELDS) | {
    f"{prefix}_{suffix}": column
    for column, prefix in INDICATOR_VALUES
    for suffix in ("value", "text")
}
BUDGET_COLUMNS = column_names(BUDGET_FIELDS)


def changes(
    obj: models.Model, wanted: dict[str, Any], column_of: dict[str, str], state: PlanState
) -> list[FieldChange]:
    """The fields whose file value differs from the stored one, shown as the file writes them."""
    return [
        FieldChange(
            column_of[name], display(name, getattr(obj, name), state), display(name, value, state)
        )
        for name, value in wanted.items()
        if getattr(obj, name) != value
    ]
