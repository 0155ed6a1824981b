"""The one permission policy: every access decision of the project lives here.

Two halves that must agree:

* predicates (``rules``) answer "may this user do X to this object?" for detail
  pages, forms, exports, the admin and later the API;
* scoped querysets (``actions_for``) answer "which objects may this user see?"
  for lists, so a list never shows what the detail page would refuse.

Roles are per plan (``Membership``); a person may hold several. Views never
decide access themselves: they call ``can_*`` here (or ``user.has_perm``).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import rules
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Membership, Role

if TYPE_CHECKING:
    from typing import Any, TypeGuard

    from django.contrib.auth.models import AnonymousUser

    from planmonitor.plans.models import Action, Plan

    from .models import User

    # Whom the rules are asked about: request.user, an account, or nobody (no request).
    AnyUser = User | AnonymousUser | None

WHOLE_PLAN_READERS = {Role.COORDINATOR, Role.NETWORK_MEMBER, Role.EVALUATOR}


# --- who the user is ---------------------------------------------------------


def _active(user: AnyUser) -> TypeGuard[User]:
    return bool(user is not None and user.is_authenticated and user.is_active)


def memberships(user: AnyUser) -> list[Membership]:
    """The user's roles in all plans, read once per user object (i.e. per request)."""
    if not _active(user):
        return []
    cached = getattr(user, "_planmonitor_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user).prefetch_related("ministers").order_by("pk")
        )
        user._planmonitor_memberships = cached
    return cached


def forget_memberships(user: User) -> None:
    """Drop the per-request cache after the user's roles changed."""
    # del, not __dict__.pop: on request.user (a lazy wrapper) __dict__ is the wrapper's.
    with contextlib.suppress(AttributeError):
        del user._planmonitor_memberships


def _plan_id(obj: Any) -> int | None:
    """The plan an object belongs to: a plan, or anything with ``plan_id`` / ``action``.

    None for objects outside any plan (ministers, user accounts): only
    superusers pass plan-scoped rules for those.
    """
    if obj is None:
        return None
    if obj._meta.label == "plans.Plan":
        return obj.pk
    if hasattr(obj, "plan_id"):
        return obj.plan_id
    action = _action_of(obj)
    return None if action is None else action.plan_id


def roles_in(user: AnyUser, obj: Any) -> set[str]:
    plan_id = _plan_id(obj)
    return {m.role for m in memberships(user) if m.plan_id == plan_id}


def _memberships_as(user: AnyUser, obj: Any, role: Role) -> list[Membership]:
    plan_id = _plan_id(obj)
    return [m for m in memberships(user) if m.plan_id == plan_id and m.role == role]


def _minister_ids(membership: Membership) -> set[int]:
    return {minister.pk for minister in membership.ministers.all()}


def _action_of(obj: Any) -> Action | None:
    """The action an object belongs to (itself, an indicator's action, ...), if any."""
    if obj is None:
        return None
    if obj._meta.label == "plans.Action":
        return obj
    if hasattr(obj, "report") and not hasattr(obj, "action"):
        obj = obj.report  # indicator values, evidence, contributions
    return getattr(obj, "action", None)


# --- predicates ----------------------------------------------------------------


@rules.predicate
def is_superuser(user: AnyUser) -> bool:
    return _active(user) and user.is_superuser


@rules.predicate
def is_coordinator(user: AnyUser, obj: Any) -> bool:
    """Coordinators may do everything in their plan."""
    return _active(user) and (user.is_superuser or Role.COORDINATOR in roles_in(user, obj))


@rules.predicate
def is_network_member(user: AnyUser, obj: Any) -> bool:
    return Role.NETWORK_MEMBER in roles_in(user, obj)


@rules.predicate
def is_evaluator(user: AnyUser, obj: Any) -> bool:
    return Role.EVALUATOR in roles_in(user, obj)


@rules.predicate
def is_plan_member(user: AnyUser, obj: Any) -> bool:
    return bool(roles_in(user, obj))


@rules.predicate
def reads_whole_plan(user: AnyUser, obj: Any) -> bool:
    return _active(user) and (user.is_superuser or bool(WHOLE_PLAN_READERS & roles_in(user, obj)))


@rules.predicate
def is_lead_of(user: AnyUser, obj: Any) -> bool:
    """An action owner who represents the action's lead minister or lead organisation."""
    action = _action_of(obj)
    if action is None:
        return False
    for membership in _memberships_as(user, action, Role.ACTION_OWNER):
        if action.lead_minister_id in _minister_ids(membership):
            return True
        if membership.organisation_id and membership.organisation_id == action.lead_organisation_id:
            return True
    return False


