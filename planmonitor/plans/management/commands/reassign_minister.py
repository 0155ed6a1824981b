from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from planmonitor.accounts import services as account_services
from planmonitor.audit.history import as_command
from planmonitor.core.commands import Command as PlanmonitorCommand
from planmonitor.plans import services
from planmonitor.plans.models import Minister, Plan
from planmonitor.plans.people import selectors


class Command(PlanmonitorCommand):
    help = (
        "After a reshuffle: move every action and role of a plan that names one minister "
        "(as lead or co-minister) to another, in one transaction, with history."
    )

    def add_arguments(self, parser):
        parser.add_argument("from_minister", help="The key of the minister who leaves.")
        parser.add_argument("to_minister", help="The key of the minister who takes over.")
        parser.add_argument("--plan", help="The plan's short name (default: the only plan).")
        parser.add_argument("--dry-run", action="store_true", help="List what would move.")

    @as_command
    def handle(self, *args, from_minister, to_minister, plan=None, dry_run=False, **options):
        try:
            source = Minister.objects.get(key=from_minister)
            target = Minister.objects.get(key=to_minister)
            chosen = Plan.objects.get(short_name=plan) if plan else Plan.objects.get()
        except (Minister.DoesNotExist, Plan.DoesNotExist, Plan.MultipleObjectsReturned) as e:
            raise CommandError(str(e)) from e  # Django's own message names what is missing
        actions, memberships = selectors.reassign_candidates(plan=chosen, minister=source)
        for action in actions:
            self.stdout.write(f"  ~ {action}")
        for membership in memberships:
            self.stdout.write(f"  ~ {membership}")
        if dry_run:
            return
        with transaction.atomic():
            moved = services.actions_minister_reassign(
                plan=chosen,
                from_minister=source,
                to_minister=target,
                expected_versions={a.pk: a.version for a in actions},
            )
            roles = account_services.memberships_minister_replace(
                plan=chosen,
                from_minister=source,
                to_minister=target,
                expected={m.pk: account_services.membership_fingerprint(m) for m in memberships},
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("%(actions)d actions and %(roles)d roles now name %(minister)s.")
                % {"actions": len(moved), "roles": len(roles), "minister": target}
            )
        )
