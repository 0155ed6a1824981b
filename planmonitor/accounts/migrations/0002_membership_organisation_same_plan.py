"""A membership's organisation belongs to the membership's plan."""

from django.db import migrations

from planmonitor.core.db import PlanRef, same_plan_trigger


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("plans", "0001_initial")]

    operations = [
        same_plan_trigger(
            "accounts_membership_org_same_plan",
            "accounts_membership",
            PlanRef("plan_id"),
            PlanRef("organisation_id", "plans_organisation"),
            "accounts_membership: referenced rows belong to another plan",
        )
    ]
