"""The monitoring cycle's history is append-only too (see audit/0001)."""

from django.db import migrations

from planmonitor.core.db import append_only_trigger

TABLES = [
    "monitoring_historicalactionsheet",
    "monitoring_historicalcontribution",
    "monitoring_historicalevidence",
    "monitoring_historicalindicatorvalue",
    "monitoring_historicalmilestone",
    "monitoring_historicalprogressreport",
    "monitoring_historicalprogressreport_milestones_reached",
    "monitoring_historicalreportinground",
]


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]

    operations = [append_only_trigger(table) for table in TABLES]
