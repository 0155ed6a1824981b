"""Check the audit trail's seal chain (history and change log): exit status 1 and a list when
it was tampered with."""

import json
import re
import sys

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from planmonitor.audit.verify import verify_audit
from planmonitor.core.commands import Command as BaseCommand

ANCHOR = re.compile(r"^(\d+):([0-9a-f]{64})$")


def _anchor(value: str) -> tuple[int, str]:
    match = ANCHOR.match(value.strip().lower())
    if not match:
        raise CommandError(
            _("--anchor: %(value)r is not SEAL_ID:CHAIN (64 hex digits).") % {"value": value}
        )
    return int(match[1]), match[2]


class Command(BaseCommand):
    help = (
        "Recompute the seal chain over every history row and change-log event and report each "
        "row changed, removed, inserted past the application or out of order (exit status 1), "
        "or a summary (exit status 0). Writers wait while it runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="SEAL_ID:CHAIN",
            help="A seal and chain printed by an earlier run and kept outside the database: "
            "check it is still there, unchanged (repeatable).",
        )

    def handle(self, *args, **options) -> None:
        anchors = dict(_anchor(value) for value in options["anchor"])
        result = verify_audit(anchors=anchors)
        if options["format"] == "json":
            self.stdout.write(json.dumps(result.as_dict(), indent=2))
        elif result.ok:
            self.stdout.write(
                _(
                    "The audit trail is intact: %(rows)s history rows and change-log events "
                    "in %(tables)s tables, %(seals)s seals."
                )
                % {"rows": result.rows, "tables": result.tables, "seals": result.seals}
            )
            if result.head_id is not None:
                self.stdout.write(
                    _("Last seal (keep it as an anchor): %(seal)s")
                    % {"seal": f"{result.head_id}:{result.head}"}
                )
        else:
            self.stderr.write(
                _("The audit trail was tampered with: %(count)s problems.")
                % {"count": len(result.problems)}
            )
            for problem in result.problems:
                self.stderr.write(f"  {problem}")
        if not result.ok:
            sys.exit(1)