@rules.predicate
def is_contributor_to(user: AnyUser, obj: Any) -> bool:
    """A co-minister's staff member, for the actions that minister is involved in."""
    action = _action_of(obj)
    if action is None:
        return False
    contributor_of = set()
    for membership in _memberships_as(user, action, Role.CONTRIBUTOR):
        contributor_of |= _minister_ids(membership)
    if not contributor_of:
        return False
    return bool(contributor_of & {minister.pk for minister in action.co_ministers.all()})


@rules.predicate
def is_published(user: AnyUser, obj: Any) -> bool:
    """What the coordinator published is public, also without login."""
    if obj._meta.label == "plans.Plan":
        return obj.is_published
    action = _action_of(obj)
    if action is not None:
        return action.plan.is_published
    plan = getattr(obj, "plan", None)  # a goal, a term, a decision of the plan
    return plan is not None and plan.is_published


# --- the rules -------------------------------------------------------------------

can_view_plan = reads_whole_plan | is_plan_member | is_published
can_manage_plan = is_coordinator  # structure, taxonomies, imports, members
can_view_action = reads_whole_plan | is_lead_of | is_contributor_to | is_published
can_edit_action = is_coordinator | is_lead_of
can_comment_action = is_coordinator | is_lead_of | is_contributor_to | is_network_member
# Comments are internal working notes: for the plan's people who may see the action,
# never for the public (no ``is_published``), on no page, export or API.
# The comment form says who reads them: keep COMMENT_READERS_TEXT in step.
can_read_comments = reads_whole_plan | is_lead_of | is_contributor_to
COMMENT_READERS_TEXT = _(
    "Internal comment: only the coordinators, the learning network, the evaluators and "
    "the people working on this action (its owners and contributors) can read it. "
    "It is never made public."
)
can_export_plan = is_coordinator | is_evaluator
# The history rule: who may see who changed what. Not for the public, not for contributors.
# It comes on top of the object's own read rule: see can_read_history.
can_view_history = is_coordinator | is_evaluator | is_network_member | is_lead_of

# The monitoring cycle. Which transitions exist is monitoring/workflow.py's business.
can_view_monitoring = reads_whole_plan | is_lead_of | is_contributor_to  # not public
can_edit_monitoring = is_coordinator | is_lead_of  # sheets and reports: write, submit
can_review_monitoring = is_coordinator  # approve, return, accept, re-open
can_contribute = is_contributor_to
can_manage_rounds = is_coordinator
can_view_rounds = can_manage_rounds | reads_whole_plan  # follow-up of all reports in a round

# Who may read an object, per kind (model label). The history pages follow these rules,
# so an object's history is never readable by someone who may not read the object.
can_view_members = can_manage_plan  # the members pages (and roles) are for coordinators
READ_RULES: dict[str, rules.Predicate] = {
    "plans.Plan": can_view_plan,
    "plans.PlanDecision": can_view_plan,
    "plans.StrategicGoal": can_view_plan,
    "plans.OperationalGoal": can_view_plan,
    "plans.ViolenceForm": can_view_plan,
    "plans.TargetGroup": can_view_plan,
    "plans.PolicyDomain": can_view_plan,
    "plans.Organisation": can_view_plan,
    "plans.Partner": can_view_plan,
    "plans.Action": can_view_action,
    "plans.Indicator": can_view_action,
    "plans.BudgetLine": can_view_action,
    "plans.ActionComment": can_read_comments,
    # Ministers belong to no plan; they are named on every (public) action page.
    "plans.Minister": rules.always_allow,
    "accounts.Membership": can_view_members,
    # Accounts belong to no plan: the policy's rules are per plan, so superusers only.
    "accounts.User": is_superuser,
    "monitoring.ActionSheet": can_view_monitoring,
    "monitoring.Milestone": can_view_monitoring,
    "monitoring.ReportingRound": can_view_rounds,
    "monitoring.ProgressReport": can_view_monitoring,
    "monitoring.IndicatorValue": can_view_monitoring,
    "monitoring.Evidence": can_view_monitoring,
    "monitoring.Contribution": can_view_monitoring,
}


@rules.predicate
def can_read(user: AnyUser, obj: Any) -> bool:
    """Whether ``user`` may read ``obj``, by its kind's read rule; a kind without one: nobody."""
    rule = READ_RULES.get(obj._meta.label)
    return rule is not None and rule.test(user, obj)


# An object's history: for who may read the object and whom the history rule allows.
can_read_history = can_read & can_view_history

