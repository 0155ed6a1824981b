"""Sample data for the benchmark and the tests: generated workbooks, actions, snapshots.

Generated rows are built directly in the export format from the plan's own
goals, ministers and taxonomies, so any size can be produced without the DB.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..models import (
    Action,
    BudgetLine,
    Indicator,
    Minister,
    OperationalGoal,
    Partner,
    Plan,
    PolicyDomain,
    TargetGroup,
    ViolenceForm,
)
from .columns import ACTIONS, BUDGET_LINES, INDICATORS
from .exporting import Row, Table, m2m_codes, yes_no


@dataclass(frozen=True)
class Vocabulary:
    goals: list[str]
    ministers: list[str]
    forms: list[str]
    groups: list[str]
    partners: list[str]
    domains: list[str]

    @classmethod
    def of(cls, plan: Plan) -> Vocabulary:
        def codes(model: type) -> list[str]:
            return list(model.objects.filter(plan=plan).values_list("code", flat=True))

        return cls(
            goals=list(OperationalGoal.objects.filter(plan=plan).values_list("code", flat=True)),
            ministers=list(Minister.objects.values_list("key", flat=True)),
            forms=codes(ViolenceForm),
            groups=codes(TargetGroup),
            partners=codes(Partner),
            domains=codes(PolicyDomain),
        )


def generated_tables(
    plan: Plan, actions: int, *, indicators_per_action: int = 3, seed: int = 1
) -> list[Table]:
    words = Vocabulary.of(plan)
    return [
        Table(ACTIONS, list(_actions(words, actions, random.Random(seed)))),
        Table(INDICATORS, list(_indicators(actions, indicators_per_action, random.Random(seed)))),
        Table(BUDGET_LINES, list(_budget_lines(words, actions, random.Random(seed)))),
    ]


def _some(rng: random.Random, items: list[str], most: int) -> str:
    return ";".join(sorted(rng.sample(items, rng.randint(0, min(most, len(items))))))


def _actions(words: Vocabulary, count: int, rng: random.Random) -> Iterator[Row]:
    for number in range(1, count + 1):
        start = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 700))
        yield [
            f"A{number}",
            f"Actie {number}: sensibilisering rond gendergerelateerd geweld",
            f"Omschrijving van actie {number}. " * rng.randint(1, 4),
            rng.choice(words.goals),
            rng.choice(words.ministers),
            _some(rng, words.ministers, 2),
            None,
            _some(rng, words.forms, 3),
            _some(rng, words.groups, 2),
            _some(rng, words.partners, 2),
            yes_no(rng.random() < 0.3),
            start,
            start + dt.timedelta(days=rng.randint(30, 900)),
            yes_no(rng.random() < 0.5),
        ]


def _indicators(actions: int, per_action: int, rng: random.Random) -> Iterator[Row]:
    for number in range(1, actions + 1):
        for index in range(1, per_action + 1):
            quantitative = index % 3 != 0
            yield [
                f"A{number}",
                f"I{index}",
                f"Indicator {index} van actie {number}",
                "kwantitatief" if quantitative else "kwalitatief",
                "aantal" if quantitative else "",
                Decimal(rng.randint(0, 500)) if quantitative else "Nog geen aanbod",
                dt.date(2025, 1, 1),
                Decimal(rng.randint(500, 2000)) / 2 if quantitative else "Aanbod in elke provincie",
                dt.date(2029, 12, 31),
                "stijgen" if quantitative else "bereiken",
                "Jaarverslag",
                rng.choice(["jaarlijks", "halfjaarlijks", "eenmalig"]),
            ]


def _budget_lines(words: Vocabulary, actions: int, rng: random.Random) -> Iterator[Row]:
    if not words.domains:
        return
    for number in range(1, actions + 1):
        if rng.random() < 0.5:
            amount = Decimal(rng.randint(1_000_00, 500_000_00)) / 100
            yield [f"A{number}", 2026, amount, rng.choice(words.domains), ""]


def action_create(plan: Plan, code: str, **values: Any) -> Action:
    """An action with the fewest fields the model needs; ``values`` override them."""
    values.setdefault("title", f"Actie {code}")
    values.setdefault("operational_goal", OperationalGoal.objects.filter(plan=plan).first())
    values.setdefault("lead_minister", Minister.objects.order_by("key").first())
    return Action.objects.create(plan=plan, code=code, **values)


ACTION_FIELDS = (
    "code",
    "title",
    "description",
    "operational_goal__code",
    "lead_minister__key",
    "lead_organisation__code",
    "involves_local_governments",
    "start_date",
    "end_date",
    "has_budget_impact",
)
INDICATOR_FIELDS = ("action__code", *Indicator.CONTENT_FIELDS)


def plan_snapshot(plan: Plan) -> dict[str, Any]:
    """Everything the import manages, keyed by codes: equal snapshots mean the same plan."""
    sets = {
        name: m2m_codes(plan, name, code)
        for name, code in (
            ("co_ministers", "key"),
            ("violence_forms", "code"),
            ("target_groups", "code"),
            ("partners", "code"),
            ("istanbul_articles", "number"),
            ("beneficiaries", "code"),
        )
    }
    actions = {}
    for action in Action.objects.filter(plan=plan).values("pk", *ACTION_FIELDS):
        action_id = action.pop("pk")
        action.update({name: sorted(codes.get(action_id, [])) for name, codes in sets.items()})
        actions[action["code"]] = action
    indicators = {
        (row["action__code"], row["code"]): row
        for row in Indicator.objects.filter(action__plan=plan).values(*INDICATOR_FIELDS)
    }
    lines = {
        (row["action__code"], row["year"], row["policy_domain__code"]): row
        for row in BudgetLine.objects.filter(action__plan=plan).values(
            "action__code", "year", "policy_domain__code", "amount", "note"
        )
    }
    return {"actions": actions, "indicators": indicators, "budget_lines": lines}
