"""A plan or an action from the URL, under a rule of the policy: the one way views get them.

A plan is no secret (its name is in every URL): an unknown one is 404, a refused
one 403. An action the user may not see is 404, as if it did not exist, so nobody
learns which actions exist.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from .models import Action, Plan

Rule = Callable[..., bool]
NO_SUCH_ACTION = _("No such action.")


def plan_or_403(request: HttpRequest, short_name: str, rule: Rule) -> Plan:
    """The plan named in the URL: 404 if unknown, 403 unless ``rule(user, plan)`` allows."""
    plan = get_object_or_404(Plan, short_name=short_name)
    if not rule(request.user, plan):
        raise PermissionDenied
    return plan


def action_or_404(
    request: HttpRequest,
    short_name: str,
    code: str,
    *,
    lookup: Callable[..., Action | None],
    rule: Rule | None = None,
    message=NO_SUCH_ACTION,
    **lookup_kwargs,
) -> Action:
    """The action ``lookup`` finds for the user (a selector that already scopes to what
    they may see), or 404, also when ``rule(user, action)`` refuses it.
    """
    action = lookup(user=request.user, short_name=short_name, code=code, **lookup_kwargs)
    if action is None or (rule is not None and not rule(request.user, action)):
        raise Http404(message)
    return action