rules.add_perm("plans.view_plan", can_view_plan)
rules.add_perm("plans.manage_plan", can_manage_plan)
rules.add_perm("plans.view_action", can_view_action)
rules.add_perm("plans.change_action", can_edit_action)
rules.add_perm("plans.comment_action", can_comment_action)
rules.add_perm("plans.export_plan", can_export_plan)
rules.add_perm("audit.view_history", can_read_history)


def can_import_actions(user: AnyUser, plan: Plan) -> bool:
    return can_manage_plan(user, plan)


def can_export_actions(user: AnyUser, plan: Plan) -> bool:
    return can_export_plan(user, plan)


def can_manage_members(user: AnyUser, plan: Plan) -> bool:
    return can_manage_plan(user, plan)


def can_use_admin(user: AnyUser) -> bool:
    """The Django admin is a technical back office for superusers only.

    Only once they entered their two-step login code in this session (the
    middleware asks for it first; this holds even without the middleware).
    """
    return is_superuser(user) and passed_second_step(user)


# --- two-step login ---------------------------------------------------------------


def requires_two_factor(user: AnyUser) -> bool:
    """Who must use two-step login: administrators, and coordinators of any plan.

    A coordinator's account can publish a plan and import over it; an
    administrator's can do everything. For them a password alone is not enough.
    """
    if not _active(user):
        return False
    if user.is_superuser or user.is_staff:
        return True
    return any(m.role == Role.COORDINATOR for m in memberships(user))


def has_two_factor(user: AnyUser) -> bool:
    """The person set up two-step login (their own choice, or because they must)."""
    return _active(user) and user.two_factor_enabled_at is not None


def asks_second_step(user: AnyUser) -> bool:
    """After the password, must this person enter a code before any page works?"""
    return has_two_factor(user) or requires_two_factor(user)


def passed_second_step(user: AnyUser) -> bool:
    """This session entered a code from one of the person's devices (django-otp)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(_active(user) and is_verified is not None and is_verified())


def can_remove_two_factor(user: AnyUser) -> bool:
    """Turning it off is for those who chose it; who must have it can only replace it."""
    return has_two_factor(user) and not requires_two_factor(user)


def can_reset_two_factor(user: User | AnonymousUser, member: User, plan: Plan) -> bool:
    """A coordinator resets a member's two-step login, e.g. after a lost phone.

    Not their own (a lost phone of one's own goes to another coordinator), and not
    an administrator's, which only a superuser may touch.
    """
    if not can_manage_members(user, plan) or member.pk == user.pk:
        return False
    is_admin = member.is_superuser or member.is_staff
    return not is_admin or is_superuser(user)


# --- scoped querysets: lists show exactly what detail pages allow -----------------


def actions_for(
    user: AnyUser, queryset: QuerySet[Action] | None = None, *, public: bool = True
) -> QuerySet[Action]:
    """The actions ``user`` may see; mirrors ``can_view_action``.

    ``public=False`` leaves out what the user sees only because it is published:
    their own work, for a home page.
    """
    from planmonitor.plans.models import Action

    actions = Action.objects.all() if queryset is None else queryset
    if is_superuser(user):
        return actions
    visible = Q(plan__is_published=True) if public else Q(pk__in=[])
    for membership in memberships(user):
        in_plan = Q(plan_id=membership.plan_id)
        ministers = _minister_ids(membership)
        if membership.role in WHOLE_PLAN_READERS:
            visible |= in_plan
        elif membership.role == Role.ACTION_OWNER:
            lead = Q(lead_minister_id__in=ministers)
            if membership.organisation_id:
                lead |= Q(lead_organisation_id=membership.organisation_id)
            visible |= in_plan & lead
        elif membership.role == Role.CONTRIBUTOR and ministers:
            involved = Action.co_ministers.through.objects.filter(
                action_id=OuterRef("pk"), minister_id__in=ministers
            )
            visible |= in_plan & Exists(involved)  # type: ignore[assignment]  # a Q at run time; the stubs say Combinable
    return actions.filter(visible)


def actions_led_by(user: AnyUser, queryset: QuerySet[Action] | None = None) -> QuerySet[Action]:
    """The actions ``user`` may edit as an action owner (or all, for a coordinator)."""
    from planmonitor.plans.models import Action

    actions = Action.objects.all() if queryset is None else queryset
    if is_superuser(user):
        return actions
    editable = Q(pk__in=[])
    for membership in memberships(user):
        in_plan = Q(plan_id=membership.plan_id)
        if membership.role == Role.COORDINATOR:
            editable |= in_plan
        elif membership.role == Role.ACTION_OWNER:
            lead = Q(lead_minister_id__in=_minister_ids(membership))
            if membership.organisation_id:
                lead |= Q(lead_organisation_id=membership.organisation_id)
            editable |= in_plan & lead
    return actions.filter(editable)
