"""The audit trail is append-only in the database itself.

Every historical table (and its many-to-many history) refuses UPDATE and DELETE
(and TRUNCATE on PostgreSQL), whatever the code path: UI, admin, API, a bug, a
stray script. A new audited model needs its own migration with
``append_only_trigger``; ``audit/tests/test_append_only.py`` fails until it has one.
"""

from django.db import migrations

from planmonitor.core.db import append_only_trigger

# Frozen here, not read from the models: a migration must mean the same thing forever.
TABLES = [
    "accounts_historicalmembership",
    "accounts_historicalmembership_ministers",
    "accounts_historicaluser",
    "plans_historicalaction",
    "plans_historicalaction_co_ministers",
    "plans_historicalaction_partners",
    "plans_historicalaction_target_groups",
    "plans_historicalaction_violence_forms",
    "plans_historicalactioncomment",
    "plans_historicalbudgetline",
    "plans_historicalindicator",
    "plans_historicalminister",
    "plans_historicaloperationalgoal",
    "plans_historicalorganisation",
    "plans_historicalpartner",
    "plans_historicalplan",
    "plans_historicalplandecision",
    "plans_historicalpolicydomain",
    "plans_historicalstrategicgoal",
    "plans_historicaltargetgroup",
    "plans_historicalviolenceform",
]


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_history"),
        ("plans", "0005_history"),
    ]

    operations = [append_only_trigger(table) for table in TABLES]
