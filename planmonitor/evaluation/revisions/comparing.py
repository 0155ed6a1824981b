"""What changed between two plan versions, from their stored content alone.

``compare(old, new, changes)`` reads two ``plan_content`` dicts and the approved
revision changes between them (for the reasons and the merge targets): the actions
added, changed (field by field, old -> new, with an in-field diff for long texts),
discontinued and merged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from planmonitor.core import formatting, text

from .models import ChangeKind, RevisionChange

# The fields compared, in the order shown (status is shown as discontinued or merged).
FIELDS = {
    "title": _("title"),
    "description": _("description"),
    "operational_goal": _("operational goal"),
    "lead_minister": _("lead minister"),
    "co_ministers": _("co-ministers"),
    "start_date": _("start"),
    "end_date": _("end"),
    "status": _("status"),
}
STOPPED = "stopped"


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: Any
    old: str
    new: str
    diff: text.TextDiff | None = None


@dataclass
class ActionChange:
    code: str
    title: str
    fields: list[FieldChange] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    merged_into: str = ""


@dataclass
class Comparison:
    added: list[ActionChange] = field(default_factory=list)
    changed: list[ActionChange] = field(default_factory=list)
    discontinued: list[ActionChange] = field(default_factory=list)
    merged: list[ActionChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.discontinued or self.merged)


def _minister(value: dict | None) -> str:
    return value["name"] if value else formatting.EMPTY


def _shown(name: str, action: dict[str, Any]) -> str:
    value = action.get(name)
    if name == "lead_minister":
        return _minister(value)
    if name == "co_ministers":
        return ", ".join(_minister(m) for m in value or []) or formatting.EMPTY
    if name == "operational_goal":
        return f"OD {value}" if value else formatting.EMPTY
    if name in ("start_date", "end_date"):
        return formatting.date(dt.date.fromisoformat(value)) if value else formatting.EMPTY
    if value in (None, ""):
        return formatting.EMPTY
    return str(value)


def _comparable(name: str, action: dict[str, Any]) -> Any:
    value = action.get(name)
    if name == "lead_minister":
        return value["key"] if value else None
    if name == "co_ministers":
        return sorted(m["key"] for m in value or [])
    return text.comparable(value)


def field_changes(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    rows = []
    for name, label in FIELDS.items():
        if name == "status" and new.get("status") == STOPPED:
            continue  # listed as discontinued or merged
        if _comparable(name, old) != _comparable(name, new):
            rows.append(
                FieldChange(
                    name,
                    label,
                    _shown(name, old),
                    _shown(name, new),
                    text.text_diff(old.get(name), new.get(name)),
                )
            )
    return rows


def _code_of(change: RevisionChange) -> str:
    if change.kind == ChangeKind.ADD:
        if change.created_action_id:
            return change.created_action.code  # type: ignore[union-attr]  # set with its id
        return change.values["code"]
    assert change.action is not None  # every other kind names its action
    return change.action.code


def compare(
    old: dict[str, Any], new: dict[str, Any], changes: Sequence[RevisionChange] = ()
) -> Comparison:
    reasons: dict[str, list[str]] = {}
    merge_targets: dict[str, str] = {}
    for change in changes:
        code = _code_of(change).casefold()
        reasons.setdefault(code, []).append(change.reason)
        if change.kind == ChangeKind.MERGE:
            assert change.merge_target is not None  # a merge names its target
            merge_targets[code] = change.merge_target.code
    before = {a["code"].casefold(): a for a in old["actions"]}
    result = Comparison()
    for action in new["actions"]:
        key = action["code"].casefold()
        entry = ActionChange(action["code"], action["title"], reasons=reasons.get(key, []))
        previous = before.get(key)
        if previous is None:
            result.added.append(entry)
            continue
        entry.fields = field_changes(previous, action)
        if action["status"] == STOPPED and previous["status"] != STOPPED:
            if key in merge_targets:
                entry.merged_into = merge_targets[key]
                result.merged.append(entry)
            else:
                result.discontinued.append(entry)
        elif entry.fields:
            result.changed.append(entry)
    return result
