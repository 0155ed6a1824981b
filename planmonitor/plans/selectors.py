"""Reads of the plan, with the joins each page needs."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planmonitor.accounts import policy
from planmonitor.accounts.policy import actions_for

if TYPE_CHECKING:
    from planmonitor.accounts.policy import AnyUser

from . import search
from .models import (
    Action,
    ActionComment,
    BudgetLine,
    Indicator,
    Minister,
    OperationalGoal,
    Plan,
    PlanDecision,
    SearchEntry,
    StrategicGoal,
    TargetGroup,
    ViolenceForm,
)


def example_data_present() -> bool:
    return Action.objects.filter(is_example=True).exists()


def plan_get_default() -> Plan | None:
    """The plan to show when none is named: the only one, or the most recent."""
    return Plan.objects.order_by("-period_start", "pk").first()


def plan_for_nav_link(
    *, user: "AnyUser", rule: Callable[..., bool], plan_ids: set[int] | None
) -> Plan | None:
    """Where a nav link without a plan leads (the change log, the network pages): the
    default plan if ``rule`` lets the person in, else the most recent of ``plan_ids``
    (None: any plan, a superuser). One query, two when the default is refused."""
    default = plan_get_default()
    if default is not None and rule(user, default):
        return default
    plans = Plan.objects.order_by("-period_start", "pk")
    if plan_ids is not None:
        plans = plans.filter(pk__in=plan_ids)
    return plans.first()


@dataclass(frozen=True)
class PlanChoice:
    """Which plan a page without one in its URL shows, and the plans to switch between.

    ``plan`` is None when the visitor must choose (``choices``, the plans they may see).
    """

    plan: Plan | None
    choices: list[Plan]
    plan_count: int  # all plans, also those the visitor may not see


# The session key of the plan the visitor chose last (``/`` and the nav follow it).
LAST_PLAN = "plans:last_plan"


def plan_choose(*, user: "AnyUser", last: str | None = None) -> PlanChoice:
    """The plan for ``/``: one query.

    With one plan, that plan (its goals are shown to everyone, its actions by the policy).
    With more (a later plan, a revision), no guessing: the plan the visitor chose last
    (``last``, a short name), else the only one they may see, else a choice.
    """
    plans = list(Plan.objects.order_by("-period_start", "short_name"))
    if len(plans) <= 1:
        return PlanChoice(plan=plans[0] if plans else None, choices=plans, plan_count=len(plans))
    visible = [plan for plan in plans if policy.can_view_plan(user, plan)]
    chosen = [plan for plan in visible if plan.short_name == last]
    if not chosen and len(visible) == 1:
        chosen = visible
    return PlanChoice(plan=chosen[0] if chosen else None, choices=visible, plan_count=len(plans))


def plan_list_for_user(*, user: "AnyUser") -> list[Plan]:
    """The plans ``user`` may see, most recent first (for the plan switcher): one query."""
    plans = Plan.objects.order_by("-period_start", "short_name")
    return [plan for plan in plans if policy.can_view_plan(user, plan)]


def action_list_for_overview(
    *, plan: Plan, user: "AnyUser" = None, **filters: Any
) -> QuerySet[Action]:
    """The plan's actions ``user`` may see, filtered, with what the overview shows: three queries.

    ``filters``: ``_filtered_actions``'s. Empty filters are ignored, so a form's
    ``cleaned_data`` can be passed as it is. Ordered as the goal tree shows them (SD, OD,
    code), so a page of them is a piece of the tree.
    """
    actions = _filtered_actions(plan=plan, user=user, **filters)
    return (
        actions.select_related("lead_minister")
        .prefetch_related(
            Prefetch("violence_forms", queryset=ViolenceForm.objects.order_by("order", "code")),
            Prefetch("target_groups", queryset=TargetGroup.objects.order_by("order", "code")),
        )
        .order_by(*TREE_ORDER)
    )


# The goal tree's order (StrategicGoal's and OperationalGoal's Meta.ordering), then the code.
TREE_ORDER = (
    "operational_goal__strategic_goal__order",
    "operational_goal__strategic_goal__code",
    "operational_goal__order",
    "operational_goal__code",
    "code",
)


def _filtered_actions(
    *,
    plan: Plan,
    user: "AnyUser" = None,
    operational_goal: OperationalGoal | None = None,
    violence_form: ViolenceForm | None = None,
    target_group: TargetGroup | None = None,
    lead_minister: Minister | None = None,
    status: str = "",
) -> QuerySet[Action]:
    actions = Action.objects.filter(plan=plan).for_user(user)
    if operational_goal is not None:
        actions = actions.filter(operational_goal=operational_goal)
    if violence_form is not None:
        actions = actions.filter(violence_forms=violence_form)
    if target_group is not None:
        actions = actions.filter(target_groups=target_group)
    if lead_minister is not None:
        actions = actions.filter(lead_minister=lead_minister)
    if status:
        actions = actions.filter(status=status)
    return actions


@dataclass(frozen=True)
class Found:
    """A search result: the action, its rank and, if cheap to say, why it matched."""

    action: Action
    rank: float
    excerpt: search.Excerpt | None


@dataclass(frozen=True)
class Ranked:
    """A search result before its page is loaded: the action's id, its rank and the hit."""

    action_id: int
    code: str
    rank: float
    hit: search.Hit


