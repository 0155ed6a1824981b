"""Reads for the members pages, with the joins each page needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from planmonitor.plans.models import Minister, Organisation, Plan

from .models import Membership, Role, StandIn, User
from .policy import can_manage_members

if TYPE_CHECKING:
    from .policy import AnyUser

_T = TypeVar("_T")


class MemberStatus:
    ACTIVE = "active"
    INACTIVE = "inactive"


def _plan_memberships(plan: Plan) -> Prefetch[str]:
    """A person's roles in ``plan`` only, as ``user.plan_memberships``: two queries."""
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(plan=plan)
        .select_related("organisation")
        .prefetch_related(Prefetch("ministers", queryset=Minister.objects.order_by("name")))
        .order_by("role"),
        to_attr="plan_memberships",
    )


def member_list(*, plan: Plan, role: str = "", status: str = "") -> QuerySet[User]:
    """The people with at least one role in ``plan`` (inactive ones included): three queries.

    ``role`` keeps the people holding that role; all their roles in the plan are
    still listed. Empty filters are ignored, so ``cleaned_data`` can be passed as is.
    """
    roles = Membership.objects.filter(user=OuterRef("pk"), plan=plan)
    if role:
        roles = roles.filter(role=role)
    users = User.objects.filter(Exists(roles))
    if status == MemberStatus.ACTIVE:
        users = users.filter(is_active=True)
    elif status == MemberStatus.INACTIVE:
        users = users.filter(is_active=False)
    return users.prefetch_related(_plan_memberships(plan)).order_by(
        "last_name", "first_name", "username"
    )


@dataclass(frozen=True)
class MemberRow:
    """One person in the members table: their roles, organisations and ministers in the plan."""

    user: User
    memberships: list[Membership]
    organisations: list[Organisation]
    ministers: list[Minister]


def _unique(items: Iterable[_T]) -> list[_T]:
    return list(dict.fromkeys(items))


def member_rows(users: Iterable[User]) -> list[MemberRow]:
    """Rows for users from ``member_list``: no queries of its own."""
    rows = []
    for user in users:
        memberships = user.plan_memberships
        rows.append(
            MemberRow(
                user=user,
                memberships=memberships,
                organisations=_unique(m.organisation for m in memberships if m.organisation),
                ministers=_unique(minister for m in memberships for minister in m.ministers.all()),
            )
        )
    return rows


def member_get_queryset(*, plan: Plan) -> QuerySet[User]:
    """The people with a role in ``plan``, with those roles: what its coordinators may manage.

    Coordinators manage the people of their plan, not every account of the site.
    """
    return User.objects.filter(
        Exists(Membership.objects.filter(user=OuterRef("pk"), plan=plan))
    ).prefetch_related(_plan_memberships(plan))


def plan_roles_of(*, plan: Plan, user: User) -> set[str]:
    return set(Membership.objects.filter(plan=plan, user=user).values_list("role", flat=True))


def plans_managed_by(user: AnyUser) -> list[Plan]:
    """The plans whose members ``user`` may manage (the policy decides): one query.

    The policy reads the user's roles once per request, so pages that already
    asked it pay nothing more for that.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    return [plan for plan in Plan.objects.all() if can_manage_members(user, plan)]


def active_coordinator_count(*, plan: Plan, exclude_user: User | None = None) -> int:
    coordinators = Membership.objects.filter(plan=plan, role=Role.COORDINATOR, user__is_active=True)
    if exclude_user is not None:
        coordinators = coordinators.exclude(user=exclude_user)
    return coordinators.count()


def plans_coordinated_by(user: User) -> QuerySet[Plan]:
    return Plan.objects.filter(memberships__user=user, memberships__role=Role.COORDINATOR)


# --- two-step login ------------------------------------------------------------------


def two_factor_device(user: User) -> TOTPDevice | None:
    """The authenticator app that gives ``user``'s codes, if they set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()  # type: ignore[no-any-return]  # django-otp is untyped


def own_stand_ins(*, user: User, today: dt.date) -> tuple[list[StandIn], list[StandIn]]:
    """The running and coming stand-ins for ``user`` (on leave) and those ``user`` does for
    others, in all plans, by start date: two queries."""
    rows = (
        StandIn.objects.filter(ends_on__gte=today)
        .select_related("plan")
        .order_by("starts_on", "pk")
    )
    return (
        list(rows.filter(person=user).select_related("stand_in")),
        list(rows.filter(stand_in=user).select_related("person")),
    )
