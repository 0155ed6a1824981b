"""Write a consistent backup of the database while it is in use (planmonitor/audit/backup.py)."""

import json

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from planmonitor.audit import backup as backups
from planmonitor.core.commands import Command as BaseCommand


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise CommandError(
            _("--keep: %(value)r is not a whole number of 1 or more.") % {"value": value}
        )
    return int(value)


class Command(BaseCommand):
    # No system checks: a backup or a restore must run even while the project does not
    # pass them, and needs no URLconf (importing it costs seconds).
    requires_system_checks: list[str] = []
    help = (
        "Back up the database while it is in use: SQLite with its online backup API, "
        "PostgreSQL with pg_dump --format=custom. Writes a timestamped file (default "
        "PLANMONITOR_VAR_DIR/backups/), checks it and prints its size and row counts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            metavar="PATH",
            help="A file, or a directory (existing, or ending in /) for a timestamped file.",
        )
        parser.add_argument(
            "--keep",
            type=_positive,
            metavar="N",
            help="Then delete the oldest timestamped backups in that directory beyond N.",
        )
        parser.add_argument("--json", action="store_true", help="Print the summary as JSON.")

    def handle(self, *args, **options) -> None:
        try:
            summary = backups.backup(output=options["output"], keep=options["keep"])
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(summary.as_dict(), indent=2))
            return
        self.stdout.write(
            _("Backup written: %(file)s (%(size)s bytes, integrity check: %(integrity)s).")
            % {"file": summary.file, "size": summary.size, "integrity": summary.integrity}
        )
        write_counts(self, summary)
        for path in summary.removed:
            self.stdout.write(_("Removed old backup: %(file)s") % {"file": path})


def write_counts(command: BaseCommand, summary: backups.Summary) -> None:
    command.stdout.write(
        _("Rows (%(tables)s tables, %(rows)s rows in all):")
        % {"tables": len(summary.counts), "rows": sum(summary.counts.values())}
    )
    for table in backups.main_tables():
        if table in summary.counts:
            command.stdout.write(f"  {table}: {summary.counts[table]}")
