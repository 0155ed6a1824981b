from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from planmonitor.core.commands import Command as PlanmonitorCommand
from planmonitor.plans import search
from planmonitor.plans.models import Plan


class Command(PlanmonitorCommand):
    help = "Rebuild the search index of the actions (all plans, or one)."

    def add_arguments(self, parser):
        parser.add_argument("--plan", help="the plan's short name (default: every plan)")

    @transaction.atomic
    def handle(self, *args, plan=None, **options):
        chosen = None
        if plan:
            chosen = Plan.objects.filter(short_name=plan).first()
            if chosen is None:
                raise CommandError(_("No plan is called %(name)s.") % {"name": plan})
        count = search.rebuild(chosen)
        if options["verbosity"]:
            self.stdout.write(_("Search index rebuilt: %(count)d actions.") % {"count": count})
