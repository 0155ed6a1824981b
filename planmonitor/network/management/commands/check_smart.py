"""Print the SMART verdicts of a plan's actions, weakest first (see network/smart.py)."""

from __future__ import annotations

import json

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from planmonitor.core.commands import Command as BaseCommand
from planmonitor.network.commands import add_plan_arguments, plan_from_option
from planmonitor.network.selectors import smart_verdicts
from planmonitor.network.smart import LETTERS


class Command(BaseCommand):
    help = (
        "Check every action of a plan letter by letter (Specific, Measurable, Acceptable, "
        "Realistic, Time-bound) and print each verdict with its reason, weakest first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_plan_arguments(parser)

    def handle(self, *args, **options) -> None:
        plan = plan_from_option(options["plan"])
        results = smart_verdicts(plan)
        if options["format"] == "json":
            self.stdout.write(
                json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2)
            )
            return
        yes, no = _("pass"), _("fail")
        for result in results:
            self.stdout.write(
                _("%(code)s %(title)s: %(passed)d of 5")
                % {
                    "code": result.action.code,
                    "title": result.action.title,
                    "passed": result.passed,
                }
            )
            for letter in LETTERS:
                verdict = result.letters[letter]
                self.stdout.write(f"  {letter} {yes if verdict.ok else no}: {verdict.reason}")
