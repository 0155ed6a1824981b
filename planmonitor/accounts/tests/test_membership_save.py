"""The membership_save and membership_remove services, called directly (scripts use them too)."""

import pytest
from django.core.exceptions import ValidationError

from planmonitor.accounts import policy
from planmonitor.accounts.models import Membership, Role
from planmonitor.accounts.services import membership_remove, membership_save


def test_it_gives_a_role_and_refreshes_the_policys_view_of_the_person(plan, member, minister):
    assert not policy.is_coordinator(member, plan)  # the policy has read the roles once

    membership_save(plan=plan, user=member, role=Role.COORDINATOR)

    assert policy.is_coordinator(member, plan)


def test_it_saves_ministers_and_organisation(plan, member, minister, organisation):
    saved = membership_save(
        plan=plan,
        user=member,
        role=Role.ACTION_OWNER,
        organisation=organisation,
        ministers=[minister],
    )
    assert saved.organisation == organisation
    assert list(saved.ministers.all()) == [minister]


@pytest.mark.parametrize(
    ("role", "with_minister", "with_organisation", "error_field"),
    [
        (Role.ACTION_OWNER, False, False, "ministers"),
        (Role.CONTRIBUTOR, False, True, "ministers"),
    ],
)
def test_it_refuses_owner_and_contributor_roles_that_grant_nothing(
    plan, member, minister, organisation, role, with_minister, with_organisation, error_field
):
    with pytest.raises(ValidationError) as refused:
        membership_save(
            plan=plan,
            user=member,
            role=role,
            organisation=organisation if with_organisation else None,
            ministers=[minister] if with_minister else [],
        )
    assert error_field in refused.value.message_dict
    assert not Membership.objects.filter(user=member, role=role).exists()


def test_it_refuses_an_organisation_of_another_plan(plan, other_plan, member, minister):
    with pytest.raises(ValidationError) as refused:
        membership_save(
            plan=plan,
            user=member,
            role=Role.ACTION_OWNER,
            organisation=other_plan.organisations.get(),
            ministers=[minister],
        )
    assert "organisation" in refused.value.message_dict


def test_it_refuses_a_role_held_already(plan, member):
    with pytest.raises(ValidationError):
        membership_save(plan=plan, user=member, role=Role.NETWORK_MEMBER)


def test_it_refuses_a_membership_of_someone_else(plan, member, coordinator):
    theirs = coordinator.memberships.get()
    with pytest.raises(ValueError):
        membership_save(plan=plan, user=member, role=Role.EVALUATOR, membership=theirs)


def test_the_last_active_coordinator_can_neither_change_nor_lose_the_role(plan, coordinator):
    role = coordinator.memberships.get()
    with pytest.raises(ValidationError):
        membership_save(plan=plan, user=coordinator, role=Role.EVALUATOR, membership=role)
    with pytest.raises(ValidationError):
        membership_remove(membership=role)
    assert Membership.objects.filter(pk=role.pk, role=Role.COORDINATOR).exists()


def test_removing_a_role_refreshes_the_policys_view(plan, coordinator, make_user):
    make_user("second", plan, Role.COORDINATOR)
    role = coordinator.memberships.get()
    role.user = coordinator  # the same object the policy has cached
    assert policy.is_coordinator(coordinator, plan)

    membership_remove(membership=role)

    assert not policy.is_coordinator(coordinator, plan)
