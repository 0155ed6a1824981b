"""Import yearly context figures (CSV or XLSX) into a plan's context series."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from planmonitor.core.commands import Command as BaseCommand
from planmonitor.evaluation.impact import importing, services
from planmonitor.network.commands import plan_from_option


class Command(BaseCommand):
    help = (
        "Import yearly context figures (columns indicator, area, year, value, unit, note, "
        "source) into a plan's context series; by default the published figures shipped "
        "with planmonitor. Importing the same file again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--plan", metavar="SHORT_NAME", help="The plan (default: the most recent one)."
        )
        parser.add_argument(
            "file",
            nargs="?",
            type=Path,
            default=importing.DEFAULT_FILE,
            help="A CSV or XLSX file (default: the published figures).",
        )

    def handle(self, *args, **options) -> None:
        plan = plan_from_option(options["plan"])
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("No file %(path)s.") % {"path": path})
        try:
            rows = importing.read_context_file(path, path.name)
        except importing.FileRejected as error:
            lines = [str(error), *getattr(error, "problems", [])]
            raise CommandError("\n".join(lines)) from error
        result = services.context_import(plan=plan, rows=rows)
        self.stdout.write(
            _(
                "%(plan)s: %(series)d new series, %(created)d values added, %(updated)d "
                "changed, %(unchanged)d unchanged."
            )
            % {
                "plan": plan.short_name,
                "series": result.series_created,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
        )
