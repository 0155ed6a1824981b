"""Freeze a plan as of a date for the evaluation (see evaluation/snapshots/freeze.py)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from planmonitor.core.commands import Command as BaseCommand
from planmonitor.evaluation.snapshots.services import snapshot_take
from planmonitor.network.commands import plan_from_option


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(
            _("--as-of: %(text)r is not a date YYYY-MM-DD.") % {"text": text}
        ) from error


class Command(BaseCommand):
    help = "Take a snapshot of a plan (frozen for the evaluation reports) and print its id."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--plan", metavar="SHORT_NAME", help="The plan (default: the most recent one)."
        )
        parser.add_argument(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="The date the figures are judged on (default: today).",
        )
        parser.add_argument("--name", required=True, help="The snapshot's name.")

    def handle(self, *args, **options) -> None:
        plan = plan_from_option(options["plan"])
        as_of = _date(options["as_of"]) if options["as_of"] else None
        try:
            snapshot = snapshot_take(plan=plan, name=options["name"], as_of=as_of)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(str(snapshot.pk))
