"""The learning network's tasks, run by the task worker (``manage.py db_worker``).

The import path is stable (``planmonitor.network.tasks.<name>``): the queue stores it.
"""

from __future__ import annotations

from django_tasks import task


@task()
def signals_sync(*, plan_id: int) -> None:
    """Run every signal source on one plan (``signals.services.sync_signals``)."""
    from planmonitor.plans.models import Plan

    from .signals.services import sync_signals

    sync_signals(plan=Plan.objects.get(pk=plan_id))
