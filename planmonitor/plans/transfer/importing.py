"""Import of actions, indicators and budget lines: read, validate, compare, apply.

``import_actions`` always builds the full report first (the dry run). With
``commit=True`` it then writes everything in one transaction, and only when the
file has no problem at all. Rows are matched by code (action code per plan,
indicator code per action, case-insensitively); an import creates and updates,
it never deletes: rows missing from the file are reported as "not in file".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from planmonitor.audit.context import Channel, audit_context
from planmonitor.audit.events import record_event
from planmonitor.core import registry

from .. import search
from ..models import Plan
from .columns import ACTIONS, BUDGET_LINES, HELP_SHEET, INDICATORS, LISTS_SHEET
from .comparing import Comparison
from .lookups import PlanState
from .reading import FileRejected, Progress, Sheet, no_progress, read_file
from .report import KIND_NAMES, ImportReport, Kind, Problem

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportFile:
    path: Path
    name: str  # as the user named it: decides CSV or XLSX, and names the file in messages


@dataclass(frozen=True)
class ImportSource:
    main: ImportFile  # a workbook, or the actions CSV
    indicators: ImportFile | None = None
    budget_lines: ImportFile | None = None


class PlanChanged(Exception):
    """The plan changed between the dry run and the confirm: the user must look again."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__("the import would now write something else than its dry run showed")
        self.report = report


def import_actions(
    *,
    plan: Plan,
    source: ImportSource,
    commit: bool,
    expected_fingerprint: str | None = None,
    progress: Progress = no_progress,
) -> ImportReport:
    """Compare the file with the plan; with ``commit``, write it if it has no problem."""
    report = ImportReport(plan=plan.short_name)
    tables = _read_source(source, report, progress)
    if tables is None:
        return report
    # An indicator or budget line sheet without rows (the template's, untouched) says
    # nothing about them: as if it were not there, the plan's stay as they are.
    tables = {kind: t for kind, t in tables.items() if kind == "action" or t.rows}
    report.managed = tuple(
        kind for kind in ("action", "indicator", "budget_line") if kind in tables
    )
    if not commit:
        Comparison(_load_state(plan, report, lock=False), report).run(tables)
        return report
    try:
        with transaction.atomic():
            pending = Comparison(_load_state(plan, report, lock=True), report).run(tables)
            if not report.ok:
                return report
            if expected_fingerprint is not None and expected_fingerprint != report.fingerprint():
                raise PlanChanged(report)
            with audit_context(channel=Channel.IMPORT):  # keeps the request's user
                pending.apply()
                record_event(
                    kind="actions.import",
                    obj=plan,
                    plan=plan,
                    summary=_("%(created)d new, %(updated)d changed")
                    % {"created": len(report.created), "updated": len(report.updated)},
                )
                search.index_plan(plan)
                if plan.is_published:  # bulk writes send no signal: the public site's cache
                    for site in registry.registered(registry.PublicSite):
                        site.changed(plan)
    except DatabaseError as error:
        # Validation mirrors every constraint and trigger, so this is a bug or a race.
        logger.exception("import into plan %s failed", plan.short_name)
        report.add_problem(
            Problem(
                _("The database refused the import, so nothing was changed (%(error)s).")
                % {"error": error}
            )
        )
        return report
    report.applied = True
    return report


def _load_state(plan: Plan, report: ImportReport, *, lock: bool) -> PlanState:
    return PlanState.load(
        plan,
        indicators="indicator" in report.managed,
        budget_lines="budget_line" in report.managed,
        lock=lock,
    )


# --- Reading the files into sheets ---------------------------------------------------------


def _read_source(
    source: ImportSource, report: ImportReport, progress: Progress
) -> dict[Kind, Sheet] | None:
    """The sheets to import, by kind; None when the actions cannot be read at all."""
    main = _read(source.main, report, progress)
    if main is None:
        return None
    tables: dict[Kind, Sheet] = {}
    if len(main) == 1 and main[0].is_csv:
        tables["action"] = main[0]
    else:
        tables.update(_workbook_sheets(main, report))
    for kind, spec, extra in (
        ("indicator", INDICATORS, source.indicators),
        ("budget_line", BUDGET_LINES, source.budget_lines),
    ):
        if extra is None:
            continue
        sheets = _read(extra, report, progress)
        if sheets is None:
            continue
        sheet = next((s for s in sheets if s.is_csv or spec.matches(s.title)), sheets[0])
        if kind in tables:
            report.warn(
                Problem(
                    _('The file %(file)s replaces the sheet "%(sheet)s" of the workbook.')
                    % {"file": extra.name, "sheet": spec.name}
                )
            )
        tables[kind] = sheet
    for kind, spec, extra in (
        ("indicator", INDICATORS, source.indicators),
        ("budget_line", BUDGET_LINES, source.budget_lines),
    ):
        if kind not in tables and extra is None:
            report.warn(
                Problem(
                    _('No sheet "%(sheet)s": the plan\'s %(things)s are left as they are.')
                    % {"sheet": spec.name, "things": KIND_NAMES[kind]}
                )
            )
    for sheet in tables.values():
        for problem in sheet.problems:
            report.add_problem(problem)
        for warning in sheet.warnings:
            report.warn(warning)
    return tables if "action" in tables else None


def _read(file: ImportFile, report: ImportReport, progress: Progress) -> list[Sheet] | None:
    try:
        return read_file(file.path, file.name, progress=progress)
    except FileRejected as error:
        report.add_problem(Problem(error.message, sheet=file.name))
        report.refused[str(file.path)] = error.message
        return None


def _workbook_sheets(sheets: list[Sheet], report: ImportReport) -> dict[Kind, Sheet]:
    tables: dict[Kind, Sheet] = {}
    for sheet in sheets:
        spec = next(
            (spec for spec in (ACTIONS, INDICATORS, BUDGET_LINES) if spec.matches(sheet.title)),
            None,
        )
        if spec is not None and spec.kind not in tables:
            tables[spec.kind] = sheet
        elif sheet.title not in (HELP_SHEET, LISTS_SHEET):
            report.warn(
                Problem(
                    _('The sheet "%(sheet)s" is not known and is ignored.') % {"sheet": sheet.title}
                )
            )
    if "action" not in tables:
        report.add_problem(
            Problem(
                _('The sheet "%(sheet)s" is missing (the workbook has: %(found)s).')
                % {"sheet": ACTIONS.name, "found": ", ".join(s.title for s in sheets)}
            )
        )
    return tables
