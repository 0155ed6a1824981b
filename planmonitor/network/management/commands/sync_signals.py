"""Run the signal sources and update the signal list (see network/signals/)."""

from __future__ import annotations

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from planmonitor.core.commands import Command as BaseCommand
from planmonitor.network.signals.services import sync_signals
from planmonitor.plans.models import Plan


class Command(BaseCommand):
    help = (
        "Run every signal source (data gaps, coverage holes, SMART weakness, delays) on a "
        "plan, or on every plan: new causes open signals, causes gone resolve theirs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", metavar="SHORT_NAME", help="The plan (default: every plan).")

    def handle(self, *args, **options) -> None:
        plans = Plan.objects.order_by("short_name")
        if options["plan"]:
            plans = plans.filter(short_name=options["plan"])
            if not plans.exists():
                raise CommandError(_("No plan named %(name)r.") % {"name": options["plan"]})
        for plan in plans:
            result = sync_signals(plan=plan)
            self.stdout.write(
                _("%(plan)s: %(created)d new, %(resolved)d resolved, %(reopened)d reopened")
                % {
                    "plan": plan.short_name,
                    "created": result.created,
                    "resolved": result.resolved,
                    "reopened": result.reopened,
                }
            )
