"""Who calls the API: a Bearer token's person, an organisation token's stand-in, or nobody.

No ``Authorization`` header: the caller is anonymous and reads what is public. A header
with a token that is unknown, revoked or expired (or a person no longer active): 401,
never a silent fall-back to the public view.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer

from planmonitor.accounts import policy

from .models import ApiToken
from .tokens import selectors, services


class OrganisationAgent:
    """An organisation token as the policy sees it: an active account whose one role is
    an action owner of that organisation in the token's plan (``policy.act_for_organisation``).

    It has no account (pk None): the audit records its name ("token (organisation, API)").
    """

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = False
    is_staff = False
    pk = None
    id = None
    two_factor_enabled_at = None

    def __init__(self, token: ApiToken) -> None:
        self.token = token
        self.organisation = token.organisation
        assert token.plan_id is not None and token.organisation_id is not None
        policy.act_for_organisation(
            self, plan_id=token.plan_id, organisation_id=token.organisation_id
        )

    def get_full_name(self) -> str:
        return f"{self.token.name} ({token_org_label(self.organisation)}, API)"[:150]

    def get_username(self) -> str:
        return f"api-{self.token.prefix}"

    def is_verified(self) -> bool:
        return True

    def __str__(self) -> str:
        return self.get_full_name()


def token_org_label(organisation: Any) -> str:
    return organisation.label if organisation is not None else ""


def caller(request: HttpRequest) -> Any:
    """Whom ninja's authentication found for this request (a user, a stand-in or None)."""
    return getattr(request, "auth", None)


def user_of(token: ApiToken) -> Any:
    """Whom a usable token acts for: its person, or the organisation's stand-in."""
    if token.kind == ApiToken.Kind.PERSONAL:
        return token.user
    return OrganisationAgent(token)


def authenticate_token(raw: str) -> Any | None:
    """The caller a token stands for, or None (unknown, wrong secret, revoked, expired)."""
    parts = services.split_token(raw)
    if parts is None:
        return None
    token = selectors.token_by_prefix(parts[0])
    if token is None or not services.secret_matches(token, parts[1]) or not token.is_usable:
        return None
    if token.kind == ApiToken.Kind.PERSONAL and not (token.user and token.user.is_active):
        return None
    services.token_touch(token=token)
    return user_of(token)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer pm_…``; ``optional``: without the header, anonymous."""

    def __init__(self, *, optional: bool) -> None:
        super().__init__()
        self.optional = optional

    def __call__(self, request: HttpRequest) -> Any | None:
        if self.optional and not request.headers.get(self.header):
            return AnonymousUser()
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        return authenticate_token(token)


READ_AUTH = TokenAuth(optional=True)
WRITE_AUTH = TokenAuth(optional=False)
