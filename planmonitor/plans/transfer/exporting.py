"""Export of a plan's actions, indicators and budget lines, and the empty template.

One set of ``Table``s is written either as an XLSX workbook (openpyxl write-only
mode, so memory stays flat) or as CSV files; the importer reads both back to the
same plan.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.db.models import Model
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from planmonitor.core import formatting
from planmonitor.core.files import atomic_output

from ..models import (
    Action,
    Beneficiary,
    BudgetLine,
    Indicator,
    IstanbulArticle,
    Minister,
    OperationalGoal,
    Organisation,
    Partner,
    Plan,
    PolicyDomain,
    TargetGroup,
    ViolenceForm,
)
from .columns import (
    ACTIONS,
    BENEFICIARY_WORDS,
    BUDGET_LINES,
    DIRECTION_WORDS,
    FREQUENCY_WORDS,
    HELP_SHEET,
    INDICATORS,
    KIND_WORDS,
    LISTS_SHEET,
    NO,
    SHEETS,
    YES,
    SheetSpec,
    dutch_word,
    escape_csv,
    escape_formula,
)

LIST_SEPARATOR = ";"
DATE_FORMAT = "DD/MM/YYYY"
AMOUNT_FORMAT = "#,##0.00"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Row = list[Any]


@dataclass
class Table:
    spec: SheetSpec
    rows: Iterable[Row]


def natural_key(code: str) -> tuple[tuple[int, int | str], ...]:
    """'A2' before 'A10': codes sort the way people number them."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in re.split(r"(\d+)", code)
        if part
    )


def yes_no(value: bool) -> str:
    return YES if value else NO


# --- Reading the plan ----------------------------------------------------------------------


def m2m_codes(plan: Plan, field_name: str, target_code: str) -> dict[int, list[str]]:
    """{action id: [codes]} for one many-to-many field, in one query."""
    through = Action._meta.get_field(field_name).remote_field.through
    target = Action._meta.get_field(field_name).m2m_reverse_field_name()
    rows = (
        through.objects.filter(action__plan=plan)
        .order_by("action_id", f"{target}__{target_code}")
        .values_list("action_id", f"{target}__{target_code}")
    )
    codes: dict[int, list[str]] = defaultdict(list)
    for action_id, code in rows:
        codes[action_id].append(code)
    return codes


def plan_tables(plan: Plan) -> list[Table]:
    actions = sorted(
        Action.objects.filter(plan=plan).select_related(
            "operational_goal", "lead_minister", "lead_organisation"
        ),
        key=lambda action: natural_key(action.code),
    )
    codes = {action.pk: action.code for action in actions}
    return [
        Table(ACTIONS, _action_rows(plan, actions)),
        Table(INDICATORS, _indicator_rows(plan, codes)),
        Table(BUDGET_LINES, _budget_rows(plan, codes)),
    ]


def _action_rows(plan: Plan, actions: list[Action]) -> Iterator[Row]:
    co_ministers = m2m_codes(plan, "co_ministers", "key")
    forms = m2m_codes(plan, "violence_forms", "code")
    groups = m2m_codes(plan, "target_groups", "code")
    partners = m2m_codes(plan, "partners", "code")
    articles = m2m_codes(plan, "istanbul_articles", "number")
    beneficiaries = m2m_codes(plan, "beneficiaries", "code")
    for action in actions:
        yield [
            action.code,
            action.title,
            action.description,
            action.operational_goal.code,
            action.lead_minister.key,
            LIST_SEPARATOR.join(co_ministers[action.pk]),
            action.lead_organisation.code if action.lead_organisation else None,
            LIST_SEPARATOR.join(forms[action.pk]),
            LIST_SEPARATOR.join(groups[action.pk]),
            LIST_SEPARATOR.join(partners[action.pk]),
            yes_no(action.involves_local_governments),
            action.start_date,
            action.end_date,
            yes_no(action.has_budget_impact),
            LIST_SEPARATOR.join(str(number) for number in articles[action.pk]),
            LIST_SEPARATOR.join(
                dutch_word(BENEFICIARY_WORDS, code) for code in beneficiaries[action.pk]
            ),
        ]


def _indicator_rows(plan: Plan, codes: dict[int, str]) -> Iterator[Row]:
    indicators = sorted(
        Indicator.objects.filter(action__plan=plan),
        key=lambda item: (natural_key(codes[item.action_id]), natural_key(item.code)),
    )
    for indicator in indicators:
        quantitative = indicator.kind == Indicator.Kind.QUANTITATIVE
        yield [
            codes[indicator.action_id],
            indicator.code,
            indicator.name,
            dutch_word(KIND_WORDS, indicator.kind),
            indicator.unit,
            indicator.baseline_value if quantitative else indicator.baseline_text,
            indicator.baseline_date,
            indicator.target_value if quantitative else indicator.target_text,
            indicator.target_date,
            dutch_word(DIRECTION_WORDS, indicator.direction),
            indicator.source,
            dutch_word(FREQUENCY_WORDS, indicator.frequency),
        ]


