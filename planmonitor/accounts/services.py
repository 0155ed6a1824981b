"""Writes to people and their roles. The members pages and scripts all go through here.

Expected refusals (last coordinator, deactivating yourself, a role without the
ministers it needs) raise ``ValidationError``; the pages show its messages.
People are never deleted: a leaver is deactivated, so what they wrote and did
stays attributed to them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass

from axes.utils import reset as axes_reset
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from planmonitor.audit.events import record_event
from planmonitor.audit.history import user_display_name
from planmonitor.core import formatting
from planmonitor.core.locking import EditConflict
from planmonitor.plans.models import Minister, Organisation, Plan

from . import selectors
from .models import Membership, Role, StandIn, User
from .policy import (
    LENT_ROLES,
    can_manage_members,
    can_touch_account_of,
    forget_memberships,
    requires_two_factor,
)
from .signals import stand_in_arranged
from .tasks import member_invitation_mail_send

# Roles whose access follows the ministers (or, for owners, the organisation) they work for.
NEEDS_MINISTERS = {Role.ACTION_OWNER, Role.CONTRIBUTOR, Role.CABINET}


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
    elif role == Role.CABINET and not has_ministers:
        errors["ministers"] = _("A minister's cabinet follows its ministers: choose at least one.")
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
    record_event(kind="membership.save", obj=membership, summary=membership.get_role_display())
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Take a role away. The person stays; without roles they leave the plan's list."""
    user = membership.user
    if membership.role == Role.COORDINATOR:
        _refuse_losing_last_coordinator(plan=membership.plan, user=user)
    record_event(kind="membership.remove", obj=membership, summary=membership.get_role_display())
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
    if not can_touch_account_of(actor, user):
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
    _account_event_record(kind="account.deactivate", user=user, actor=actor)
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
    _account_event_record(kind="account.reactivate", user=user, actor=actor)
    return user


def _account_event_record(*, kind: str, user: User, actor: User) -> None:
    """An account belongs to no plan: each plan the person has a role in logs the change,
    so its coordinator sees it in that plan's change log."""
    for plan in Plan.objects.filter(memberships__user=user).distinct().order_by("pk"):
        record_event(kind=kind, obj=user, plan=plan, user=actor)


def login_lockout_clear(*, user: User) -> None:
    """Lift a login lockout for ``user``: they just proved they own the account's mailbox."""
    axes_reset(username=user.get_username())


# --- two-step login ------------------------------------------------------------------
# The devices are django-otp's (a TOTP app, a set of backup codes); every change also
# stamps the person's account, so the audit trail says who changed what and when.

BACKUP_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"


@dataclass(frozen=True)
class SecondStep:
    """What a code entered at login did: which device accepted it, or when to try again."""

    device: Device | None = None
    retry_at: dt.datetime | None = None  # too many wrong codes: this one was not checked


def two_factor_key_new() -> str:
    """A fresh TOTP secret (20 random bytes, hex) for a person to add to their app."""
    return random_hex(20)  # type: ignore[no-any-return]  # django-otp is untyped


def two_factor_code_normalise(code: str) -> str:
    """Codes as people type them: with spaces or dashes, in capitals."""
    return re.sub(r"[\s-]", "", code).lower()


def _stamp_account(user: User, *, reason: str, **dates: dt.datetime | None) -> None:
    for name, value in dates.items():
        setattr(user, name, value)
    user._change_reason = reason  # shown as the reason in the account's history
    user.save(update_fields=list(dates))


