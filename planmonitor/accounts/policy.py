"""The one permission policy: every access decision of the project lives here.

Views, forms, exports, admin and (later) the API ask these predicates; they
never decide access themselves.
"""

from django.contrib.auth.models import AnonymousUser

from .models import Membership, Role, User


def _active(user: User | AnonymousUser) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def has_role(user: User | AnonymousUser, plan, role: Role) -> bool:
    if not _active(user):
        return False
    return Membership.objects.filter(user=user, plan=plan, role=role).exists()


def is_coordinator(user: User | AnonymousUser, plan) -> bool:
    """Coordinators manage the plan's structure, imports and exports."""
    if not _active(user):
        return False
    return user.is_superuser or has_role(user, plan, Role.COORDINATOR)


def can_import_actions(user: User | AnonymousUser, plan) -> bool:
    return is_coordinator(user, plan)


def can_export_actions(user: User | AnonymousUser, plan) -> bool:
    return is_coordinator(user, plan) or has_role(user, plan, Role.EVALUATOR)
