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
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import rules
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from planmonitor.core import registry

from .models import Membership, Role, StandIn

if TYPE_CHECKING:
    from typing import Any, TypeGuard

    from django.contrib.auth.models import AnonymousUser

    from planmonitor.plans.models import Action, Plan

    from .models import User

    # Whom the rules are asked about: request.user, an account, or nobody (no request).
    AnyUser = User | AnonymousUser | None

# (plan id, "minister" or "organisation", its id): what an owner's role leads.
LeadKey = tuple[int, str, int | None]

WHOLE_PLAN_READERS = {Role.COORDINATOR, Role.NETWORK_MEMBER, Role.EVALUATOR}
# The roles a stand-in takes over while the person is on leave: work on actions, not
# the running of the plan (a coordinator's role is never lent).
LENT_ROLES = {Role.ACTION_OWNER, Role.CONTRIBUTOR}


# --- who the user is ---------------------------------------------------------


def _active(user: AnyUser) -> TypeGuard[User]:
    return bool(user is not None and user.is_authenticated and user.is_active)


def memberships(user: AnyUser) -> list[Membership]:
    """The user's roles in all plans, read once per user object (i.e. per request).

    With the owner's and contributor's roles of the people they stand in for today
    (``StandIn``), in that plan: the same query, so the stand-in's access ends by
    itself the day after the period.
    """
    if not _active(user):
        return []
    cached = getattr(user, "_planmonitor_memberships", None)
    if cached is None:
        standing_in = StandIn.objects.current().filter(
            stand_in=user, person=OuterRef("user"), plan=OuterRef("plan")
        )
        lent = Q(role__in=LENT_ROLES, user__is_active=True) & Q(Exists(standing_in))
        cached = list(
            Membership.objects.filter(Q(user=user) | lent)
            .prefetch_related("ministers")
            .order_by("pk")
        )
        user._planmonitor_memberships = cached
    return cached


def act_for_organisation(agent: Any, *, plan_id: int, organisation_id: int) -> None:
    """Let ``agent`` (an organisation's API token, see api/auth.py) hold one role: an action
    owner of that organisation in that plan. The same rules then read it as they read a
    person's role: it leads, reads and reports on the actions its organisation leads."""
    agent._planmonitor_memberships = [
        Membership(plan_id=plan_id, role=Role.ACTION_OWNER, organisation_id=organisation_id)
    ]


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
    if membership.pk is None:  # an organisation token's role (act_for_organisation): none
        return set()
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


# Roles that follow the whole plan without actions of their own.
FOLLOWING_ROLES = {Role.NETWORK_MEMBER, Role.EVALUATOR}


def home_lists_actions(user: AnyUser) -> bool:
    """Whether the person's home lists their actions ("My actions") or only what their
    job needs (network members and evaluators: "My work"). Someone without any role yet
    gets the list, with the word on how to get linked to actions."""
    if is_superuser(user):
        return True
    roles = {m.role for m in memberships(user)}
    return bool(roles - FOLLOWING_ROLES) or not roles


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


def leads(membership: Membership) -> set[LeadKey]:
    """What an action owner's role leads: the actions of these keys (see ``led_by``).

    The lead rule, as sets, so that many actions can be matched to many owners at once
    (``monitoring.rounds.selectors.match_owners``); ``is_lead_of`` asks the same sets.
    """
    if membership.role != Role.ACTION_OWNER:
        return set()
    keys: set[LeadKey] = {(membership.plan_id, "minister", pk) for pk in _minister_ids(membership)}
    if membership.organisation_id:
        keys.add((membership.plan_id, "organisation", membership.organisation_id))
    return keys


def led_by(action: Action) -> list[LeadKey]:
    """The keys an owner's role must hold to lead ``action``: its lead minister, organisation."""
    keys: list[LeadKey] = [(action.plan_id, "minister", action.lead_minister_id)]
    if action.lead_organisation_id:
        keys.append((action.plan_id, "organisation", action.lead_organisation_id))
    return keys


