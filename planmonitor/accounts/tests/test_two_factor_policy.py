"""Who must use two-step login: coordinators of any plan and administrators; others may."""

import pytest

from planmonitor.accounts.models import Role
from planmonitor.accounts.policy import (
    asks_second_step,
    can_remove_two_factor,
    can_reset_two_factor,
    requires_two_factor,
)

from .two_factor_helpers import enrol


def test_it_requires_it_of_a_coordinator(coordinator):
    assert requires_two_factor(coordinator)


def test_it_requires_it_of_a_coordinator_of_another_plan_too(other_plan, make_user):
    user = make_user("elsewhere", other_plan, Role.COORDINATOR)
    assert requires_two_factor(user)


@pytest.mark.parametrize("flag", ["is_superuser", "is_staff"])
def test_it_requires_it_of_administrators(make_user, flag):
    user = make_user("root")
    setattr(user, flag, True)
    assert requires_two_factor(user)


@pytest.mark.parametrize("who", ["owner", "contributor", "network_member", "evaluator", "outsider"])
def test_it_leaves_it_to_the_others(request, who):
    user = request.getfixturevalue(who)
    assert not requires_two_factor(user)
    assert not asks_second_step(user)


def test_who_chose_it_is_asked_for_a_code_and_may_turn_it_off(owner):
    enrol(owner)
    assert asks_second_step(owner)
    assert can_remove_two_factor(owner)


def test_who_must_have_it_may_not_turn_it_off(coordinator):
    enrol(coordinator)
    assert not can_remove_two_factor(coordinator)


def test_a_deactivated_coordinator_is_asked_nothing(coordinator):
    coordinator.is_active = False
    assert not requires_two_factor(coordinator)


def test_a_coordinator_may_reset_a_members_but_not_their_own_nor_an_admins(
    plan, coordinator, member, make_user
):
    admin = make_user("admin", plan, Role.NETWORK_MEMBER)
    admin.is_staff = True
    assert can_reset_two_factor(coordinator, member, plan)
    assert not can_reset_two_factor(coordinator, coordinator, plan)
    assert not can_reset_two_factor(coordinator, admin, plan)
    assert not can_reset_two_factor(member, coordinator, plan)
