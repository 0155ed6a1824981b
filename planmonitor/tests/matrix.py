"""The vocabulary of the authorization matrix, shared by the apps' own entries.

An app adds its URLs in ``<app>/tests/matrix.py`` as ``ENTRIES``; the matrix test
collects them. ``objects`` (see the test's fixture) holds: action (led by
Gennez, Crevits involved), other_action (De Ridder), owner, and the monitoring
objects: round (open, covering both actions), report (``action``'s report in
that round), sheet (``action``'s sheet), evidence (a link on ``report``).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = [
    "anonymous",
    "coordinator",
    "owner",
    "other_owner",
    "contributor",
    "network_member",
    "evaluator",
    "cabinet",
    "outsider",
]
LOGGED_IN = [role for role in ROLES if role != "anonymous"]


def answers(default: int, **by_role: int) -> dict[str, int]:
    """Expected status per role: ``default`` unless the role is named."""
    unknown = set(by_role) - set(ROLES)
    assert not unknown, unknown
    return {role: by_role.get(role, default) for role in ROLES}


LOGIN = 302  # anonymous users are sent to the login page
NOT_FOUND = 404  # not allowed to know the object exists
FORBIDDEN = 403  # may see the object, may not do this
NOT_ALLOWED = 405  # wrong method

# The cabinet (of Gennez, the lead minister of ``action``) reads, and is refused every write.
ACTION_READERS = {"coordinator": 200, "owner": 200, "contributor": 200, "cabinet": 200}
WHOLE_PLAN = {"network_member": 200, "evaluator": 200}


@dataclass
class Entry:
    get: dict[str, int]
    post: dict[str, int]
    kwargs: Callable[[dict], dict] = field(default=lambda objects: {})


def action_kwargs(objects: dict) -> dict:
    action = objects["action"]
    return {"short_name": action.plan.short_name, "code": action.code}


def plan_kwargs(objects: dict) -> dict:
    return {"short_name": objects["action"].plan.short_name}


def member_kwargs(objects: dict) -> dict:
    return {**plan_kwargs(objects), "user_id": objects["owner"].pk}


def role_kwargs(objects: dict) -> dict:
    return {**member_kwargs(objects), "membership_id": objects["owner"].memberships.get().pk}


def reset_link_kwargs(objects: dict) -> dict:
    return {"uidb64": "bm9ib2R5", "token": "set-password"}  # a link that is not valid


def action_history_kwargs(objects: dict) -> dict:
    return {"model": "actie", "pk": objects["action"].pk}


COORDINATOR_ONLY_PAGE = answers(FORBIDDEN, anonymous=LOGIN, coordinator=200)
COORDINATOR_ONLY_FORM = COORDINATOR_ONLY_PAGE  # an empty form comes back with errors: 200
COORDINATOR_ONLY_POST = answers(FORBIDDEN, anonymous=LOGIN, coordinator=302)
LOGGED_IN_PAGE = answers(200, anonymous=LOGIN)
NO_POST_LOGGED_IN = answers(NOT_ALLOWED, anonymous=LOGIN)
