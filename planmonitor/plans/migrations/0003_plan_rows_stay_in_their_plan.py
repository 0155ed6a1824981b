"""A row that other rows of its plan refer to may not move to another plan."""

from django.db import migrations

from planmonitor.core.db import immutable_column_trigger

TABLES = [
    "plans_strategicgoal",
    "plans_operationalgoal",
    "plans_action",
    "plans_violenceform",
    "plans_targetgroup",
    "plans_policydomain",
    "plans_organisation",
    "plans_partner",
]


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_same_plan_triggers")]

    operations = [
        immutable_column_trigger(f"{table}_plan_fixed", table, "plan_id") for table in TABLES
    ]
