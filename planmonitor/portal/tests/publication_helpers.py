"""Shared by the publication tests: the hidden-items plan, a finished evaluation report."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from planmonitor.evaluation.models import ReportJob, Snapshot
from planmonitor.plans.models import Plan

NOT_PUBLISHERS = ["owner", "contributor", "network_member", "evaluator", "cabinet", "outsider"]


def finished_job(
    plan: Plan, *, status: str = "done", name: str = "Tussentijdse evaluatie", example=False
) -> ReportJob:
    snapshot = Snapshot.objects.create(
        is_example=example,
        plan=plan,
        name=name,
        as_of=dt.date(2027, 6, 30),
        taken_at=timezone.now(),
        payload={},
        sha256="2" * 64,
    )
    return ReportJob.objects.create(
        snapshot=snapshot,
        kind="interim",
        format="pdf",
        status=status,
        filename="evaluatie.pdf",
        file=b"%PDF-1.4 evaluatie" if status == "done" else None,
        finished_at=timezone.now() if status == "done" else None,
    )
