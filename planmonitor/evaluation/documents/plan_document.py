"""The plan for the Flemish Parliament: the plan's content (``evaluation.content``) as a
``Document``, which ``render_docx`` and ``render_pdf`` print.

It reads only the plain data, never the live models, so a stored plan version prints
years later exactly as it was approved. The framework is given in the note's own words
(the plan's texts: forms of violence, strategic and operational goals), then every action
under its SD and OD. Ministers are public office holders: their names and portfolios are
printed; no user, contact person or author is.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from planmonitor.core import formatting
from planmonitor.plans.models import Action

from .blocks import Block, BulletList, Document, Heading, PageBreak, Paragraph, Table

EMPTY = "—"


@dataclass(frozen=True)
class VersionLabel:
    """Which plan version a document prints: its number and the date it took effect."""

    number: int
    effective_date: dt.date | None = None


def plan_document(
    content: Mapping[str, Any], *, language: str, version: VersionLabel | None = None
) -> Document:
    """The whole plan as a document in ``language`` ("nl" or "en")."""
    with translation.override(language):
        plan = content["plan"]
        document = Document(
            title=plan["title"],
            subtitle=_("Action plan for the Flemish Parliament"),
            title_lines=_title_lines(content, version),
            language=language,
            footer=_footer(plan, version),
        )
        document.add(*_framework(content))
        document.add(*_actions(content))
        return document


# --- Title page ----------------------------------------------------------------------


def _date(value: str | None) -> str:
    return formatting.date(dt.date.fromisoformat(value)) if value else EMPTY


def _period(start: str | None, end: str | None) -> str:
    if not start and not end:
        return EMPTY
    return f"{_date(start)} – {_date(end)}"


def _title_lines(content: Mapping[str, Any], version: VersionLabel | None) -> list[str]:
    plan = content["plan"]
    lines = [
        _("Plan period: %(period)s") % {"period": _period(plan["period_start"], plan["period_end"])}
    ]
    if version is not None:
        if version.effective_date:
            lines.append(
                _("Version %(number)s, effective %(date)s")
                % {"number": version.number, "date": formatting.date(version.effective_date)}
            )
        else:
            lines.append(_("Version %(number)s") % {"number": version.number})
    minister = plan.get("coordinating_minister")
    if minister:
        lines.append(_("Coordinating minister: %(minister)s") % {"minister": _minister(minister)})
    if plan.get("coordinating_agency"):
        lines.append(_("Coordinating agency: %(agency)s") % {"agency": plan["coordinating_agency"]})
    if any(action.get("is_example") for action in content["actions"]):
        lines.append(_("Contains example data"))
    return lines


def _footer(plan: Mapping[str, Any], version: VersionLabel | None) -> str:
    if version is None:
        return plan["title"]
    return _("%(plan)s – version %(number)s") % {"plan": plan["title"], "number": version.number}


# --- The note's framework -----------------------------------------------------------------


def _framework(content: Mapping[str, Any]) -> list[Block]:
    plan = content["plan"]
    blocks: list[Block] = [Heading(_("Framework"), level=1)]
    if plan.get("description"):
        blocks += [Paragraph(part.strip()) for part in plan["description"].split("\n\n")]
    if content["decisions"]:
        blocks += [
            Heading(_("Decisions"), level=2),
            Table(
                columns=(_("Date"), _("Decision"), _("Reference")),
                rows=tuple(
                    (
                        _date(decision["date"]),
                        " – ".join(filter(None, (decision["kind_label"], decision["description"]))),
                        decision["reference"] or EMPTY,
                    )
                    for decision in content["decisions"]
                ),
            ),
        ]
    if content["violence_forms"]:
        blocks += [
            Heading(_("Forms of violence"), level=2),
            BulletList(items=tuple(term["label"] for term in content["violence_forms"])),
        ]
    blocks.append(Heading(_("Strategic and operational goals"), level=2))
    for goal in content["strategic_goals"]:
        blocks.append(Heading(_sd_title(goal), level=3))
        if goal["operational_goals"]:
            ods = goal["operational_goals"]
            blocks.append(BulletList(items=tuple(_od_title(od) for od in ods)))
    return blocks


def _sd_title(goal: Mapping[str, Any]) -> str:
    return _("SD %(code)s: %(text)s") % {"code": goal["code"], "text": goal["text"]}


def _od_title(goal: Mapping[str, Any]) -> str:
    return _("OD %(code)s: %(text)s") % {"code": goal["code"], "text": goal["text"]}


# --- The actions, by SD and OD ----------------------------------------------------------


def _actions(content: Mapping[str, Any]) -> list[Block]:
    by_od: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for action in content["actions"]:
        by_od[(action["strategic_goal"], action["operational_goal"])].append(action)
    labels = {
        "target_groups": {term["code"]: term["label"] for term in content["target_groups"]},
        "violence_forms": {term["code"]: term["label"] for term in content["violence_forms"]},
    }
    blocks: list[Block] = []
    for goal in content["strategic_goals"]:
        blocks += [PageBreak(), Heading(_sd_title(goal), level=1)]
        for od in goal["operational_goals"]:
            blocks.append(Heading(_od_title(od), level=2))
            actions = by_od.get((goal["code"], od["code"]), [])
            if not actions:
                blocks.append(Paragraph(_("No actions under this goal."), style="note"))
            for action in actions:
                blocks += _action(action, labels)
    return blocks


def _minister(minister: Mapping[str, Any]) -> str:
    if minister.get("portfolio"):
        return f"{minister['name']} ({minister['portfolio']})"
    return minister["name"]


def _labels(codes: Sequence[str], labels: Mapping[str, str]) -> str:
    return ", ".join(labels.get(code, code) for code in codes) or EMPTY


def _status(code: str) -> str:
    try:
        return str(Action.Status(code).label)
    except ValueError:
        return code


def _action(action: Mapping[str, Any], labels: Mapping[str, Mapping[str, str]]) -> list[Block]:
    blocks: list[Block] = [Heading(f"{action['code']} {action['title']}", level=3)]
    if action.get("description"):
        blocks += [Paragraph(part.strip()) for part in action["description"].split("\n\n")]
    lead = action.get("lead_minister")
    co_ministers = [_minister(m) for m in action.get("co_ministers", [])]
    target_groups = _labels(action.get("target_groups", []), labels["target_groups"])
    violence_forms = _labels(action.get("violence_forms", []), labels["violence_forms"])
    facts = [
        (_("Lead minister"), _minister(lead) if lead else EMPTY),
        (_("Co-ministers"), "; ".join(co_ministers) or EMPTY),
        (_("Lead organisation"), action.get("lead_organisation") or EMPTY),
        (_("Target groups"), target_groups),
        (_("Forms of violence"), violence_forms),
        (_("Timing"), _period(action.get("start_date"), action.get("end_date"))),
        (_("Status"), _status(action["status"])),
    ]
    blocks.append(BulletList(items=tuple(f"{label}: {value}" for label, value in facts)))
    indicators = action.get("indicators", [])
    if indicators:
        blocks.append(
            Table(
                columns=(_("Indicator"), _("Baseline"), _("Target")),
                rows=tuple(
                    (
                        f"{indicator['code']} {indicator['name']}".strip(),
                        _measure(indicator, "baseline"),
                        _measure(indicator, "target"),
                    )
                    for indicator in indicators
                ),
                caption=_("Indicators of %(code)s") % {"code": action["code"]},
            )
        )
    return blocks


def _measure(indicator: Mapping[str, Any], which: str) -> str:
    """A baseline or target as printed: "1.250 contacts (31/12/2024)" or its description."""
    value, text, day = (indicator.get(f"{which}_{part}") for part in ("value", "text", "date"))
    parts = []
    if value not in (None, ""):
        unit = indicator.get("unit") or ""
        parts.append(f"{formatting.localized(value)} {unit}".strip())
    if text:
        parts.append(text)
    shown = " – ".join(parts) or EMPTY
    if day:
        shown += f" ({_date(day)})"
    return shown