def _backup_codes_replace(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": BACKUP_DEVICE_NAME, "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _devices_delete(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()  # its codes go with it


@transaction.atomic
def two_factor_enrol(*, user: User, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Set up two-step login with the app that holds ``key``, or move it to a new app.

    The first code proves the app has the secret; it cannot be used again to log in.
    Returns the device and the new backup codes, which are shown once.
    """
    code = two_factor_code_normalise(code)
    device = TOTPDevice(user=user, key=key, name=TOTP_DEVICE_NAME, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time()
    if not (code.isdigit() and totp.verify(int(code), tolerance=device.tolerance)):
        raise ValidationError(
            _(
                "This code is not right. Enter the 6 digits your app shows now; if it still "
                "fails, check that the time on your phone is set automatically."
            ),
            code="invalid_code",
        )
    device.last_t = totp.t()
    replaced = user.two_factor_enabled_at is not None
    _devices_delete(user)
    device.full_clean()
    device.save()
    codes = _backup_codes_replace(user)
    now = timezone.now()
    _stamp_account(
        user,
        reason=_("Two-step login moved to a new app") if replaced else _("Two-step login set up"),
        two_factor_enabled_at=now,
        backup_codes_issued_at=now,
    )
    return device, codes


@transaction.atomic
def two_factor_backup_codes_renew(*, user: User) -> list[str]:
    """New backup codes; the old ones stop working. Returns them to show once."""
    if user.two_factor_enabled_at is None:
        raise ValidationError(_("Set up two-step login first."))
    codes = _backup_codes_replace(user)
    _stamp_account(user, reason=_("New backup codes"), backup_codes_issued_at=timezone.now())
    return codes


@transaction.atomic
def two_factor_remove(*, user: User) -> None:
    """Turn two-step login off, for someone who chose it (not for who must have it)."""
    if requires_two_factor(user):
        raise ValidationError(
            _(
                "Coordinators and administrators must use two-step login. You can move it to a "
                "new app or phone, but not turn it off."
            )
        )
    _devices_delete(user)
    _stamp_account(
        user,
        reason=_("Two-step login turned off"),
        two_factor_enabled_at=None,
        backup_codes_issued_at=None,
    )


@transaction.atomic
def two_factor_reset(*, user: User, actor: User) -> None:
    """A coordinator clears ``user``'s two-step login, e.g. when they lost their phone.

    The person's sessions stop counting as verified; at their next login they set it
    up again (if they must have it) or log in with their password alone.
    """
    if user.pk == actor.pk:
        raise ValidationError(
            _("You cannot reset your own two-step login; ask another coordinator.")
        )
    _refuse_account_change(user=user, actor=actor)
    if user.two_factor_enabled_at is None and not TOTPDevice.objects.filter(user=user).exists():
        raise ValidationError(_("%(person)s has no two-step login to reset.") % {"person": user})
    _devices_delete(user)
    _stamp_account(
        user,
        reason=_("Two-step login reset by %(person)s") % {"person": user_display_name(actor)},
        two_factor_enabled_at=None,
        backup_codes_issued_at=None,
    )


def two_factor_verify(*, user: User, code: str) -> SecondStep:
    """Check a code entered at login: 6 digits from the app, or a backup code (used up).

    django-otp throttles each device: after every wrong code the next one is only
    checked after twice the wait (1, 2, 4, ... seconds).
    """
    code = two_factor_code_normalise(code)
    model = TOTPDevice if re.fullmatch(r"\d{6}", code) else StaticDevice
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is None:
            return SecondStep()
        allowed, details = device.verify_is_allowed()
        if not allowed:
            return SecondStep(retry_at=(details or {}).get("locked_until"))
        if device.verify_token(code):
            return SecondStep(device=device)
    return SecondStep()


def two_factor_demo_enrol(*, user: User, key: str) -> bool:
    """Give a demo account an app with a known, printed secret (example data only)."""
    if not user.is_example:
        raise ValueError("only demo accounts get a known secret")
    if TOTPDevice.objects.filter(user=user).exists():
        return False
    TOTPDevice.objects.create(user=user, key=key, name=TOTP_DEVICE_NAME, confirmed=True)
    _stamp_account(
        user, reason="Demo account: a known example secret", two_factor_enabled_at=timezone.now()
    )
    return True


def login_failures_clear(*, username: str, ip_address: str | None) -> None:
    """The right code after some wrong ones: start the lockout count again, as a login does."""
    axes_reset(ip=ip_address, username=username)


# --- people change: reassignment and stand-ins ----------------------------------------


def membership_fingerprint(membership: Membership) -> str:
    """What a reassignment preview saw of a role: who holds it, and for which ministers."""
    ministers = sorted(minister.pk for minister in membership.ministers.all())
    state = f"{membership.user_id}|{membership.role}|{membership.organisation_id}|{ministers}"
    return hashlib.sha256(state.encode()).hexdigest()[:16]


def _locked_memberships(plan: Plan, expected: dict[int, str]) -> list[Membership]:
    """The roles of ``plan`` the preview showed, if none changed since (else ``EditConflict``)."""
    rows = list(
        Membership.objects.select_for_update(of=("self",))
        .filter(plan=plan, pk__in=expected)
        .prefetch_related("ministers")
        .order_by("pk")
    )
    if len(rows) != len(expected):
        raise EditConflict(rows[0] if rows else Membership(plan=plan))
    for membership in rows:
        if membership_fingerprint(membership) != expected[membership.pk]:
            raise EditConflict(membership)
    return rows


@transaction.atomic
def memberships_minister_replace(
    *,
    plan: Plan,
    from_minister: Minister,
    to_minister: Minister,
    expected: dict[int, str],
) -> list[Membership]:
    """After a reshuffle, the roles that worked for ``from_minister`` work for ``to_minister``.

    ``expected``: membership pk -> its ``membership_fingerprint`` as previewed; a role
    that changed since raises ``EditConflict`` and nothing is saved. The ministers'
    change is recorded in each role's history (its many-to-many history).
    """
    changed = []
    for membership in _locked_memberships(plan, expected):
        ministers = [m for m in membership.ministers.all() if m.pk != from_minister.pk]
        if len(ministers) == membership.ministers.count():
            continue
        membership.ministers.set({*ministers, to_minister})
        forget_memberships(membership.user)
        record_event(
            kind="membership.save",
            obj=membership,
            summary=f"{from_minister.family_name} → {to_minister.family_name}",
        )
        changed.append(membership)
    return changed


@transaction.atomic
def memberships_organisation_replace(
    *,
    plan: Plan,
    from_organisation: Organisation,
    to_organisation: Organisation,
    expected: dict[int, str],
) -> list[Membership]:
    """After a merger, the roles in ``from_organisation`` are roles in ``to_organisation``.

    ``expected`` as for ``memberships_minister_replace``; each role keeps a history
    row. The caller (``plans.services.organisation_reassign``) logs the move once.
    """
    changed = []
    for membership in _locked_memberships(plan, expected):
        if membership.organisation_id != from_organisation.pk:
            continue
        membership.organisation = to_organisation
        membership.full_clean()
        membership.save(update_fields=["organisation"])
        forget_memberships(membership.user)
        changed.append(membership)
    return changed


@transaction.atomic
def memberships_move(
    *, plan: Plan, from_user: User, to_user: User, expected: dict[int, str]
) -> list[Membership]:
    """Give ``to_user`` the roles of ``from_user`` (a staff change), all or nothing.

    A role ``to_user`` does not hold moves to them as it is (the row's history says
    who held it); one they already hold gains the leaver's ministers (and
    organisation, when theirs has none) and the leaver's role ends.
    """
    if from_user.pk == to_user.pk:
        raise ValidationError(_("Choose two different people."))
    if not to_user.is_active:
        raise ValidationError(
            _("%(person)s is deactivated: reactivate them first.") % {"person": to_user}
        )
    held = {m.role: m for m in Membership.objects.filter(plan=plan, user=to_user)}
    moved = []
    for membership in _locked_memberships(plan, expected):
        if membership.user_id != from_user.pk:
            raise EditConflict(membership)
        target = held.get(membership.role)
        if target is None:
            membership.user = to_user
            membership.full_clean()
            membership.save()
            moved.append(membership)
            continue
        target.ministers.add(*membership.ministers.all())
        if target.organisation_id is None and membership.organisation_id is not None:
            target.organisation_id = membership.organisation_id
            target.save()
        membership.delete()
        moved.append(target)
    for membership in moved:
        record_event(
            kind="membership.save",
            obj=membership,
            summary=f"{membership.get_role_display()}: {from_user} → {to_user}",
        )
    forget_memberships(from_user)
    forget_memberships(to_user)
    return moved


def stand_in_validate(
    *, plan: Plan, person: User, stand_in: User, starts_on: dt.date, ends_on: dt.date
) -> None:
    """A stand-in is another active member of the plan, for a person with work to lend."""
    errors: dict[str, str] = {}
    if stand_in.pk == person.pk:
        errors["stand_in"] = _("A person cannot stand in for themselves.")
    elif not stand_in.is_active:
        errors["stand_in"] = _("This person is deactivated.")
    elif not Membership.objects.filter(plan=plan, user=stand_in).exists():
        errors["stand_in"] = _("The stand-in needs a role in this plan.")
    if not Membership.objects.filter(plan=plan, user=person, role__in=LENT_ROLES).exists():
        errors["stand_in"] = _(
            "Only the work of an action owner or a contributor can be taken over: "
            "%(person)s has neither role in this plan."
        ) % {"person": person}
    if ends_on < starts_on:
        errors["ends_on"] = _("The end date cannot come before the start date.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def stand_in_add(
    *,
    plan: Plan,
    person: User,
    stand_in: User,
    starts_on: dt.date,
    ends_on: dt.date,
    note: str = "",
) -> StandIn:
    """``stand_in`` acts for ``person`` (on leave) from ``starts_on`` to ``ends_on``, inclusive."""
    stand_in_validate(
        plan=plan, person=person, stand_in=stand_in, starts_on=starts_on, ends_on=ends_on
    )
    row = StandIn(
        plan=plan,
        person=person,
        stand_in=stand_in,
        starts_on=starts_on,
        ends_on=ends_on,
        note=note.strip(),
    )
    row.full_clean()
    row.save()
    forget_memberships(stand_in)
    event = record_event(kind="stand_in.add", obj=row, summary=_stand_in_summary(row))
    stand_in_arranged.send(sender=StandIn, stand_in=row, actor_id=event.actor_id)
    return row


def _stand_in_summary(row: StandIn) -> str:
    """For the change log: who stands in for whom, and when (the note stays in the history)."""
    return _("%(stand_in)s for %(person)s, %(starts)s–%(ends)s") % {
        "stand_in": row.stand_in,
        "person": row.person,
        "starts": formatting.date(row.starts_on),
        "ends": formatting.date(row.ends_on),
    }


@transaction.atomic
def stand_in_end(*, stand_in: StandIn) -> StandIn | None:
    """End a stand-in now: a running one ends yesterday, a coming one is cancelled (deleted).

    Either way the history keeps what was arranged.
    """
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    if stand_in.starts_on > yesterday:
        record_event(
            kind="stand_in.end",
            obj=stand_in,
            summary=_("cancelled: %(stand_in)s") % {"stand_in": _stand_in_summary(stand_in)},
        )
        stand_in.delete()
        forget_memberships(stand_in.stand_in)
        return None
    stand_in.ends_on = min(stand_in.ends_on, yesterday)
    stand_in.full_clean()
    stand_in.save(update_fields=["ends_on"])
    forget_memberships(stand_in.stand_in)
    record_event(kind="stand_in.end", obj=stand_in, summary=_stand_in_summary(stand_in))
    return stand_in