@rules.predicate
def is_lead_of(user: AnyUser, obj: Any) -> bool:
    """An action owner who represents the action's lead minister or lead organisation."""
    action = _action_of(obj)
    if action is None:
        return False
    wanted = set(led_by(action))
    return any(leads(m) & wanted for m in _memberships_as(user, action, Role.ACTION_OWNER))


def _serves_co_minister(user: AnyUser, action: Action, role: Role) -> tuple[set[int], bool]:
    """The ministers the user's ``role`` names, and whether one is a co-minister of ``action``."""
    ministers: set[int] = set()
    for membership in _memberships_as(user, action, role):
        ministers |= _minister_ids(membership)
    involved = bool(ministers) and bool(ministers & {m.pk for m in action.co_ministers.all()})
    return ministers, involved


@rules.predicate
def is_contributor_to(user: AnyUser, obj: Any) -> bool:
    """A co-minister's staff member, for the actions that minister is involved in."""
    action = _action_of(obj)
    return action is not None and _serves_co_minister(user, action, Role.CONTRIBUTOR)[1]


@rules.predicate
def is_cabinet_of(user: AnyUser, obj: Any) -> bool:
    """A minister's cabinet, for the actions its ministers lead or are involved in (read-only)."""
    action = _action_of(obj)
    if action is None:
        return False
    ministers, involved = _serves_co_minister(user, action, Role.CABINET)
    return involved or action.lead_minister_id in ministers


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
# The plan's own data, its decisions and whether it is public: the coordinator's.
can_edit_plan = can_manage_plan
can_publish_plan = can_manage_plan
# An action's place in the approved plan (code, lead minister, operational goal) and new
# actions: the coordinator's decision, not the owner's (services.action_update checks it).
can_restructure_action = can_manage_plan
can_create_action = can_manage_plan
can_view_action = reads_whole_plan | is_lead_of | is_contributor_to | is_cabinet_of | is_published
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
can_view_monitoring = (
    reads_whole_plan | is_lead_of | is_contributor_to | is_cabinet_of
)  # not public; a cabinet reads, never writes
can_edit_monitoring = is_coordinator | is_lead_of  # sheets and reports: write, submit
can_review_monitoring = is_coordinator  # approve, return, accept, re-open
can_contribute = is_contributor_to
can_manage_rounds = is_coordinator
can_view_rounds = can_manage_rounds | reads_whole_plan  # follow-up of all reports in a round
# The rounds' due dates on the plan's calendar: for the plan's people, not the public.
can_see_round_dates = can_view_rounds | is_plan_member

# Who may read an object, per kind (model label). The history pages follow these rules,
# so an object's history is never readable by someone who may not read the object.
can_view_members = can_manage_plan  # the members pages (and roles) are for coordinators
# The plan-wide change log (who did what, when): for the coordinators and the evaluators.
can_view_change_log = is_coordinator | is_evaluator
CHANGE_LOG_ROLES = {Role.COORDINATOR, Role.EVALUATOR}


def plan_ids_with_roles(user: AnyUser, roles: set[Role]) -> set[int] | None:
    """The plans in which ``user`` holds one of ``roles``, from the roles read once per
    request (no query when they were read already); None: every plan (a superuser)."""
    if not _active(user):
        return set()
    if user.is_superuser:
        return None
    return {m.plan_id for m in memberships(user) if m.role in roles}


def change_log_plan_ids(user: AnyUser) -> set[int] | None:
    """The plans whose change log ``user`` may read; None: every plan (a superuser)."""
    return plan_ids_with_roles(user, CHANGE_LOG_ROLES)


# The learning network's analyses (SMART quality, ...): for the people who follow the
# whole plan (coordinators, network members, evaluators), not for owners or the public.
can_view_network = reads_whole_plan
NETWORK_ROLES = WHOLE_PLAN_READERS
# An action's SMART verdicts on its page: for the plan's people, so weak actions are
# fixed before they are approved; not for the public.
can_see_smart = reads_whole_plan | is_plan_member
# Signals and meetings of the network: the coordinators and the network members manage
# them; evaluators read (can_view_network). An action's open signals on its page: the
# whole-plan readers and its lead owner (who is to act on them), not the cabinets.
can_manage_signals = is_coordinator | is_network_member
can_see_action_signals = reads_whole_plan | is_lead_of
# Meetings: the same people as signals; an action's open decisions on its page: as its signals.
can_manage_meetings = can_manage_signals
can_see_action_decisions = can_see_action_signals
# The overlap detector's thesaurus (one for every plan): the coordinators extend it; the
# network's other readers see it.
can_edit_thesaurus = is_coordinator

