"""Compare two approved versions of an action sheet, field by field.

Works on the JSON snapshots in ``SheetVersion.content`` (see
``services.sheet_snapshot``), not on live rows: what was approved stays
comparable after the action changed. Keys a snapshot lacks (older snapshots)
count as empty. Values compare as read (``core.text.same``): a snapshot taken
with CRLF line endings holds the same text as one with LF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property

from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from planmonitor.core import formatting, text
from planmonitor.plans.models import FinanceAdvice, Indicator

TEXT_FIELDS: list[tuple[str, Promise]] = [
    ("title", _("Title")),
    ("content_goal", _("Content goal")),
    ("approach", _("Plan of approach")),
    ("risks", _("Risks")),
    ("contact_name", _("Contact person")),
    ("contact_email", _("Contact e-mail")),
]

MILESTONE_FIELDS = [
    ("name", _("Name")),
    ("planned_date", _("Planned date")),
    ("done_date", _("Date done")),
]
INDICATOR_FIELDS = [
    ("code", _("Code")),
    ("name", _("Name")),
    ("kind", _("Type")),
    ("unit", _("Unit")),
    ("baseline", _("Baseline")),
    ("target", _("Target")),
    ("direction", _("Desired direction")),
]
BUDGET_LINE_FIELDS = [
    ("year", _("Year")),
    ("policy_domain", _("Policy domain")),
    ("amount", _("Amount")),
    ("finance_advice_date", _("Inspectorate of Finance advice date")),
    ("finance_advice_outcome", _("Inspectorate of Finance advice")),
    ("budget_agreement_date", _("Budget minister's agreement date")),
]

_CHOICES = {
    "kind": dict(Indicator.Kind.choices),
    "direction": dict(Indicator.Direction.choices),
    "finance_advice_outcome": dict(FinanceAdvice.choices),
}
_DATES = {"planned_date", "done_date", "finance_advice_date", "budget_agreement_date"}


def _number_or_text(value) -> str:
    """A snapshot's baseline or target: a number (shown the Belgian way) or a description."""
    try:
        return formatting.belgian(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return str(value)


def display(name: str, value) -> str:
    """A snapshot value as the pages show it: dates dd/mm/yyyy, euros, choice labels."""
    if value in (None, ""):
        return ""
    if name in _DATES:
        try:
            return formatting.date(dt.date.fromisoformat(value))
        except (TypeError, ValueError):
            return str(value)
    if name == "amount":
        return formatting.euro(value)
    if name in ("baseline", "target"):
        return _number_or_text(value)
    if name in _CHOICES:
        return str(_CHOICES[name].get(value, value))
    return str(value)


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    before: str
    after: str

    @cached_property
    def diff(self) -> text.TextDiff | None:
        """What changed inside a long text (None for a short one)."""
        return text.text_diff(self.before, self.after)


@dataclass(frozen=True)
class ItemChange:
    """One milestone, indicator or budget line that was added, removed or changed."""

    kind: str  # "added", "removed", "changed"
    title: str
    fields: list[FieldChange]  # for "changed": only what differs; else every filled field


@dataclass(frozen=True)
class ListChanges:
    name: str
    label: str
    items: list[ItemChange]


@dataclass
class Comparison:
    fields: list[FieldChange] = field(default_factory=list)
    partners_added: list[str] = field(default_factory=list)
    partners_removed: list[str] = field(default_factory=list)
    lists: list[ListChanges] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(
            self.fields
            or self.partners_added
            or self.partners_removed
            or any(changes.items for changes in self.lists)
        )


def _text(snapshot: dict, name: str) -> str:
    value = snapshot.get(name)
    return "" if value is None else str(value)


def _keyed(items: list[dict], key) -> dict:
    """Items by key; a repeated key gets a counter, so no item hides another."""
    keyed: dict = {}
    for item in items:
        base = key(item)
        unique, n = base, 1
        while unique in keyed:
            n += 1
            unique = (base, n)
        keyed[unique] = item
    return keyed


def _item_fields(item: dict, fields) -> list[FieldChange]:
    return [
        FieldChange(name, capfirst(label), "", display(name, item.get(name)))
        for name, label in fields
        if item.get(name) not in (None, "")
    ]


def _compare_lists(name, label, before, after, key, title, fields) -> ListChanges:
    old, new = _keyed(before, key), _keyed(after, key)
    items = []
    for item_key, item in new.items():
        if item_key not in old:
            items.append(ItemChange("added", title(item), _item_fields(item, fields)))
            continue
        previous = old[item_key]
        changed = [
            FieldChange(
                field_name,
                capfirst(field_label),
                display(field_name, previous.get(field_name)),
                display(field_name, item.get(field_name)),
            )
            for field_name, field_label in fields
            if not text.same(previous.get(field_name), item.get(field_name))
        ]
        if changed:
            items.append(ItemChange("changed", title(item), changed))
    for item_key, item in old.items():
        if item_key not in new:
            removed = [
                FieldChange(f.name, f.label, f.after, "") for f in _item_fields(item, fields)
            ]
            items.append(ItemChange("removed", title(item), removed))
    return ListChanges(name, str(label), items)


def compare(before: dict | None, after: dict) -> Comparison:
    """What changed from ``before`` to ``after``; with no ``before`` everything is new."""
    before = before or {}
    comparison = Comparison()
    for name, label in TEXT_FIELDS:
        old, new = _text(before, name), _text(after, name)
        if not text.same(old, new):
            comparison.fields.append(FieldChange(name, capfirst(label), old, new))
    old_partners = set(before.get("partners") or [])
    new_partners = set(after.get("partners") or [])
    comparison.partners_added = sorted(new_partners - old_partners)
    comparison.partners_removed = sorted(old_partners - new_partners)
    comparison.lists = [
        _compare_lists(
            "milestones",
            _("Milestones"),
            before.get("milestones") or [],
            after.get("milestones") or [],
            key=lambda m: m.get("name", ""),
            title=lambda m: m.get("name", ""),
            fields=MILESTONE_FIELDS,
        ),
        _compare_lists(
            "indicators",
            _("Indicators"),
            before.get("indicators") or [],
            after.get("indicators") or [],
            key=lambda i: (i.get("code") or "").lower(),
            title=lambda i: f"{i.get('code', '')} {i.get('name', '')}".strip(),
            fields=INDICATOR_FIELDS,
        ),
        _compare_lists(
            "budget_lines",
            _("Budget lines"),
            before.get("budget_lines") or [],
            after.get("budget_lines") or [],
            key=lambda b: (b.get("year"), b.get("policy_domain")),
            title=lambda b: f"{b.get('year', '')} – {b.get('policy_domain', '')}",
            fields=BUDGET_LINE_FIELDS,
        ),
    ]
    return comparison
