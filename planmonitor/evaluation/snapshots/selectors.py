"""Reads of snapshots: lists without their (large) payloads."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from planmonitor.plans.models import Plan

from .models import ReportJob, Snapshot


def snapshots(plan: Plan) -> QuerySet[Snapshot]:
    """The plan's snapshots, newest first, without their payloads: one query."""
    return Snapshot.objects.filter(plan=plan).defer("payload")


def snapshot_of(plan: Plan, pk: int) -> Snapshot:
    """The plan's snapshot ``pk`` (404 for another plan's)."""
    return get_object_or_404(Snapshot, plan=plan, pk=pk)


def report_jobs(snapshot: Snapshot) -> QuerySet[ReportJob]:
    return ReportJob.objects.filter(snapshot=snapshot).defer("file")


def report_job_of(plan: Plan, pk: int) -> ReportJob:
    return get_object_or_404(
        ReportJob.objects.select_related("snapshot").defer("file", "snapshot__payload"),
        snapshot__plan=plan,
        pk=pk,
    )
