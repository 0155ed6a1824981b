"""The plan's content as plain data: what a plan version freezes and a document prints.

``plan_content(plan)`` reads the live plan in a fixed number of queries and returns
JSON-ready data (strings, numbers as strings, ISO dates, lists, dicts), ordered as the
plan is read: strategic goal, operational goal, action code. A plan version stores it
(``revisions``), a snapshot embeds it (``snapshots``) and the plan document for
Parliament renders it (``documents``), so all three describe a plan the same way and a
stored version prints years later exactly as it was approved.

The shape (``CONTENT_FORMAT`` is bumped on an incompatible change)::

    {
      "format": 1,
      "plan": {"short_name", "title", "description", "period_start", "period_end",
               "status", "interim_evaluation_due", "final_evaluation_due",
               "coordinating_minister": MINISTER | None, "coordinating_agency": str},
      "decisions": [{"kind", "kind_label", "date", "reference", "description"}],
      "violence_forms": [{"code", "label"}],
      "target_groups": [{"code", "label"}],
      "strategic_goals": [{"code", "text",
                           "operational_goals": [{"code", "text"}]}],
      "actions": [ACTION],
    }
    MINISTER = {"key", "name", "family_name", "portfolio"}
    ACTION = {"code", "title", "description", "operational_goal" (OD code),
              "strategic_goal" (SD code), "lead_minister": MINISTER,
              "co_ministers": [MINISTER], "lead_organisation": str,
              "violence_forms": [code], "target_groups": [code], "partners": [label],
              "beneficiaries": [code], "istanbul_articles": [number],
              "involves_local_governments": bool, "start_date", "end_date",
              "has_budget_impact": bool, "status", "is_example": bool,
              "indicators": [INDICATOR]}
    INDICATOR = {"code", "name", "kind", "unit", "baseline_value", "baseline_text",
                 "baseline_date", "target_value", "target_text", "target_date",
                 "direction", "source", "frequency"}

Dates are ISO strings or None, decimals are strings (``"12.50"``) or None: the data
round-trips through a JSONField without losing precision. Minister names are those of
public office holders; no user, contact person or author appears here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from planmonitor.plans.models import (
    Action,
    Indicator,
    Minister,
    OperationalGoal,
    Plan,
    StrategicGoal,
    TargetGroup,
    ViolenceForm,
)

CONTENT_FORMAT = 1

# The action fields a revision governs (after version 1 they change only through one).
GOVERNED_FIELDS = (
    "title",
    "description",
    "operational_goal",
    "lead_minister",
    "co_ministers",
    "start_date",
    "end_date",
    "status",
)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def minister_data(minister: Minister | None) -> dict[str, str] | None:
    if minister is None:
        return None
    return {
        "key": minister.key,
        "name": minister.name,
        "family_name": minister.family_name,
        "portfolio": minister.portfolio,
    }


def indicator_data(indicator: Indicator) -> dict[str, Any]:
    return {name: _plain(getattr(indicator, name)) for name in Indicator.CONTENT_FIELDS}


def action_data(action: Action) -> dict[str, Any]:
    """One action as plain data; expects the prefetches of ``actions_for_content``."""
    goal = action.operational_goal
    return {
        "code": action.code,
        "title": action.title,
        "description": action.description,
        "operational_goal": goal.code,
        "strategic_goal": goal.strategic_goal.code,
        "lead_minister": minister_data(action.lead_minister),
        "co_ministers": [minister_data(m) for m in action.co_ministers.all()],
        "lead_organisation": action.lead_organisation.label if action.lead_organisation else "",
        "violence_forms": [term.code for term in action.violence_forms.all()],
        "target_groups": [term.code for term in action.target_groups.all()],
        "partners": [term.label for term in action.partners.all()],
        "beneficiaries": [term.code for term in action.beneficiaries.all()],
        "istanbul_articles": [article.number for article in action.istanbul_articles.all()],
        "involves_local_governments": action.involves_local_governments,
        "start_date": _plain(action.start_date),
        "end_date": _plain(action.end_date),
        "has_budget_impact": action.has_budget_impact,
        "status": action.status,
        # The plan document's title page warns when it prints example actions.
        "is_example": action.is_example,
        "indicators": [indicator_data(indicator) for indicator in action.indicators.all()],
    }


def actions_for_content(plan: Plan):
    """The plan's actions with everything ``action_data`` reads, in reading order."""
    return (
        Action.objects.filter(plan=plan)
        .select_related("operational_goal__strategic_goal", "lead_minister", "lead_organisation")
        .prefetch_related(
            Prefetch("co_ministers", queryset=Minister.objects.order_by("key")),
            Prefetch("violence_forms", queryset=ViolenceForm.objects.order_by("order", "code")),
            Prefetch("target_groups", queryset=TargetGroup.objects.order_by("order", "code")),
            "partners",
            "beneficiaries",
            "istanbul_articles",
            Prefetch("indicators", queryset=Indicator.objects.order_by("code")),
        )
        .order_by(
            "operational_goal__strategic_goal__order",
            "operational_goal__order",
            "operational_goal__code",
            "code",
        )
    )


def plan_content(plan: Plan) -> dict[str, Any]:
    """The whole plan as plain data (see the module's docstring for the shape)."""
    plan = (
        Plan.objects.select_related("coordinating_minister", "coordinating_agency")
        .prefetch_related("decisions")
        .get(pk=plan.pk)
    )
    goals = StrategicGoal.objects.filter(plan=plan).prefetch_related(
        Prefetch("operational_goals", queryset=OperationalGoal.objects.order_by("order", "code"))
    )
    return {
        "format": CONTENT_FORMAT,
        "plan": {
            "short_name": plan.short_name,
            "title": plan.title,
            "description": plan.description,
            "period_start": _plain(plan.period_start),
            "period_end": _plain(plan.period_end),
            "status": plan.status,
            "interim_evaluation_due": _plain(plan.interim_evaluation_due),
            "final_evaluation_due": _plain(plan.final_evaluation_due),
            "coordinating_minister": minister_data(plan.coordinating_minister),
            "coordinating_agency": (
                plan.coordinating_agency.label if plan.coordinating_agency else ""
            ),
        },
        "decisions": [
            {
                "kind": decision.kind,
                "kind_label": str(decision.get_kind_display()),
                "date": _plain(decision.date),
                "reference": decision.reference,
                "description": decision.description,
            }
            for decision in plan.decisions.all()
        ],
        "violence_forms": [
            {"code": term.code, "label": term.label}
            for term in ViolenceForm.objects.filter(plan=plan).order_by("order", "code")
        ],
        "target_groups": [
            {"code": term.code, "label": term.label}
            for term in TargetGroup.objects.filter(plan=plan).order_by("order", "code")
        ],
        "strategic_goals": [
            {
                "code": goal.code,
                "text": goal.text,
                "operational_goals": [
                    {"code": od.code, "text": od.text} for od in goal.operational_goals.all()
                ],
            }
            for goal in goals.order_by("order", "code")
        ],
        "actions": [action_data(action) for action in actions_for_content(plan)],
    }
