"""What a snapshot freezes: the plan and every computed figure the reports need, as JSON.

The payload is built once, when the snapshot is taken, from the live plan; the reports
read only the payload, never the live plan, so a report gives the same numbers years
later. It copies the state of that moment (it does not rebuild the past): ``as_of`` is
the date the dashboard's rules are judged on, which the coordinator may backdate as a
label.

The shape (``PAYLOAD_FORMAT`` is bumped on an incompatible change)::

    {"format": 1, "as_of": ISO, "taken_at": ISO, "is_example": bool,
     "content": evaluation.content.plan_content(plan),
     "dashboard": network.status.DashboardData as plain data (``dashboard_from_payload``),
     "indicator_values": [{"action", "indicator", "date" (round's period end), "value"
                           (decimal string or None), "level", "round"}],
     "indicator_breaks": [{"action", "indicator", "date", "fields": [defining field]}],
     "sheets": [{"action", "status", "version", "content_goal", "approach", "risks"}],
     "reports": [{"action", "round", "state", "implementation_status"}],  # every round
     "latest_reports": {action code: {"round", "state", "implementation_status",
                                      "status_reason", "done", "obstacles", "next_steps"}},
     "signals": [{"kind", "status", "title", "detail", "actions": [code]}],
     "overlaps": [{"a", "b", "score", "kind", "cross_minister", "classification", "note"}],
     "coverage_gaps": [{"matrix", "caption", "row", "column"}],
     "data_gaps": [{"rule", "title", "count", "items": [{"action", "reason"}]}],
     "decisions": [{"meeting", "date", "text", "status", "deadline", "done_on",
                    "actions": [code]}],
     "context_series": evaluation.impact.selectors.context_payload(plan),
     "versions": [{"number", "effective_date", "revision", "decision_reference",
                   "decision_date"}]}

No user or contact person appears in it (no owners, authors or contact names).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

# The content's own conversion: dates ISO, decimals as strings.
from planmonitor.evaluation.content import _plain, plan_content
from planmonitor.evaluation.impact.selectors import context_payload
from planmonitor.evaluation.revisions import selectors as revision_selectors
from planmonitor.monitoring import breaks, workflow
from planmonitor.monitoring.models import ActionSheet, IndicatorValue, ProgressReport
from planmonitor.network import coverage, gaps, selectors, status
from planmonitor.network.models import Decision, Signal
from planmonitor.network.overlap.reviews import analyse
from planmonitor.plans.models import Action, Indicator, Plan

PAYLOAD_FORMAT = 1

# --- the dashboard's rows, to JSON and back ------------------------------------------------

_ROWS = {
    "actions": status.ActionRow,
    "strategic_goals": status.Group,
    "operational_goals": status.Group,
    "ministers": status.Group,
    "violence_forms": status.Group,
    "target_groups": status.Group,
    "rounds": status.RoundRow,
    "reports": status.ReportRow,
    "indicators": status.IndicatorRow,
    "values": status.ValueRow,
    "milestones": status.MilestoneRow,
}
_DATES = {
    "end_date",
    "period_start",
    "period_end",
    "due_date",
    "submitted_on",
    "extended_due_date",
    "target_date",
    "planned_date",
    "done_date",
}
_DECIMALS = {"baseline", "target", "value"}


def _row_out(row: Any) -> dict[str, Any]:
    return {f.name: _plain(getattr(row, f.name)) for f in dataclasses.fields(row)}


def _row_in(cls: type, data: dict[str, Any]) -> Any:
    values = {}
    for name, value in data.items():
        if value is not None and name in _DATES:
            value = dt.date.fromisoformat(value)
        elif value is not None and name in _DECIMALS:
            value = Decimal(value)
        values[name] = value
    return cls(**values)


def dashboard_to_payload(data: status.DashboardData) -> dict[str, Any]:
    """The dashboard's rows as JSON data: the network's status rules, re-run on
    ``dashboard_from_payload`` of it, give exactly the dashboard's numbers."""
    return {
        "plan_end": data.plan_end.isoformat(),
        **{key: [_row_out(row) for row in getattr(data, key)] for key in _ROWS},
        # JSON object keys are strings; the sets are sorted so the hash is stable.
        "violence_forms_of": {str(k): sorted(v) for k, v in data.violence_forms_of.items()},
        "target_groups_of": {str(k): sorted(v) for k, v in data.target_groups_of.items()},
    }


