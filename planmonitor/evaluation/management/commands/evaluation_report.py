"""Write a snapshot's interim or final evaluation report as DOCX or PDF."""

from __future__ import annotations

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from planmonitor.core.commands import Command as BaseCommand
from planmonitor.core.files import write_atomically
from planmonitor.evaluation.snapshots import rendering
from planmonitor.evaluation.snapshots.models import Snapshot


class Command(BaseCommand):
    help = "Write the evaluation report of a snapshot (interim or final) as DOCX or PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--snapshot", type=int, required=True, metavar="ID")
        parser.add_argument("--kind", choices=["interim", "final"], required=True)
        parser.add_argument("--format", choices=list(rendering.FORMATS), required=True)
        parser.add_argument("--output", required=True, metavar="FILE")
        parser.add_argument(
            "--language", choices=["nl", "en"], default="nl", help="Default: Dutch."
        )

    def handle(self, *args, **options) -> None:
        snapshot = Snapshot.objects.filter(pk=options["snapshot"]).first()
        if snapshot is None:
            raise CommandError(_("No snapshot with id %(id)s.") % {"id": options["snapshot"]})
        data = rendering.render(
            snapshot, kind=options["kind"], format=options["format"], language=options["language"]
        )
        write_atomically(options["output"], data)
        self.stdout.write(options["output"])
