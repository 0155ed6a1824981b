"""Reads of API tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from planmonitor.plans.models import Organisation

from ..models import ApiToken

if TYPE_CHECKING:
    from planmonitor.accounts.models import User
    from planmonitor.plans.models import Plan


def personal_tokens(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(kind=ApiToken.Kind.PERSONAL, user=user).order_by(
        "-created_at", "-pk"
    )


def organisation_tokens(*, plan: Plan) -> QuerySet[ApiToken]:
    return (
        ApiToken.objects.filter(kind=ApiToken.Kind.ORGANISATION, plan=plan)
        .select_related("organisation", "created_by")
        .order_by("-created_at", "-pk")
    )


def organisations(*, plan: Plan) -> QuerySet[Organisation]:
    return Organisation.objects.filter(plan=plan).order_by("order", "label")


def token_by_prefix(prefix: str) -> ApiToken | None:
    return (
        ApiToken.objects.select_related("user", "organisation", "plan")
        .filter(prefix=prefix)
        .first()
    )
