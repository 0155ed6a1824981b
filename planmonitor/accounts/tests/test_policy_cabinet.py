"""The cabinet role: its ministers' actions, sheets and reports, read-only."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from planmonitor.accounts import policy
from planmonitor.accounts.services import membership_save
from planmonitor.plans.models import Action, Minister


def test_it_reads_the_actions_its_minister_leads(cabinet, action, other_action):
    assert policy.can_view_action(cabinet, action)
    assert policy.can_view_monitoring(cabinet, action)
    assert not policy.can_view_action(cabinet, other_action)  # another minister, unpublished


def test_it_reads_the_actions_its_minister_is_involved_in(cabinet, other_action):
    other_action.co_ministers.add(Minister.objects.get(key="gennez"))
    assert policy.can_view_action(cabinet, other_action)


def test_it_writes_nothing(cabinet, action):
    assert not policy.can_edit_action(cabinet, action)
    assert not policy.can_edit_monitoring(cabinet, action)
    assert not policy.can_comment_action(cabinet, action)
    assert not policy.can_contribute(cabinet, action)
    assert not policy.can_review_monitoring(cabinet, action)
    assert not policy.can_read_history(cabinet, action)
    assert not policy.can_read_comments(cabinet, action)


def test_its_list_matches_its_rule(cabinet, action, other_action, plan):
    crevits_led = Action.objects.create(
        plan=plan,
        code="T003",
        title="Met Gennez als medeminister",
        operational_goal=action.operational_goal,
        lead_minister=Minister.objects.get(key="crevits"),
    )
    crevits_led.co_ministers.add(Minister.objects.get(key="gennez"))
    visible = set(policy.actions_for(cabinet).values_list("code", flat=True))
    assert visible == {"T001", "T003"}
    assert not policy.actions_led_by(cabinet).exists()


def test_its_action_page_offers_no_edit(client, cabinet, action):
    client.force_login(cabinet)
    url = reverse("plans:action_detail", args=[action.plan.short_name, action.code])
    response = client.get(url)
    assert response.status_code == 200
    assert reverse("plans:action_edit", args=[action.plan.short_name, action.code]) not in (
        response.content.decode()
    )


def test_the_role_needs_ministers(plan, make_user):
    with pytest.raises(ValidationError) as error:
        membership_save(plan=plan, user=make_user("kabinet"), role="cabinet")
    assert "ministers" in error.value.message_dict
