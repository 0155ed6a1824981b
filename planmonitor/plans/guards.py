"""Action fields another app governs (``registry.ActionGuard``).

After a plan's version 1 (evaluation's revisions) an action's title, goal, ministers,
dates and discontinuation change only through an approved revision. plans does not
know that process: it asks the registry which fields are governed and refuses changes
to them in every write path (the edit form, ``action_update``, ``action_create``, the
import), with the guard's message and link.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.html import format_html
from django.utils.translation import gettext as _

from planmonitor.core import registry
from planmonitor.core.errors import TransitionRefused

from .models import Action, Plan


def rule_for(plan: Plan) -> registry.GuardRule | None:
    """The first guard that holds fields of ``plan``, or None: every field is free."""
    for guard in registry.registered(registry.ActionGuard):
        rule = guard.rule(plan)
        if rule is not None:
            return rule
    return None


def refused_fields(
    rule: registry.GuardRule | None, action: Action | None, values: Mapping[str, Any]
) -> list[str]:
    """The names in ``values`` that change a governed field of ``action`` (an existing one).

    ``values`` holds model values (objects for foreign keys, iterables for the sets);
    a status is governed only when it enters or leaves one of the rule's statuses.
    """
    if rule is None or action is None:
        return []
    refused = []
    for name, value in values.items():
        if name == "status" and rule.statuses:
            if value != action.status and (
                value in rule.statuses or action.status in rule.statuses
            ):
                refused.append(name)
            continue
        if name not in rule.fields:
            continue
        if _differs(action, name, value):
            refused.append(name)
    return refused


def _differs(action: Action, name: str, value: Any) -> bool:
    field = Action._meta.get_field(name)
    if field.many_to_many:
        old = {item.pk for item in getattr(action, name).all()}
        new = {getattr(item, "pk", item) for item in (value or ())}
        return old != new
    old = getattr(action, getattr(field, "attname", name))
    if field.is_relation:
        value = getattr(value, "pk", value)
    if isinstance(old, str) or isinstance(value, str):
        return (old or "").replace("\r\n", "\n").strip() != (value or "").replace(
            "\r\n", "\n"
        ).strip()
    return old != value


def refusal_html(rule: registry.GuardRule) -> str:
    """The guard's message with a link to where those changes are made."""
    if rule.url:
        return format_html(
            '{} <a href="{}">{}</a>', rule.message, rule.url, _("Go to the revisions")
        )
    return format_html("{}", rule.message)


class GovernedChange(TransitionRefused):
    """A governed field or a new action, outside the process that governs them."""


def check_update(plan: Plan, action: Action, values: Mapping[str, Any]) -> None:
    rule = rule_for(plan)
    if refused_fields(rule, action, values):
        assert rule is not None
        raise GovernedChange(str(rule.message))


def check_create(plan: Plan) -> None:
    rule = rule_for(plan)
    if rule is not None and rule.creates:
        raise GovernedChange(str(rule.message))


def governed_names(rule: registry.GuardRule | None, names: Iterable[str]) -> list[str]:
    return [name for name in names if rule is not None and name in rule.fields]
