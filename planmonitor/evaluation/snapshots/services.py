"""Writes of snapshots, their chart images, the coordinator's sections and report jobs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from planmonitor.accounts.models import User
from planmonitor.core.locking import locked_current
from planmonitor.plans.models import Plan

from . import charts, freeze
from .models import ReportJob, ReportJobStatus, Snapshot, SnapshotChart, SnapshotSection


@transaction.atomic
def snapshot_take(*, plan: Plan, name: str, as_of: dt.date | None = None) -> Snapshot:
    """Freeze the plan as it is now; ``as_of`` (default today) is the date the figures
    are judged on and the snapshot's label."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("A snapshot needs a name.")})
    if Snapshot.objects.filter(plan=plan, name=name).exists():
        raise ValidationError({"name": _("This plan already has a snapshot with this name.")})
    as_of = as_of or timezone.localdate()
    payload = freeze.build_payload(plan, as_of=as_of)
    return Snapshot.objects.create(
        plan=plan,
        name=name,
        as_of=as_of,
        taken_at=timezone.now(),
        payload=payload,
        sha256=freeze.payload_sha256(payload),
        is_example=payload["is_example"],
    )


def snapshot_charts(snapshot: Snapshot) -> dict[tuple[str, str], SnapshotChart]:
    """(action code, indicator code) -> the chart: drawn at the snapshot's first report and
    stored, read back ever after (a snapshot's charts are append-only, like it)."""
    stored = {(c.action_code, c.indicator_code): c for c in snapshot.charts.all()}
    if stored:
        return stored
    with transaction.atomic():
        rows = []
        for series in charts.quantitative_series(snapshot.payload):
            svg, png, alt = charts.draw(series)
            rows.append(
                SnapshotChart(
                    snapshot=snapshot,
                    action_code=series.action,
                    indicator_code=series.indicator["code"],
                    svg=svg,
                    png=png,
                    alt=alt,
                )
            )
        SnapshotChart.objects.bulk_create(rows, ignore_conflicts=True)
    return {(c.action_code, c.indicator_code): c for c in snapshot.charts.all()}


@transaction.atomic
def section_save(*, snapshot: Snapshot, key: str, text: str, version: int) -> SnapshotSection:
    """Write a section of the snapshot's reports; ``version`` 0 is a section not yet
    written (a second first write is a conflict)."""
    section = SnapshotSection.objects.filter(snapshot=snapshot, key=key).first()
    if section is None:
        if version != 0:
            raise ValidationError(_("The section was removed meanwhile."))
        section = SnapshotSection(snapshot=snapshot, key=key, text=text)
        section.full_clean()
        section.save()
        return section
    section = locked_current(SnapshotSection, section.pk, version)
    section.text = text
    section.version += 1
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def report_job_create(
    *, snapshot: Snapshot, kind: str, format: str, language: str, user: User | None
) -> ReportJob:
    job = ReportJob(
        snapshot=snapshot, kind=kind, format=format, language=language, requested_by=user
    )
    job.full_clean()
    job.save()
    return job


def _progress(job: ReportJob) -> Callable[[int], None]:
    def report(percent: int) -> None:
        ReportJob.objects.filter(pk=job.pk).update(progress=min(100, max(0, percent)))

    return report


def report_job_run(*, job: ReportJob) -> ReportJob:
    """Generate the job's file, recording its progress as it goes (outside one
    transaction: the progress page reads it meanwhile)."""
    from . import rendering

    ReportJob.objects.filter(pk=job.pk).update(status=ReportJobStatus.RUNNING, progress=5)
    try:
        data = rendering.render(
            job.snapshot,
            kind=job.kind,
            format=job.format,
            language=job.language,
            progress=_progress(job),
        )
    except Exception as error:  # a failed job says so on its page rather than spin forever
        ReportJob.objects.filter(pk=job.pk).update(
            status=ReportJobStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportJobStatus.DONE,
        progress=100,
        file=data,
        filename=rendering.filename(job.snapshot, kind=job.kind, format=job.format),
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job