def dashboard_from_payload(payload: dict[str, Any]) -> status.DashboardData:
    return status.DashboardData(
        plan_end=dt.date.fromisoformat(payload["plan_end"]),
        **{key: [_row_in(cls, row) for row in payload[key]] for key, cls in _ROWS.items()},
        violence_forms_of={int(k): set(v) for k, v in payload["violence_forms_of"].items()},
        target_groups_of={int(k): set(v) for k, v in payload["target_groups_of"].items()},
    )


# --- the rest of the plan's state -----------------------------------------------------------


def _indicator_values(plan: Plan) -> list[dict[str, Any]]:
    """Every value handed in (submitted or accepted reports), oldest round first."""
    rows = (
        IndicatorValue.objects.filter(
            report__action__plan=plan, report__state__in=workflow.REPORTED_STATES
        )
        .order_by("report__round__period_end", "report__action__code", "indicator__code", "pk")
        .values_list(
            "report__action__code",
            "indicator__code",
            "report__round__period_end",
            "value",
            "level",
            "report__round__name",
        )
    )
    return [
        {
            "action": action,
            "indicator": indicator,
            "date": end.isoformat(),
            "value": None if value is None else str(value),
            "level": level or "",
            "round": round_name,
        }
        for action, indicator, end, value, level, round_name in rows
    ]


def _indicator_breaks(plan: Plan) -> list[dict[str, Any]]:
    """Every changed definition or target (monitoring/breaks.py), so the report's charts and
    tables mark where a series stops comparing like with like."""
    codes = {
        pk: (action, code)
        for pk, action, code in Indicator.objects.filter(action__plan=plan).values_list(
            "pk", "action__code", "code"
        )
    }
    found = breaks.indicator_breaks(codes)
    return [
        {
            "action": codes[pk][0],
            "indicator": codes[pk][1],
            "date": found_break.date.isoformat(),
            "fields": list(found_break.fields),
        }
        for pk in sorted(found, key=codes.__getitem__)
        for found_break in found[pk]
    ]


def _sheets(plan: Plan) -> list[dict[str, Any]]:
    return [
        {
            "action": code,
            "status": sheet_status,
            "version": version,
            "content_goal": goal,
            "approach": approach,
            "risks": risks,
        }
        for code, sheet_status, version, goal, approach, risks in ActionSheet.objects.filter(
            action__plan=plan
        )
        .order_by("action__code")
        .values_list("action__code", "status", "version", "content_goal", "approach", "risks")
    ]


def _reports(plan: Plan) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """Every report's state per round, and the narrative of each action's latest one
    handed in (latest by the round's period)."""
    every = []
    latest: dict[str, dict[str, Any]] = {}
    rows = (
        ProgressReport.objects.filter(action__plan=plan)
        .order_by("action__code", "round__period_end", "round__pk")
        .values_list(
            "action__code",
            "round__name",
            "state",
            "implementation_status",
            "status_reason",
            "done",
            "obstacles",
            "next_steps",
        )
    )
    for code, round_name, state, implementation, reason, done, obstacles, next_steps in rows:
        every.append(
            {
                "action": code,
                "round": round_name,
                "state": state,
                "implementation_status": implementation,
            }
        )
        if state in workflow.REPORTED_STATES:
            latest[code] = {
                "round": round_name,
                "state": state,
                "implementation_status": implementation,
                "status_reason": reason,
                "done": done,
                "obstacles": obstacles,
                "next_steps": next_steps,
            }
    return every, latest


def _signals(plan: Plan) -> list[dict[str, Any]]:
    signals = (
        Signal.objects.filter(plan=plan)
        .prefetch_related(Prefetch("actions", queryset=Action.objects.only("code")))
        .order_by("created_at", "pk")
    )
    return [
        {
            "kind": s.kind,
            "status": s.status,
            "title": s.title,
            "detail": s.detail,
            "actions": sorted(a.code for a in s.actions.all()),
        }
        for s in signals
    ]


