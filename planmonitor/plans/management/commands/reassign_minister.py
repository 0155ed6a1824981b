from django.db import transaction
from django.utils.translation import gettext as _

from planmonitor.accounts import services as account_services
from planmonitor.plans import services
from planmonitor.plans.models import Minister
from planmonitor.plans.people import selectors
from planmonitor.plans.people.commands import ReassignCommand


class Command(ReassignCommand):
    help = (
        "After a reshuffle: move every action and role of a plan that names one minister "
        "(as lead or co-minister) to another, in one transaction, with history."
    )
    what = "minister"

    def lookup(self, key, plan):
        return Minister.objects.get(key=key)

    def candidates(self, plan, source):
        return selectors.reassign_candidates(plan=plan, minister=source)

    def move(self, plan, source, target, actions, roles):
        with transaction.atomic():
            moved = services.actions_minister_reassign(
                plan=plan, from_minister=source, to_minister=target, expected_versions=actions
            )
            changed = account_services.memberships_minister_replace(
                plan=plan, from_minister=source, to_minister=target, expected=roles
            )
        return _("%(actions)d actions and %(roles)d roles now name %(minister)s.") % {
            "actions": len(moved),
            "roles": len(changed),
            "minister": target,
        }
