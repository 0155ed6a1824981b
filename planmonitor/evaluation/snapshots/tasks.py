"""The snapshots' background task (``manage.py db_worker`` runs it). The import path is
stable: the queue stores it."""

from __future__ import annotations

from django_tasks import task


@task()
def report_generate(*, job_id: int) -> None:
    """Generate a report job's file (``services.report_job_run``)."""
    from .models import ReportJob
    from .services import report_job_run

    report_job_run(job=ReportJob.objects.select_related("snapshot").get(pk=job_id))
