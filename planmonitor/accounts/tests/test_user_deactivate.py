"""The user_deactivate and user_reactivate services: leavers keep their history."""

import pytest
from django.core.exceptions import ValidationError

from planmonitor.accounts.models import Role, User
from planmonitor.accounts.services import user_deactivate, user_reactivate


@pytest.fixture
def admin(make_user) -> User:
    """A superuser: manages every plan, so only the coordinator rule can refuse them."""
    admin = make_user("admin")
    admin.is_superuser = True
    admin.save()
    return admin


def test_it_deactivates_without_touching_roles(plan, coordinator, member):
    user_deactivate(user=member, actor=coordinator)
    member.refresh_from_db()
    assert not member.is_active
    assert member.memberships.count() == 1


def test_it_refuses_yourself(plan, coordinator, make_user):
    make_user("second", plan, Role.COORDINATOR)
    with pytest.raises(ValidationError):
        user_deactivate(user=coordinator, actor=coordinator)


def test_it_refuses_the_last_active_coordinator_of_any_of_their_plans(
    plan, other_plan, coordinator, make_user, admin
):
    colleague = make_user("colleague", plan, Role.COORDINATOR)  # one of two in `plan`...
    colleague.memberships.create(plan=other_plan, role=Role.COORDINATOR)  # ...alone here

    with pytest.raises(ValidationError):
        user_deactivate(user=colleague, actor=admin)

    colleague.refresh_from_db()
    assert colleague.is_active


def test_inactive_coordinators_do_not_count(plan, coordinator, make_user, admin):
    former = make_user("former", plan, Role.COORDINATOR)
    user_deactivate(user=former, actor=coordinator)

    with pytest.raises(ValidationError):
        user_deactivate(user=coordinator, actor=admin)


def test_a_plans_second_coordinator_may_leave(plan, coordinator, make_user):
    second = make_user("second", plan, Role.COORDINATOR)
    user_deactivate(user=second, actor=coordinator)
    second.refresh_from_db()
    assert not second.is_active


def test_it_reactivates(plan, coordinator, member):
    user_deactivate(user=member, actor=coordinator)
    user_reactivate(user=member, actor=coordinator)
    member.refresh_from_db()
    assert member.is_active