def action_search_ranked(
    *, plan: Plan, user: "AnyUser", query: str, **filters: Any
) -> list[Ranked]:
    """The actions matching ``query`` (and the other filters), best first: two queries.

    The index query, then the filtered actions' ids (no rows to render: the page loads
    its own with ``action_search_page``). The internal index (sheet texts too) answers
    for the actions whose monitoring the person may read (the policy's
    ``actions_for(public=False)``); the public index for the others, such as a published
    plan's actions seen by the public: nobody finds an action by a text they may not read.
    """
    internal, public = SearchEntry.Scope.INTERNAL, SearchEntry.Scope.PUBLIC
    signed_in = getattr(user, "is_authenticated", False)
    hits = search.hits(plan=plan, query=query, scopes=[internal, public] if signed_in else [public])
    by_key = {(hit.action_id, hit.scope): hit for hit in hits}
    actions = _filtered_actions(plan=plan, user=user, **filters).filter(
        pk__in={hit.action_id for hit in hits}
    )
    if signed_in:
        works_on = actions_for(user, Action.objects.filter(pk=OuterRef("pk")), public=False)
        actions = actions.annotate(works_on=Exists(works_on))
    else:
        actions = actions.annotate(works_on=Value(False))
    ranked = []
    for pk, code, works in actions.values_list("pk", "code", "works_on"):
        hit = by_key.get((pk, internal if works else public))
        if hit is not None:  # None: it matched only in texts this person may not read
            ranked.append(Ranked(pk, code, hit.rank, hit))
    # The rank comes from the index query, not from a column: ordered here, ids only.
    return sorted(ranked, key=lambda r: (-r.rank, r.code))


def action_search_page(
    *, plan: Plan, user: "AnyUser", query: str, ranked: Iterable[Ranked]
) -> list[Found]:
    """One page of ``action_search_ranked``'s results with what the list shows: three queries."""
    ranked = list(ranked)
    actions = (
        action_list_for_overview(plan=plan, user=user)
        .filter(pk__in=[r.action_id for r in ranked])
        .select_related("operational_goal")  # a ranked list names each action's OD
    )
    by_pk = {action.pk: action for action in actions} if ranked else {}
    return [
        Found(by_pk[r.action_id], r.rank, search.excerpt(r.hit, query))
        for r in ranked
        if r.action_id in by_pk
    ]


@dataclass(frozen=True)
class OperationalGoalRow:
    goal: OperationalGoal
    actions: list[Action]  # those on the page
    count: int  # all its (matching) actions, on this page or others


@dataclass(frozen=True)
class StrategicGoalRow:
    goal: StrategicGoal
    operational_goals: list[OperationalGoalRow]

    @property
    def action_count(self) -> int:
        return sum(len(row.actions) for row in self.operational_goals)


def plan_goal_tree(
    *, plan: Plan, actions: Iterable[Action], counts: dict[int, int] | None = None
) -> list[StrategicGoalRow]:
    """The plan's SD → OD framework with the given actions under their OD: two queries.

    Every goal is listed, also those without (matching) actions; the page decides
    whether to show them. ``counts``: each OD's number of actions when ``actions`` is one
    page of them (``action_counts_by_goal``); without it, the actions given are all.
    """
    by_goal: defaultdict[int, list[Action]] = defaultdict(list)
    for action in actions:
        by_goal[action.operational_goal_id].append(action)
    strategic_goals = StrategicGoal.objects.filter(plan=plan).prefetch_related(
        Prefetch("operational_goals", queryset=OperationalGoal.objects.order_by("order", "code"))
    )
    return [
        StrategicGoalRow(
            goal=sd,
            operational_goals=[
                OperationalGoalRow(
                    goal=od,
                    actions=by_goal[od.pk],
                    count=len(by_goal[od.pk]) if counts is None else counts.get(od.pk, 0),
                )
                for od in sd.operational_goals.all()
            ],
        )
        for sd in strategic_goals
    ]


def action_counts_by_goal(actions: QuerySet[Action]) -> dict[int, int]:
    """Operational goal id → its number of ``actions``: one aggregate query."""
    grouped = actions.order_by().values("operational_goal").annotate(n=Count("pk"))
    return {row["operational_goal"]: row["n"] for row in grouped}


