"""Rows as the API answers them: the public records (portal/public.py), and for who reads
a report in full the fields the web UI shows."""

from __future__ import annotations

from typing import Any

from planmonitor.core import formatting
from planmonitor.monitoring.models import IndicatorValue, ProgressReport
from planmonitor.plans.models import Plan
from planmonitor.portal import public


def plan_record(plan: Plan) -> dict[str, Any]:
    return {
        "short_name": plan.short_name,
        "title": plan.title,
        "title_en": plan.title_en,
        "description": plan.description,
        "period_start": plan.period_start.isoformat(),
        "period_end": plan.period_end.isoformat(),
        "status": plan.status,
        "is_published": plan.is_published,
        "coordinating_minister": (
            plan.coordinating_minister.name if plan.coordinating_minister else ""
        ),
        "coordinating_agency": plan.coordinating_agency.label if plan.coordinating_agency else "",
    }


def report_record(report: ProgressReport, *, full: bool, is_public: bool) -> dict[str, Any]:
    row = public.report_record(report)
    row["round_id"] = report.round_id
    row["public"] = is_public
    row["internal"] = None
    if full:
        row["internal"] = {
            "state": report.state,
            "version": report.version,
            "status_reason": report.status_reason,
            "done": report.done,
            "obstacles": report.obstacles,
            "next_steps": report.next_steps,
        }
    return row


def value_record(value: IndicatorValue, *, full: bool) -> dict[str, Any]:
    row = public.value_record(value)
    row["round_id"] = value.report.round_id
    if full:  # the action's people read the number as entered (as in the web UI)
        row.update(
            value=value.value,
            value_shown=formatting.plain(value.value) if value.value is not None else "",
            suppressed=False,
            text=value.text,
            remark=value.remark,
        )
    return row