def _budget_rows(plan: Plan, codes: dict[int, str]) -> Iterator[Row]:
    lines = sorted(
        BudgetLine.objects.filter(action__plan=plan).select_related("policy_domain"),
        key=lambda line: (natural_key(codes[line.action_id]), line.year, line.policy_domain.code),
    )
    for line in lines:
        yield [codes[line.action_id], line.year, line.amount, line.policy_domain.code, line.note]


def empty_tables() -> list[Table]:
    return [Table(spec, []) for spec in SHEETS]


def help_rows() -> list[Row]:
    rows: list[Row] = []
    for spec in SHEETS:
        for column in spec.columns:
            required = _("required") if column.required else ""
            rows.append([spec.name, column.name, column.alias, required, str(column.help)])
    return rows


def _terms(model: type[Model], plan: Plan) -> list[tuple[str, str]]:
    return [(term.code, term.label) for term in model.objects.filter(plan=plan)]


def lists_rows(plan: Plan) -> list[Row]:
    """Values the plan knows, so whoever fills in the workbook can copy them."""
    lists: list[tuple[str, list[tuple[str, str]]]] = [
        ("od", [(goal.code, goal.text) for goal in OperationalGoal.objects.filter(plan=plan)]),
        ("trekkende_minister", [(m.key, m.name) for m in Minister.objects.all()]),
        ("trekkende_entiteit", _terms(Organisation, plan)),
        ("vormen", _terms(ViolenceForm, plan)),
        ("doelgroepen", _terms(TargetGroup, plan)),
        ("partners", _terms(Partner, plan)),
        ("istanbul", [(str(a.number), a.title) for a in IstanbulArticle.objects.all()]),
        (
            "begunstigden",
            [(dutch_word(BENEFICIARY_WORDS, b.code), str(b)) for b in Beneficiary.objects.all()],
        ),
        ("beleidsdomein", _terms(PolicyDomain, plan)),
    ]
    return [[name, code, label] for name, values in lists for code, label in values]


# --- Writing -------------------------------------------------------------------------------


def write_xlsx(out: IO[bytes], tables: list[Table], *, plan: Plan | None = None) -> None:
    workbook = Workbook(write_only=True)
    for table in tables:
        write_sheet(workbook, table.spec.name, table.spec.headers, table.rows)
    help_headers = [_("sheet"), _("column"), _("English name"), _("required"), _("explanation")]
    write_sheet(workbook, HELP_SHEET, help_headers, help_rows())
    if plan is not None:
        lists_headers = [_("column"), _("code"), _("label")]
        write_sheet(workbook, LISTS_SHEET, lists_headers, lists_rows(plan))
    workbook.save(out)


def write_sheet(workbook: Workbook, title: str, headers: list[str], rows: Iterable[Row]) -> None:
    """One sheet of a write-only workbook: bold headers, then the rows (text escaped
    against formulas, dates and amounts as real values). Other apps' exports use it too."""
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    if isinstance(value, str):
        # openpyxl would store text starting with '=' as a formula: escape first.
        return escape_formula(ILLEGAL_CHARACTERS_RE.sub("", value)) or None
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, Decimal):
        # A real number where a float carries it exactly; else text, so nothing is lost.
        if Decimal(repr(float(value))) != value:
            return formatting.plain(value)
        cell = WriteOnlyCell(sheet, value=value)
        if value.as_tuple().exponent == -2:
            cell.number_format = AMOUNT_FORMAT
        return cell
    return value


def write_csv(out: IO[str], table: Table) -> None:
    """UTF-8 with BOM (so Excel detects the encoding), comma-separated.

    Text is escaped for Excel splitting it at ',' or at ';' (nl-BE): see ``escape_csv``.
    """
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=",", lineterminator="\r\n")
    writer.writerow(table.spec.headers)
    writer.writerows([_csv_value(value) for value in row] for row in table.rows)


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return escape_csv(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return formatting.plain(value)
    return str(value)


# --- Files, for the export command -------------------------------------------------------

# The actions CSV is FILE.csv; the other tables sit next to it with a Dutch suffix.
CSV_SUFFIXES = {"action": "", "indicator": "-indicatoren", "budget_line": "-budgetlijnen"}


def csv_paths(path: Path) -> dict[str, Path]:
    """plan.csv -> plan.csv, plan-indicatoren.csv and plan-budgetlijnen.csv, by kind."""
    return {
        kind: path.with_name(f"{path.stem}{suffix}.csv") for kind, suffix in CSV_SUFFIXES.items()
    }


def export_xlsx_file(plan: Plan, path: Path) -> None:
    with atomic_output(path) as out:
        write_xlsx(out, plan_tables(plan), plan=plan)


def export_csv_files(plan: Plan, path: Path) -> None:
    paths = csv_paths(path)
    for table in plan_tables(plan):
        with atomic_output(paths[table.spec.kind], "w", encoding="utf-8", newline="") as out:
            write_csv(out, table)
