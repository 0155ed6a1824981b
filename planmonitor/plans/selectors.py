"""Reads of the plan, with the joins each page needs."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from planmonitor.accounts.policy import actions_for

if TYPE_CHECKING:
    from planmonitor.accounts.policy import AnyUser

from .models import (
    Action,
    ActionComment,
    BudgetLine,
    Indicator,
    Minister,
    OperationalGoal,
    Plan,
    PlanDecision,
    StrategicGoal,
    TargetGroup,
    ViolenceForm,
)


def example_data_present() -> bool:
    return Action.objects.filter(is_example=True).exists()


def plan_get_default() -> Plan | None:
    """The plan to show when none is named: the only one, or the most recent."""
    return Plan.objects.order_by("-period_start", "pk").first()


def action_list_for_overview(
    *,
    plan: Plan,
    user: "AnyUser" = None,
    q: str = "",
    operational_goal: OperationalGoal | None = None,
    violence_form: ViolenceForm | None = None,
    target_group: TargetGroup | None = None,
    lead_minister: Minister | None = None,
    status: str = "",
) -> QuerySet[Action]:
    """The plan's actions ``user`` may see, filtered, with what the overview shows: three queries.

    Empty filters are ignored, so a form's ``cleaned_data`` can be passed as it is.
    """
    actions = Action.objects.filter(plan=plan).for_user(user)
    if q:
        actions = actions.filter(Q(code__icontains=q) | Q(title__icontains=q))
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
    return (
        actions.select_related("lead_minister")
        .prefetch_related(
            Prefetch("violence_forms", queryset=ViolenceForm.objects.order_by("order", "code")),
            Prefetch("target_groups", queryset=TargetGroup.objects.order_by("order", "code")),
        )
        .order_by("code")
    )


@dataclass(frozen=True)
class OperationalGoalRow:
    goal: OperationalGoal
    actions: list[Action]


@dataclass(frozen=True)
class StrategicGoalRow:
    goal: StrategicGoal
    operational_goals: list[OperationalGoalRow]

    @property
    def action_count(self) -> int:
        return sum(len(row.actions) for row in self.operational_goals)


def plan_goal_tree(*, plan: Plan, actions: Iterable[Action]) -> list[StrategicGoalRow]:
    """The plan's SD → OD framework with the given actions under their OD: two queries.

    Every goal is listed, also those without (matching) actions; the page decides
    whether to show them.
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
                OperationalGoalRow(goal=od, actions=by_goal[od.pk])
                for od in sd.operational_goals.all()
            ],
        )
        for sd in strategic_goals
    ]


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
            "lead_organisation",
        )
        .prefetch_related(
            "co_ministers",
            Prefetch("violence_forms", queryset=ViolenceForm.objects.order_by("order", "code")),
            Prefetch("target_groups", queryset=TargetGroup.objects.order_by("order", "code")),
            "partners",
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
    actions (the public site shows the plan through them).
    """
    problems = []
    if plan.status == Plan.Status.DRAFT:
        problems.append(_("The plan is still a draft: set its status to approved or running."))
    if not plan.decisions.filter(kind=PlanDecision.Kind.GOVERNMENT).exists():
        problems.append(_("No decision of the Flemish Government is recorded for the plan."))
    if not plan.actions.exists():
        problems.append(_("The plan has no actions yet."))
    return problems


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