def action_get_for_user(*, user: "AnyUser", short_name: str, code: str) -> Action | None:
    """One action by plan and code, or None when it does not exist *or* is not visible.

    The caller answers 404 in both cases, so nobody learns what exists.
    """
    return (
        Action.objects.for_user(user)
        .filter(plan__short_name=short_name, code__iexact=code)
        .select_related(
            "plan",
            "operational_goal__strategic_goal",
            "lead_minister",
            "lead_organisation__policy_domain",
        )
        .prefetch_related(
            "co_ministers",
            Prefetch("violence_forms", queryset=ViolenceForm.objects.order_by("order", "code")),
            Prefetch("target_groups", queryset=TargetGroup.objects.order_by("order", "code")),
            "partners",
            "istanbul_articles",
            "beneficiaries",
            Prefetch("indicators", queryset=Indicator.objects.order_by("code")),
            Prefetch(
                "budget_lines",
                queryset=BudgetLine.objects.select_related("policy_domain").order_by("year"),
            ),
        )
        .first()
    )


def action_comments(*, action: Action) -> QuerySet[ActionComment]:
    """An action's comments, oldest first, with their authors.

    Internal working notes: only for whom ``policy.can_read_comments`` allows, so
    they are read apart from the action (never loaded for the public page).
    """
    return (
        ActionComment.objects.filter(action=action)
        .select_related("author")
        .order_by("created_at", "pk")
    )


def action_list_for_home(*, user: "AnyUser") -> QuerySet[Action]:
    """The actions on a person's home page ("Mijn acties").

    Action owners see the actions they lead; contributors those their minister
    is involved in; coordinators, network members and evaluators their plans'.
    The policy's scoped queryset already says exactly that.
    """
    return (
        actions_for(user, public=False)
        .select_related("plan", "operational_goal", "lead_minister")
        .prefetch_related(
            Prefetch("violence_forms", queryset=ViolenceForm.objects.order_by("order", "code"))
        )
        .order_by("plan__short_name", "code")
    )


# --- the plan page and its publication -------------------------------------------------------


def plan_decisions(*, plan: Plan) -> QuerySet[PlanDecision]:
    """The decisions the plan rests on, oldest first (everyone who may see the plan sees them)."""
    return PlanDecision.objects.filter(plan=plan).order_by("date", "kind", "pk")


def plan_for_page(*, short_name: str) -> Plan | None:
    return (
        Plan.objects.filter(short_name=short_name)
        .select_related("coordinating_minister", "coordinating_agency")
        .first()
    )


def publication_problems(*, plan: Plan) -> list[str]:
    """What keeps the plan from being published; empty when it is ready.

    Ready means: the plan is no longer a draft (approved, running or closed), a decision
    of the Flemish Government is recorded (what the public reads rests on it), and it has
    actions (the public site shows the plan through them), none of them example data.
    """
    problems = []
    if plan.status == Plan.Status.DRAFT:
        problems.append(_("The plan is still a draft: set its status to approved or running."))
    if not plan.decisions.filter(kind=PlanDecision.Kind.GOVERNMENT).exists():
        problems.append(_("No decision of the Flemish Government is recorded for the plan."))
    # One query answers both: are there actions, and is any of them example data?
    counts = plan.actions.aggregate(
        actions=Count("pk"), examples=Count("pk", filter=Q(is_example=True))
    )
    if not counts["actions"]:
        problems.append(_("The plan has no actions yet."))
    if counts["examples"]:
        problems.append(str(EXAMPLE_DATA_REFUSAL))
    return problems


# The demo's example set always holds example actions (its other example rows hang on
# them, and ``remove_demo`` takes them all away together): they are the exact sign.
EXAMPLE_DATA_REFUSAL = gettext_lazy(
    "The plan holds example data: remove it first (manage.py remove_demo). "
    "Example data is never published."
)


def plan_holds_example_data(*, plan: Plan) -> bool:
    return plan.actions.filter(is_example=True).exists()


@dataclass(frozen=True)
class PublicationPreview:
    """What the public site shows of the plan once it is published."""

    tree: list[StrategicGoalRow]
    action_count: int
    example_count: int
    indicator_count: int
    budget_line_count: int


def publication_preview(*, plan: Plan) -> PublicationPreview:
    """The plan's goals and all its actions (published means all of them): four queries."""
    actions = list(Action.objects.filter(plan=plan).order_by("code"))
    return PublicationPreview(
        tree=plan_goal_tree(plan=plan, actions=actions),
        action_count=len(actions),
        example_count=sum(action.is_example for action in actions),
        indicator_count=Indicator.objects.filter(action__plan=plan).count(),
        budget_line_count=BudgetLine.objects.filter(action__plan=plan).count(),
    )