def _overlaps(plan: Plan) -> list[dict[str, Any]]:
    """The flagged pairs, dismissed ones included, with how the coordinator classified them
    (no classifier's name)."""
    result = []
    for row in analyse(plan, include_dismissed=True).pairs:
        review = row.review if row.classified else None
        result.append(
            {
                "a": row.pair.a.code,
                "b": row.pair.b.code,
                "score": round(row.pair.score, 3),
                "kind": row.pair.kind,
                "cross_minister": row.pair.cross_minister,
                "classification": review.classification if review else "",
                "note": review.note if review else "",
            }
        )
    return result


def _coverage_gaps(plan: Plan) -> list[dict[str, Any]]:
    """The empty cells of the coverage matrices."""
    result = []
    for matrix in coverage.matrices(selectors.coverage_data(plan)):
        for row in matrix.rows:
            for (_code, label), cell in zip(matrix.columns, row.cells, strict=True):
                if cell.state == "empty":
                    result.append(
                        {
                            "matrix": matrix.key,
                            "caption": str(matrix.caption),
                            "row": row.label,
                            "column": label,
                        }
                    )
    return result


def _data_gaps(plan: Plan, as_of: dt.date) -> list[dict[str, Any]]:
    return [
        {
            "rule": result.rule.key,
            "title": str(result.rule.title),
            "count": len(result.gaps),
            "items": [
                {"action": gap.action.code if gap.action else "", "reason": str(gap.reason)}
                for gap in result.gaps
            ],
        }
        for result in gaps.data_gaps(plan, as_of)
    ]


def _decisions(plan: Plan) -> list[dict[str, Any]]:
    decisions = (
        Decision.objects.filter(meeting__plan=plan)
        .select_related("meeting")
        .prefetch_related(Prefetch("actions", queryset=Action.objects.only("code")))
        .order_by("meeting__starts_at", "pk")
    )
    return [
        {
            "meeting": d.meeting.title,
            "date": timezone.localdate(d.meeting.starts_at).isoformat(),
            "text": d.text,
            "status": d.status,
            "deadline": _plain(d.deadline),
            "done_on": _plain(d.done_on),
            "actions": sorted(a.code for a in d.actions.all()),
        }
        for d in decisions
    ]


def build_payload(plan: Plan, *, as_of: dt.date) -> dict[str, Any]:
    """The plan's whole state now, with the dashboard's rules to be judged on ``as_of``."""
    reports, latest = _reports(plan)
    return {
        "format": PAYLOAD_FORMAT,
        "as_of": as_of.isoformat(),
        "taken_at": timezone.now().isoformat(),
        "is_example": Action.objects.filter(plan=plan, is_example=True).exists(),
        "content": plan_content(plan),
        "dashboard": dashboard_to_payload(selectors.dashboard_data(plan)),
        "indicator_values": _indicator_values(plan),
        "indicator_breaks": _indicator_breaks(plan),
        "sheets": _sheets(plan),
        "reports": reports,
        "latest_reports": latest,
        "signals": _signals(plan),
        "overlaps": _overlaps(plan),
        "coverage_gaps": _coverage_gaps(plan),
        "data_gaps": _data_gaps(plan, as_of),
        "decisions": _decisions(plan),
        "context_series": context_payload(plan),
        "versions": _versions(plan),
    }


def _versions(plan: Plan) -> list[dict[str, Any]]:
    """The plan's versions so far (their content stays in revisions: the snapshot has its own)."""
    return [
        {
            "number": version.number,
            "effective_date": version.effective_date.isoformat(),
            "revision": version.revision.name if version.revision else "",
            "decision_reference": version.decision_reference,
            "decision_date": version.decision_date.isoformat() if version.decision_date else None,
        }
        for version in revision_selectors.versions(plan)
    ]


def payload_sha256(payload: dict[str, Any]) -> str:
    """The hash of the payload's canonical JSON (sorted keys): proves it unchanged."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()
