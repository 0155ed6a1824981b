"""Deactivating and reactivating an account is logged in every plan the person has a role in."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from planmonitor.accounts import services
from planmonitor.accounts.models import Membership, Role
from planmonitor.audit.models import Event
from planmonitor.tests.html import parse_html

from .helpers import member_url


def _events(user):
    return list(
        Event.objects.filter(object_id=user.pk, content_type__model="user")
        .order_by("pk")
        .values_list("kind", "plan__short_name", "actor_id")
    )


def test_each_plan_of_the_person_logs_the_deactivation_and_the_reactivation(
    plan, other_plan, coordinator, member
):
    Membership.objects.create(user=member, plan=other_plan, role=Role.EVALUATOR)
    Membership.objects.create(user=coordinator, plan=other_plan, role=Role.COORDINATOR)

    services.user_deactivate(user=member, actor=coordinator)
    services.user_reactivate(user=member, actor=coordinator)

    by = coordinator.pk
    assert _events(member) == [
        ("account.deactivate", plan.short_name, by),
        ("account.deactivate", other_plan.short_name, by),
        ("account.reactivate", plan.short_name, by),
        ("account.reactivate", other_plan.short_name, by),
    ]


def test_a_refused_or_idle_change_logs_nothing(plan, coordinator, member):
    services.user_reactivate(user=member, actor=coordinator)  # already active: no change
    with pytest.raises(ValidationError):
        services.user_deactivate(user=coordinator, actor=coordinator)  # oneself: refused
    assert _events(member) == [] and _events(coordinator) == []


def test_the_coordinators_change_log_shows_it(client, plan, coordinator, member):
    client.force_login(coordinator)
    client.post(member_url(plan, member, "member_deactivate"))
    client.post(member_url(plan, member, "member_reactivate"))
    response = client.get(
        reverse("plans:change_log", args=[plan.short_name]), HTTP_ACCEPT_LANGUAGE="en"
    )
    rows = [
        tr.get_text(" ", strip=True)
        for tr in parse_html(response).select("table.change-log tbody tr")
    ]
    assert any("Account deactivated" in row and "Mira Member" in row for row in rows)
    assert any("Account reactivated" in row for row in rows)
    only_kind = client.get(
        reverse("plans:change_log", args=[plan.short_name]) + "?kind=account.deactivate"
    )
    assert len(parse_html(only_kind).select("table.change-log tbody tr")) == 1
