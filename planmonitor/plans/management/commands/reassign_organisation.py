from django.utils.translation import gettext as _

from planmonitor.plans import services
from planmonitor.plans.models import Organisation
from planmonitor.plans.people import selectors
from planmonitor.plans.people.commands import ReassignCommand


class Command(ReassignCommand):
    help = (
        "After an agency merger: move every action a plan's organisation leads and every "
        "role in it to another organisation of the plan, in one transaction, with history."
    )
    what = "organisation"

    def lookup(self, key, plan):
        return Organisation.objects.get(plan=plan, code__iexact=key)

    def candidates(self, plan, source):
        return selectors.organisation_candidates(plan=plan, organisation=source)

    def move(self, plan, source, target, actions, roles):
        move = services.organisation_reassign(
            plan=plan,
            from_organisation=source,
            to_organisation=target,
            expected_versions=actions,
            expected_memberships=roles,
        )
        return _("%(actions)d actions and %(roles)d roles now belong to %(organisation)s.") % {
            "actions": len(move.actions),
            "roles": len(move.memberships),
            "organisation": target,
        }
