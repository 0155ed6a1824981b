import json
from pathlib import Path

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from planmonitor.core.commands import Command as BaseCommand
from planmonitor.plans.transfer.cli import (
    json_payload,
    plan_from_option,
    report_lines,
    terminal_progress,
)
from planmonitor.plans.transfer.importing import ImportFile, ImportSource, import_actions


class Command(BaseCommand):
    help = (
        "Import actions, indicators and budget lines into a plan. FILE is an XLSX workbook "
        "(sheets Acties, Indicatoren and optionally Budgetlijnen) or the actions CSV; the "
        "indicators and budget lines CSVs go with --indicators and --budget-lines (export_actions "
        "NAME.csv writes NAME.csv, NAME-indicatoren.csv and NAME-budgetlijnen.csv). Rows are "
        "matched by code and created or updated, never deleted; a missing sheet leaves its rows "
        "alone. The whole file is checked first: with any problem nothing is written (exit "
        "status 1), otherwise everything is written in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="An .xlsx workbook or the actions .csv.")
        parser.add_argument("--indicators", type=Path, help="Indicators .csv (replaces the sheet).")
        parser.add_argument(
            "--budget-lines", type=Path, help="Budget lines .csv (replaces the sheet)."
        )
        parser.add_argument(
            "--plan", help="Short name of the plan; optional when there is one plan."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only report what would change; write nothing."
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="text (default) or json: one JSON object with the whole report.",
        )

    def handle(self, *args, **options) -> None:
        plan = plan_from_option(options["plan"])
        source = ImportSource(
            main=_existing(options["file"]),
            indicators=_existing(options["indicators"]),
            budget_lines=_existing(options["budget_lines"]),
        )
        as_json = options["format"] == "json"
        dry_run = options["dry_run"]
        report = import_actions(
            plan=plan,
            source=source,
            commit=not dry_run,
            progress=terminal_progress(self.stdout),
        )
        if as_json:
            payload = json_payload(report, dry_run=dry_run)
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
        else:
            for line in report_lines(report, verbose=options["verbosity"] > 1):
                self.stdout.write(line)
        if not report.ok:
            message = ngettext(
                "Nothing imported: the file has %(count)s problem.",
                "Nothing imported: the file has %(count)s problems.",
                report.problem_count,
            ) % {"count": report.problem_count}
            raise CommandError(message, returncode=1)
        if not as_json:
            done = _("Dry run: nothing written.") if dry_run else _("Imported.")
            self.stdout.write(self.style.SUCCESS(done))


def _existing(path: Path | None) -> ImportFile | None:
    if path is None:
        return None
    if not path.is_file():
        raise CommandError(_("No such file: %(path)s") % {"path": path})
    return ImportFile(path=path, name=path.name)
