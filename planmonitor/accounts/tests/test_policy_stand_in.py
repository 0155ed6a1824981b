"""Stand-ins during leave: the person's owner and contributor rights, only for the period."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from planmonitor.accounts import policy
from planmonitor.accounts.models import Role, StandIn
from planmonitor.accounts.services import stand_in_add, stand_in_end


@pytest.fixture
def colleague(plan, make_user):
    """Someone of the plan with no right on ``action`` of their own."""
    return make_user("colleague", plan, Role.EVALUATOR)


def _today():
    return timezone.localdate()


def _stand_in(plan, owner, colleague, start, end):
    return stand_in_add(
        plan=plan, person=owner, stand_in=colleague, starts_on=start, ends_on=end, note="Verlof"
    )


def test_the_stand_in_acts_for_the_owner_during_the_period(plan, owner, colleague, action):
    _stand_in(plan, owner, colleague, _today(), _today() + dt.timedelta(days=7))
    assert policy.can_edit_action(colleague, action)
    assert policy.can_edit_monitoring(colleague, action)
    assert action in policy.actions_led_by(colleague)


def test_the_access_ends_by_itself_after_the_period(plan, owner, colleague, action):
    _stand_in(plan, owner, colleague, _today() - dt.timedelta(days=7), _today() - dt.timedelta(1))
    assert not policy.can_edit_action(colleague, action)
    assert not policy.actions_led_by(colleague).filter(pk=action.pk).exists()


def test_a_coming_stand_in_gives_nothing_yet(plan, owner, colleague, action):
    _stand_in(plan, owner, colleague, _today() + dt.timedelta(days=1), _today() + dt.timedelta(9))
    assert not policy.can_edit_action(colleague, action)


def test_a_coordinator_role_is_never_lent(plan, coordinator, colleague, other_action):
    coordinator.memberships.create(plan=plan, role=Role.CONTRIBUTOR).ministers.add(
        *other_action.co_ministers.all()
    )
    _stand_in(plan, coordinator, colleague, _today(), _today())
    assert not policy.is_coordinator(colleague, plan)


def test_ending_it_now_ends_the_access_and_keeps_the_history(plan, owner, colleague, action):
    row = _stand_in(plan, owner, colleague, _today() - dt.timedelta(days=2), _today())
    stand_in_end(stand_in=row)
    policy.forget_memberships(colleague)
    assert not policy.can_edit_action(colleague, action)
    assert [h.history_type for h in StandIn.history.filter(id=row.pk)] == ["~", "+"]


def test_it_refuses_a_stand_in_without_a_role(plan, owner, make_user):
    with pytest.raises(ValidationError):
        _stand_in(plan, owner, make_user("nobody"), _today(), _today())


def test_it_refuses_a_person_with_nothing_to_lend(plan, coordinator, colleague):
    with pytest.raises(ValidationError):
        _stand_in(plan, coordinator, colleague, _today(), _today())