# --- evaluation (plan versions, revisions, snapshots, reports, context series) ---
# Revisions of the plan: the coordinator opens, approves (by recording the government's
# decision) and withdraws them; the coordinator and an action's lead owner propose
# changes to it (owners: to their own actions, and new actions they will lead). The
# plan's people read the revisions, versions and comparisons; the public reads the
# versions of a published plan.
can_manage_revisions = is_coordinator
can_propose_revision_change = is_coordinator | is_lead_of
can_view_revisions = reads_whole_plan | is_plan_member
can_view_versions = can_view_plan
# Snapshots and evaluation reports: the whole-plan readers read them; the coordinator and
# the evaluators take snapshots and generate reports; the coordinator writes the report's
# own sections (conclusions, recommendations, proposed adjustments).
can_view_evaluation = reads_whole_plan
can_take_snapshot = is_coordinator | is_evaluator
can_write_evaluation = is_coordinator
# Outcome-level context series (police registrations, 1712, ...): the coordinator enters
# and imports them; whoever reads the evaluation reads them.
can_manage_context_series = is_coordinator
# The plan document for Parliament: whoever may see the plan (anyone, once published).
can_download_plan_document = can_view_plan


@rules.predicate
def is_action_owner(user: AnyUser, obj: Any) -> bool:
    return Role.ACTION_OWNER in roles_in(user, obj)


# Who may open a revision's change pages at all (the service then checks the action):
# the coordinator, and the plan's action owners.
can_open_revision_change = is_coordinator | is_action_owner


def network_plan_ids(user: AnyUser) -> set[int] | None:
    """The plans whose network pages ``user`` may read; None: every plan (a superuser)."""
    return plan_ids_with_roles(user, NETWORK_ROLES)


READ_RULES: dict[str, rules.Predicate] = {}


def register_read_rule(label: str, rule: rules.Predicate) -> None:
    """Give a kind (model label) its read rule: each app registers its own kinds from its
    ``AppConfig.ready()``, so this module names no app above accounts."""
    taken = READ_RULES.get(label)
    if taken is not None and taken is not rule:
        raise ImproperlyConfigured(f"{label} already has another read rule.")
    READ_RULES[label] = rule


def register_history_kinds(
    kinds: Iterable[tuple[str, str, rules.Predicate]], *, page: Callable[..., Any] | None = None
) -> None:
    """For each (URL word, model label, read rule): the read rule, and a history page
    ``/geschiedenis/<word>/<pk>/`` that links back to ``page(obj)``."""
    for key, label, rule in kinds:
        register_read_rule(label, rule)
        registry.register(registry.HistoryKind(key=key, model=label, page=page))


@rules.predicate
def can_read(user: AnyUser, obj: Any) -> bool:
    """Whether ``user`` may read ``obj``, by its kind's read rule; a kind without one: nobody."""
    rule = READ_RULES.get(obj._meta.label)
    return rule is not None and rule.test(user, obj)


# An object's history: for who may read the object and whom the history rule allows.
can_read_history = can_read & can_view_history

# --- workflows: who may take which step --------------------------------------------

# Model label -> transition name -> the rule for it. The apps that own a workflow fill it
# from their AppConfig.ready() (monitoring: ``workflow.register_transition_rules``), so the
# policy stays the one place to ask without importing the apps above it. Which
# transitions exist, and from which state, is the workflow's business, not this table's.
TRANSITION_RULES: dict[str, dict[str, rules.Predicate]] = {}


def register_transition_rules(label: str, rules_by_name: dict[str, rules.Predicate]) -> None:
    """Say who may take each step of the workflow of the objects of kind ``label``."""
    TRANSITION_RULES.setdefault(label, {}).update(rules_by_name)


