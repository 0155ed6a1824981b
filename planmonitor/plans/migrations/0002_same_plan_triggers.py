"""Cross-table invariants as triggers: everything an action refers to is in its plan."""

from django.db import migrations

from planmonitor.core.db import PlanRef, same_plan_trigger

OWN_PLAN = PlanRef("plan_id")
ACTION = PlanRef("action_id", "plans_action")

CHECKS = [
    # (trigger name, table, left, right)
    ("plans_od_same_plan", "plans_operationalgoal", OWN_PLAN,
     PlanRef("strategic_goal_id", "plans_strategicgoal")),
    ("plans_action_od_same_plan", "plans_action", OWN_PLAN,
     PlanRef("operational_goal_id", "plans_operationalgoal")),
    ("plans_action_org_same_plan", "plans_action", OWN_PLAN,
     PlanRef("lead_organisation_id", "plans_organisation")),
    ("plans_action_form_same_plan", "plans_action_violence_forms", ACTION,
     PlanRef("violenceform_id", "plans_violenceform")),
    ("plans_action_group_same_plan", "plans_action_target_groups", ACTION,
     PlanRef("targetgroup_id", "plans_targetgroup")),
    ("plans_action_partner_same_plan", "plans_action_partners", ACTION,
     PlanRef("partner_id", "plans_partner")),
    ("plans_budget_domain_same_plan", "plans_budgetline", ACTION,
     PlanRef("policy_domain_id", "plans_policydomain")),
]


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [
        same_plan_trigger(name, table, left, right, f"{table}: referenced rows belong to another plan")
        for name, table, left, right in CHECKS
    ]
