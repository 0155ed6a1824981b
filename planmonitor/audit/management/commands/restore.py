"""Restore a backup made by ``manage.py backup``, then verify the audit trail on the result."""

import json
import sys
from pathlib import Path

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from planmonitor.audit import backup as backups
from planmonitor.audit.management.commands.backup import write_counts
from planmonitor.core.commands import Command as BaseCommand


class Command(BaseCommand):
    # No system checks: a backup or a restore must run even while the project does not
    # pass them, and needs no URLconf (importing it costs seconds).
    requires_system_checks: list[str] = []
    help = (
        "Restore a backup made by manage.py backup into the configured database (or "
        "--into PATH, a scratch SQLite file for a drill, or --database-url URL), after checking "
        "the file, then print the row counts and verify the audit trail (exit status 1 if it "
        "fails). Overwriting a database needs --yes or a typed confirmation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="The backup file.")
        target = parser.add_mutually_exclusive_group()
        target.add_argument(
            "--into",
            metavar="PATH",
            help="Restore into this SQLite file instead of the configured database (a drill).",
        )
        target.add_argument(
            "--database-url",
            metavar="URL",
            help="Restore into this database instead of the configured one.",
        )
        parser.add_argument(
            "--yes", action="store_true", help="Overwrite the target database without asking."
        )
        parser.add_argument("--json", action="store_true", help="Print the summary as JSON.")

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        try:
            if options["into"]:
                target = backups.database_at(Path(options["into"]))
            elif options["database_url"]:
                target = backups.database_from_url(options["database_url"])
            else:
                target = backups.configured_database()
            backups.file_format(path)  # a missing or foreign file fails before any question
            if backups.target_exists(target) and not options["yes"]:
                self.confirm(target)
            summary = backups.restore(path, target)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        assert summary.audit is not None
        if options["json"]:
            self.stdout.write(json.dumps(summary.as_dict(), indent=2))
        else:
            self.stdout.write(
                _("Restored %(file)s into %(database)s (integrity check: %(integrity)s).")
                % {
                    "file": summary.file,
                    "database": summary.database,
                    "integrity": summary.integrity,
                }
            )
            write_counts(self, summary)
            if summary.audit["ok"]:
                self.stdout.write(
                    _("The audit trail is intact: %(rows)s rows, %(seals)s seals.")
                    % {"rows": summary.audit["rows"], "seals": summary.audit["seals"]}
                )
            else:
                self.stderr.write(
                    _(
                        "The audit trail of the restored database fails: %(count)s problems "
                        "(manage.py verify_audit lists them)."
                    )
                    % {"count": len(summary.audit["problems"])}
                )
        if not summary.audit["ok"]:
            sys.exit(1)

    def confirm(self, target: dict) -> None:
        refusal = _(
            "The database %(database)s would be overwritten: pass --yes to restore into it."
        ) % {"database": target["NAME"]}
        if not sys.stdin.isatty():
            raise CommandError(refusal)
        answer = input(
            _("Overwrite the database %(database)s? Type 'yes' to continue: ")
            % {"database": target["NAME"]}
        )
        if answer.strip().lower() not in {"yes", _("yes")}:
            raise CommandError(refusal)
