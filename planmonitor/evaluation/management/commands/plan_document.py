"""Write the plan for Parliament (the live plan or one version) as DOCX or PDF."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from planmonitor.core.commands import Command as BaseCommand
from planmonitor.core.files import write_atomically
from planmonitor.evaluation.documents.formats import FORMATS, document_language
from planmonitor.evaluation.documents.sources import NoSuchVersion, plan_document_for
from planmonitor.network.commands import plan_from_option


class Command(BaseCommand):
    help = (
        "Write a plan (or one of its versions) as the formal document for the Flemish "
        "Parliament: title page, the note's framework, every action by SD and OD, a table of "
        "contents and page numbers. In the interface's language (settings.LANGUAGE_CODE)."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs) -> CommandParser:
        # ``--version N`` is the plan version (the interface), not Django's own
        # ``--version`` (which prints Django's): the later definition wins.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--plan", metavar="SHORT_NAME", help="The plan (default: the most recent one)."
        )
        parser.add_argument(
            "--version", type=int, metavar="N", help="A plan version (default: the live plan)."
        )
        parser.add_argument("--format", choices=sorted(FORMATS), required=True)
        parser.add_argument("--output", metavar="FILE", required=True, type=Path)

    def handle(self, *args, **options) -> None:
        plan = plan_from_option(options["plan"])
        try:
            document = plan_document_for(
                plan, options["version"], language=document_language(translation.get_language())
            )
        except NoSuchVersion as error:
            raise CommandError(str(error)) from error
        content = FORMATS[options["format"]].render(document)
        output: Path = options["output"]
        write_atomically(output, content)
        self.stdout.write(
            _("Wrote %(path)s (%(size)s bytes).") % {"path": output, "size": len(content)}
        )
