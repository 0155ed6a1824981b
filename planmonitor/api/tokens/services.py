"""Writes of API tokens: create (the secret is returned once, only its hash is kept) and revoke."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import string
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from planmonitor.audit.events import record_event

from ..models import PREFIX_LENGTH, ApiToken

if TYPE_CHECKING:
    from planmonitor.accounts.models import User
    from planmonitor.plans.models import Organisation

TOKEN_START = "pm"
DEFAULT_LIFETIME = dt.timedelta(days=90)
MAX_LIFETIME = dt.timedelta(days=366)  # a year, leap years included
_PREFIX_ALPHABET = string.ascii_lowercase + string.digits  # never "_": it separates the parts


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def split_token(token: str) -> tuple[str, str] | None:
    """(prefix, secret) of ``pm_<prefix>_<secret>``, or None when it is not one."""
    parts = token.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_START or len(parts[1]) != PREFIX_LENGTH:
        return None
    if not parts[2]:
        return None
    return parts[1], parts[2]


def secret_matches(token: ApiToken, secret: str) -> bool:
    return hmac.compare_digest(token.secret_hash, secret_hash(secret))


def _check_expiry(expires_at: dt.datetime | None, *, required: bool) -> None:
    now = timezone.now()
    if expires_at is None:
        if required:
            raise ValidationError({"expires_at": _("A personal token needs an expiry date.")})
        return
    if expires_at <= now:
        raise ValidationError({"expires_at": _("Give an expiry date in the future.")})
    if expires_at > now + MAX_LIFETIME:
        raise ValidationError({"expires_at": _("A token lives at most one year.")})


def _create(token: ApiToken) -> tuple[ApiToken, str]:
    for _attempt in range(5):  # a prefix already taken: draw another
        prefix = "".join(secrets.choice(_PREFIX_ALPHABET) for _ in range(PREFIX_LENGTH))
        secret = secrets.token_urlsafe(32)
        token.prefix = prefix
        token.secret_hash = secret_hash(secret)
        token.full_clean()
        try:
            with transaction.atomic():
                token.save()
        except IntegrityError:
            continue
        return token, f"{TOKEN_START}_{prefix}_{secret}"
    raise RuntimeError("no free token prefix")  # pragma: no cover  (36^8 prefixes)


@transaction.atomic
def personal_token_create(
    *, user: User, name: str, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """A token acting with ``user``'s rights until ``expires_at`` (default: 90 days)."""
    expires_at = expires_at or timezone.now() + DEFAULT_LIFETIME
    _check_expiry(expires_at, required=True)
    token, plain = _create(
        ApiToken(
            kind=ApiToken.Kind.PERSONAL,
            name=name.strip(),
            user=user,
            created_by=user,
            expires_at=expires_at,
        )
    )
    record_event(kind="api_token.create", obj=token, user=user, summary=token.name)
    return token, plain


@transaction.atomic
def organisation_token_create(
    *,
    organisation: Organisation,
    name: str,
    created_by: User,
    expires_at: dt.datetime | None = None,
) -> tuple[ApiToken, str]:
    """A token for an administration's system: an owner of the organisation's actions in
    its plan (the coordinator decides; the policy reads it, see ``api.auth``)."""
    _check_expiry(expires_at, required=False)
    token, plain = _create(
        ApiToken(
            kind=ApiToken.Kind.ORGANISATION,
            name=name.strip(),
            organisation=organisation,
            plan_id=organisation.plan_id,
            created_by=created_by,
            expires_at=expires_at,
        )
    )
    record_event(kind="api_token.create", obj=token, user=created_by, summary=token.name)
    return token, plain


@transaction.atomic
def token_revoke(*, token: ApiToken, user: User) -> ApiToken:
    """Revoke a token: it stops working at once (revoking twice changes nothing)."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_event(kind="api_token.revoke", obj=token, user=user, summary=token.name)
    return token


def token_touch(*, token: ApiToken) -> None:
    """Note the use, at most once a minute (reads should not all write)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
