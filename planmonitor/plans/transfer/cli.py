"""What the import_actions and export_actions commands share: plan choice, progress, output."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any, TextIO, TypeVar

from django.core.management.base import CommandError, OutputWrapper
from django.utils.translation import gettext as _

from ..models import Plan
from .reading import Progress, no_progress
from .report import KIND_NAMES, Entry, ImportReport

T = TypeVar("T")


def plan_from_option(short_name: str | None) -> Plan:
    """The plan named by --plan; without it, the only plan there is."""
    if short_name:
        try:
            return Plan.objects.get(short_name=short_name)
        except Plan.DoesNotExist as error:
            raise CommandError(f"No plan with short name {short_name!r}.") from error
    plans = list(Plan.objects.order_by("short_name")[:2])
    if len(plans) == 1:
        return plans[0]
    if not plans:
        raise CommandError("There is no plan yet: run load_gbv_plan first.")
    names = ", ".join(Plan.objects.order_by("short_name").values_list("short_name", flat=True))
    raise CommandError(f"There are several plans; choose one with --plan ({names}).")


def terminal_progress(stdout: OutputWrapper, stderr: TextIO | None = None) -> Progress:
    """A progress line per sheet on a terminal; nothing in pipes, logs and tests."""
    stream = sys.stderr if stderr is None else stderr
    if not (stdout.isatty() and stream.isatty()):
        return no_progress

    def progress(rows: Iterable[T], *, desc: str, total: int | None) -> Iterable[T]:
        return _progress_line(rows, desc=desc, total=total, stream=stream)

    return progress


def _progress_line(
    rows: Iterable[T], *, desc: str, total: int | None, stream: TextIO
) -> Iterator[T]:
    """Yields the rows, redrawing "Sheet: 1200 rows" at most ten times a second."""
    drawn = 0.0
    try:
        for count, row in enumerate(rows, 1):
            now = time.monotonic()
            if now - drawn >= 0.1:
                drawn = now
                counted = f"{count}/{total}" if total else str(count)
                line = _("%(sheet)s: %(count)s rows") % {"sheet": desc, "count": counted}
                stream.write(f"\r{line}\033[K")
                stream.flush()
            yield row
    finally:
        # The line goes once the sheet is read: the report follows on a clean line.
        stream.write("\r\033[K")
        stream.flush()


def _entry_line(sign: str, entry: Entry) -> str:
    line = f"  {sign} {entry.key}"
    if entry.label:
        line += f"  {entry.label}"
    for change in entry.changes:
        line += f"\n      {change.column}: {change.old!r} -> {change.new!r}"
    return line


def report_lines(report: ImportReport, *, verbose: bool) -> list[str]:
    """The report as text: counts per kind, then creates/updates (and unchanged with -v 2)."""
    lines = []
    for kind, counts in report.left_unchanged():
        if counts is None:
            line = _("%(things)s: none in the file, all left unchanged")
        else:
            line = _("%(things)s: %(created)s new, %(updated)s changed, %(left)s left unchanged")
        lines.append(line % {"things": KIND_NAMES[kind], **(counts or {})})
    for sign, entries in (("+", report.created), ("~", report.updated)):
        lines.extend(_entry_line(sign, entry) for entry in entries)
    if verbose:
        lines.extend(_entry_line("=", entry) for entry in report.unchanged)
        lines.extend(_entry_line("?", entry) for entry in report.not_in_file)
    note, problem_label = _("note"), _("problem")  # outside f-strings, for makemessages
    for warning in report.warnings:
        lines.append(f"  {note}: {_located(warning.location(), warning.message)}")
    for problem in report.problems:
        lines.append(f"  {problem_label}: {_located(problem.location(), problem.message)}")
    if report.unlisted_problems:
        more = _("... and %(count)s more problems.") % {"count": report.unlisted_problems}
        lines.append(f"  {more}")
    return lines


def _located(location: str, message: str) -> str:
    return f"{location}: {message}" if location else message


def json_payload(report: ImportReport, *, dry_run: bool) -> dict[str, Any]:
    return {"dry_run": dry_run, **report.to_dict()}