def can_transition(user: AnyUser, obj: Any, name: str) -> bool:
    """Whether ``user`` may take the step ``name`` on ``obj``; an unknown step: nobody."""
    rule = TRANSITION_RULES.get(obj._meta.label, {}).get(name)
    return rule is not None and rule.test(user, obj)


rules.add_perm("plans.view_plan", can_view_plan)
rules.add_perm("plans.manage_plan", can_manage_plan)
rules.add_perm("plans.view_action", can_view_action)
rules.add_perm("plans.change_action", can_edit_action)
rules.add_perm("plans.comment_action", can_comment_action)
rules.add_perm("plans.export_plan", can_export_plan)
rules.add_perm("audit.view_history", can_read_history)
# The history page answers 404, not 403, to who may not even read the object.
rules.add_perm("audit.read_object", can_read)


def can_import_actions(user: AnyUser, plan: Plan) -> bool:
    return can_manage_plan(user, plan)


def can_export_actions(user: AnyUser, plan: Plan) -> bool:
    return can_export_plan(user, plan)


def can_manage_members(user: AnyUser, plan: Plan) -> bool:
    return can_manage_plan(user, plan)


def stand_in_plan_ids(user: AnyUser) -> set[int]:
    """The plans where the user's own roles can be lent to a stand-in (owner, contributor).

    Not the roles the user holds as someone's stand-in: a stand-in never lends further.
    """
    if not _active(user):
        return set()
    return {m.plan_id for m in memberships(user) if m.user_id == user.pk and m.role in LENT_ROLES}


def can_arrange_stand_ins(user: AnyUser) -> bool:
    """A person with work to lend arranges their own stand-ins during leave (``vervanging/``)."""
    return bool(stand_in_plan_ids(user))


def can_use_admin(user: AnyUser) -> bool:
    """The Django admin is a technical back office for superusers only.

    Only once they entered their two-step login code in this session (the
    middleware asks for it first; this holds even without the middleware).
    """
    return is_superuser(user) and passed_second_step(user)


def can_see_setup_hints(user: AnyUser) -> bool:
    """Technical hints on the pages (which command loads the plan): for the operators (staff)."""
    return _active(user) and user.is_staff


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
    return can_touch_account_of(user, member)


def can_touch_account_of(user: AnyUser, member: User) -> bool:
    """An administrator's account (superuser or staff) is for superusers only to change."""
    is_admin = member.is_superuser or member.is_staff
    return not is_admin or is_superuser(user)


# --- scoped querysets: lists show exactly what detail pages allow -----------------


def _all_actions() -> QuerySet[Action]:
    # By label, as Membership's foreign keys name plans: accounts imports no app above it.
    return apps.get_model("plans", "Action").objects.all()


def actions_for(
    user: AnyUser, queryset: QuerySet[Action] | None = None, *, public: bool = True
) -> QuerySet[Action]:
    """The actions ``user`` may see; mirrors ``can_view_action``.

    ``public=False`` leaves out what the user sees only because it is published:
    their own work, for a home page.
    """
    actions = _all_actions() if queryset is None else queryset
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
            involved = actions.model.co_ministers.through.objects.filter(
                action_id=OuterRef("pk"), minister_id__in=ministers
            )
            visible |= in_plan & Exists(involved)  # type: ignore[assignment]  # a Q at run time; the stubs say Combinable
        elif membership.role == Role.CABINET and ministers:
            involved = actions.model.co_ministers.through.objects.filter(
                action_id=OuterRef("pk"), minister_id__in=ministers
            )
            visible |= in_plan & (Q(lead_minister_id__in=ministers) | Exists(involved))  # type: ignore[assignment]  # a Q at run time; the stubs say Combinable
    return actions.filter(visible)


def actions_led_by(user: AnyUser, queryset: QuerySet[Action] | None = None) -> QuerySet[Action]:
    """The actions ``user`` may edit as an action owner (or all, for a coordinator)."""
    actions = _all_actions() if queryset is None else queryset
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
