"""The plan as the importer needs it: every lookup preloaded into dicts.

A fixed number of queries, whatever the file's size, so 10,000 rows cost
10,000 dict look-ups instead of 10,000 queries.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from ..models import (
    Action,
    Beneficiary,
    BudgetLine,
    Indicator,
    IstanbulArticle,
    Minister,
    OperationalGoal,
    Organisation,
    Partner,
    Plan,
    PolicyDomain,
    TargetGroup,
    TaxonomyTerm,
    ViolenceForm,
)
from .columns import BENEFICIARY_WORDS
from .values import CellError, show

# The action's many-to-many fields the file sets: field name -> the target's lookup name.
ACTION_M2M = {
    "co_ministers": "ministers",
    "violence_forms": "violence_forms",
    "target_groups": "target_groups",
    "partners": "partners",
    "istanbul_articles": "istanbul_articles",
    "beneficiaries": "beneficiaries",
}


AMBIGUOUS = gettext_lazy('"%(value)s" matches more than one (%(codes)s); use the code.')


class TermIndex:
    """Terms found by code (unique) or by another spelling such as a label or a name.

    Case and spacing are ignored. A code wins over a label that reads the same; a
    spelling that several terms share is ambiguous and names the codes to use.
    """

    def __init__(
        self,
        terms: Iterable[Any],
        *,
        unknown: Promise,
        ambiguous: Promise = AMBIGUOUS,
        code: Callable[[Any], str] = attrgetter("code"),
        spellings: Callable[[Any], Iterable[str]] = lambda term: (term.label,),
    ) -> None:
        self.unknown = unknown
        self.ambiguous = ambiguous
        self.code_of: dict[int, str] = {}
        self.by_code: dict[str, int] = {}
        self.by_spelling: dict[str, set[int]] = defaultdict(set)
        for term in terms:
            self.code_of[term.pk] = code(term)
            self.by_code[normalise(code(term))] = term.pk
            for spelling in spellings(term):
                self.by_spelling[normalise(spelling)].add(term.pk)

    def find(self, value: Any) -> int:
        wanted = normalise(show(value))
        if wanted in self.by_code:
            return self.by_code[wanted]
        matches = self.by_spelling.get(wanted, set())
        if len(matches) == 1:
            return next(iter(matches))
        if not matches:
            raise CellError(str(self.unknown) % {"value": show(value)})
        raise CellError(str(self.ambiguous) % {"value": show(value), "codes": self.codes(matches)})

    def codes(self, ids: Iterable[int]) -> str:
        return ";".join(sorted(self.code_of[pk] for pk in ids))


def normalise(value: str) -> str:
    return re.sub(r"\s+", " ", value.strip().casefold())


def _terms(model: type[TaxonomyTerm], plan: Plan) -> list[Any]:
    return list(model.objects.filter(plan=plan).only("pk", "code", "label"))


@dataclass
class PlanState:
    plan: Plan
    goals: TermIndex
    ministers: TermIndex
    organisations: TermIndex
    violence_forms: TermIndex
    target_groups: TermIndex
    partners: TermIndex
    istanbul_articles: TermIndex
    beneficiaries: TermIndex
    policy_domains: TermIndex
    actions: dict[str, Action] = field(default_factory=dict)  # by casefolded code
    m2m: dict[str, dict[int, frozenset[int]]] = field(default_factory=dict)
    indicators: dict[tuple[int, str], Indicator] = field(default_factory=dict)
    budget_lines: dict[tuple[int, int, int], BudgetLine] = field(default_factory=dict)

    def index(self, m2m_field: str) -> TermIndex:
        return getattr(self, ACTION_M2M[m2m_field])

    @classmethod
    def load(cls, plan: Plan, *, indicators: bool, budget_lines: bool, lock: bool) -> PlanState:
        state = cls(
            plan=plan,
            goals=TermIndex(
                OperationalGoal.objects.filter(plan=plan),
                unknown=gettext_lazy('Unknown operational goal "%(value)s".'),
                # 'OD 1.2' as the plan writes it, 'OD1.2' as people type it.
                spellings=lambda goal: (f"od {goal.code}", f"od{goal.code}"),
            ),
            ministers=TermIndex(
                Minister.objects.all(),
                unknown=gettext_lazy('Unknown minister "%(value)s".'),
                ambiguous=gettext_lazy(
                    'Minister "%(value)s" is ambiguous (%(codes)s); use the key.'
                ),
                code=attrgetter("key"),
                spellings=lambda minister: (minister.name, minister.family_name),
            ),
            organisations=TermIndex(
                _terms(Organisation, plan),
                unknown=gettext_lazy('Unknown organisation "%(value)s".'),
            ),
            violence_forms=TermIndex(
                _terms(ViolenceForm, plan),
                unknown=gettext_lazy('Unknown violence form "%(value)s".'),
            ),
            target_groups=TermIndex(
                _terms(TargetGroup, plan), unknown=gettext_lazy('Unknown target group "%(value)s".')
            ),
            partners=TermIndex(
                _terms(Partner, plan), unknown=gettext_lazy('Unknown partner "%(value)s".')
            ),
            policy_domains=TermIndex(
                _terms(PolicyDomain, plan),
                unknown=gettext_lazy('Unknown policy domain "%(value)s".'),
            ),
            istanbul_articles=TermIndex(
                IstanbulArticle.objects.only("pk", "number"),
                unknown=gettext_lazy(
                    'Unknown Istanbul Convention article "%(value)s"; use the article number, '
                    "e.g. 12."
                ),
                code=lambda article: str(article.number),
                # "Art. 12" and "art 12" as people write it.
                spellings=lambda article: (f"art. {article.number}", f"art {article.number}"),
            ),
            beneficiaries=TermIndex(
                Beneficiary.objects.all(),
                unknown=gettext_lazy(
                    'Unknown beneficiary "%(value)s"; use algemene bevolking, slachtoffers, '
                    "plegers, omstaanders, professionals or organisaties."
                ),
                code=attrgetter("code"),
                spellings=lambda beneficiary: BENEFICIARY_WORDS[beneficiary.code],
            ),
        )
        actions = Action.objects.filter(plan=plan)
        if lock:  # PostgreSQL: nobody edits these rows until we commit (SQLite locks the file)
            actions = actions.select_for_update()
        state.actions = {action.code.casefold(): action for action in actions}
        for name in ACTION_M2M:
            state.m2m[name] = _m2m_sets(plan, name)
        if indicators:
            state.indicators = {
                (item.action_id, item.code.casefold()): item
                for item in Indicator.objects.filter(action__plan=plan)
            }
        if budget_lines:
            state.budget_lines = {
                (line.action_id, line.year, line.policy_domain_id): line
                for line in BudgetLine.objects.filter(action__plan=plan)
            }
        return state


def _m2m_sets(plan: Plan, field_name: str) -> dict[int, frozenset[int]]:
    relation = Action._meta.get_field(field_name)
    through: type[Model] = relation.remote_field.through
    target = relation.m2m_reverse_name()
    sets: dict[int, set[int]] = defaultdict(set)
    for action_id, target_id in through.objects.filter(action__plan=plan).values_list(
        "action_id", target
    ):
        sets[action_id].add(target_id)
    return {action_id: frozenset(ids) for action_id, ids in sets.items()}
