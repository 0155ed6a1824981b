"""Writes to people and their roles. The members pages and scripts all go through here.

Expected refusals (last coordinator, deactivating yourself, a role without the
ministers it needs) raise ``ValidationError``; the pages show its messages.
People are never deleted: a leaver is deactivated, so what they wrote and did
stays attributed to them.
"""

from __future__ import annotations

from collections.abc import Iterable

from axes.utils import reset as axes_reset
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from planmonitor.plans.models import Minister, Organisation, Plan

from . import selectors
from .models import Membership, Role, User
from .policy import can_manage_members, forget_memberships
from .tasks import member_invitation_mail_send

# Roles whose access follows the ministers (or, for owners, the organisation) they work for.
NEEDS_MINISTERS = {Role.ACTION_OWNER, Role.CONTRIBUTOR}


# --- validation shared with the forms ------------------------------------------


def membership_links_validate(
    *,
    plan: Plan,
    role: str,
    organisation: Organisation | None,
    ministers: Iterable[Minister],
) -> None:
    """A role's organisation belongs to the plan; owners and contributors name whom they serve.

    Without a minister (or, for an owner, an organisation) the role would grant
    nothing: the policy decides access to actions by exactly these links.
    """
    errors: dict[str, str] = {}
    if organisation is not None and organisation.plan_id != plan.pk:
        errors["organisation"] = _("This organisation belongs to another plan.")
    has_ministers = bool(list(ministers))
    if role == Role.ACTION_OWNER and not has_ministers and organisation is None:
        errors["ministers"] = _(
            "An action owner works for a lead minister or a lead organisation: choose at least "
            "one minister, or an organisation."
        )
    elif role == Role.CONTRIBUTOR and not has_ministers:
        errors["ministers"] = _("A contributor works for a co-minister: choose at least one.")
    if errors:
        raise ValidationError(errors)


# --- coordinators: a plan always keeps one --------------------------------------


def _lock_coordinators(plan: Plan) -> None:
    """Serialise changes to a plan's coordinators (PostgreSQL row locks).

    On SQLite the write transaction is already exclusive (BEGIN IMMEDIATE), so two
    coordinators cannot remove each other at the same moment there either.
    """
    list(
        Membership.objects.select_for_update(of=("self",))
        .filter(plan=plan, role=Role.COORDINATOR)
        .values_list("pk", flat=True)
    )


def _refuse_losing_last_coordinator(*, plan: Plan, user: User) -> None:
    _lock_coordinators(plan)
    if user.is_active and selectors.active_coordinator_count(plan=plan, exclude_user=user) == 0:
        raise ValidationError(
            _(
                "%(person)s is the last active coordinator of %(plan)s. Give someone else the "
                "coordinator role first."
            )
            % {"person": user, "plan": plan.short_name}
        )


# --- roles ------------------------------------------------------------------------


@transaction.atomic
def membership_save(
    *,
    plan: Plan,
    user: User,
    role: str,
    organisation: Organisation | None = None,
    ministers: Iterable[Minister] = (),
    membership: Membership | None = None,
) -> Membership:
    """Give ``user`` a role in ``plan``, or change the role ``membership`` (of that user)."""
    ministers = list(ministers)
    if membership is None:
        membership = Membership(plan=plan, user=user)
    elif membership.plan_id != plan.pk or membership.user_id != user.pk:
        raise ValueError("membership belongs to another plan or person")
    elif membership.role == Role.COORDINATOR and role != Role.COORDINATOR:
        _refuse_losing_last_coordinator(plan=plan, user=user)
    membership_links_validate(plan=plan, role=role, organisation=organisation, ministers=ministers)
    membership.role = role
    membership.organisation = organisation
    membership.full_clean()
    membership.save()
    membership.ministers.set(ministers)
    forget_memberships(user)
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Take a role away. The person stays; without roles they leave the plan's list."""
    user = membership.user
    if membership.role == Role.COORDINATOR:
        _refuse_losing_last_coordinator(plan=membership.plan, user=user)
    membership.delete()
    forget_memberships(user)


# --- people -------------------------------------------------------------------------


def member_invitation_send(*, user: User, plan: Plan, site_root: str) -> None:
    """Have ``user`` mailed a one-time link to choose their password, by the task queue.

    The link is Django's reset token: it stops working once a password is set, and
    after PASSWORD_RESET_TIMEOUT. ``site_root`` is the scheme and host the person
    should use, e.g. https://host. Enqueued once the transaction commits, so the
    mail never announces a person that was not saved; robust: a queue that fails
    then is logged, and the person's page offers to send the link again.
    """
    transaction.on_commit(
        lambda: member_invitation_mail_send.enqueue(
            user_id=user.pk, plan_id=plan.pk, site_root=site_root
        ),
        robust=True,
    )


@transaction.atomic
def member_create(
    *,
    plan: Plan,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    organisation: Organisation | None = None,
    ministers: Iterable[Minister] = (),
    site_root: str,
) -> User:
    """Create a person with a first role and mail them a link to choose a password.

    The password is unusable until they do, so nobody (the coordinator included)
    ever knows it. The mail is queued only once the person is really saved.
    """
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=User.objects.normalize_email(email),
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    membership_save(plan=plan, user=user, role=role, organisation=organisation, ministers=ministers)
    # A mail server failure happens in the worker, never on the coordinator's page;
    # the person's page offers to send the link again.
    member_invitation_send(user=user, plan=plan, site_root=site_root)
    return user


def _refuse_account_change(*, user: User, actor: User) -> None:
    """Activation is site-wide: a coordinator may only switch accounts that are theirs to manage.

    That is, not an administrator's, and not someone who also holds roles in a
    plan the coordinator does not manage.
    """
    if (user.is_superuser or user.is_staff) and not actor.is_superuser:
        raise ValidationError(_("Only a site administrator can change an administrator's account."))
    other_plans = Plan.objects.filter(memberships__user=user).distinct()
    if any(not can_manage_members(actor, plan) for plan in other_plans):
        raise ValidationError(
            _(
                "%(person)s also has roles in a plan you do not manage; ask its coordinator "
                "or a site administrator."
            )
            % {"person": user}
        )


@transaction.atomic
def user_deactivate(*, user: User, actor: User) -> User:
    """A leaver can no longer log in; their roles and history stay as they were."""
    if user.pk == actor.pk:
        # Nobody locks themselves out by mistake; another coordinator can do it.
        raise ValidationError(_("You cannot deactivate your own account."))
    _refuse_account_change(user=user, actor=actor)
    if not user.is_active:
        return user
    for plan in selectors.plans_coordinated_by(user):
        _refuse_losing_last_coordinator(plan=plan, user=user)
    user.is_active = False
    user.end_sessions()  # also once reactivated: a reactivated person logs in afresh
    user.full_clean()
    user.save(update_fields=["is_active", "session_epoch"])
    forget_memberships(user)
    return user


@transaction.atomic
def user_reactivate(*, user: User, actor: User) -> User:
    """Someone who returns gets their account back, with the roles they had."""
    _refuse_account_change(user=user, actor=actor)
    if user.is_active:
        return user
    user.is_active = True
    user.full_clean()
    user.save(update_fields=["is_active"])
    forget_memberships(user)
    return user


def login_lockout_clear(*, user: User) -> None:
    """Lift a login lockout for ``user``: they just proved they own the account's mailbox."""
    axes_reset(username=user.get_username())
