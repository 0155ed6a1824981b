"""A stand-in arranged tells the stand-in and the person on leave, never who arranged it."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from planmonitor.accounts import services
from planmonitor.accounts.models import Role
from planmonitor.audit.context import audit_context
from planmonitor.notifications.models import Notification


@pytest.fixture
def colleague(plan, make_user):
    user = make_user("colleague", plan, Role.NETWORK_MEMBER)
    user.email = "colleague@example.org"
    user.save(update_fields=["email"])
    return user


def _arrange(plan, person, stand_in, by):
    today = timezone.localdate()
    with audit_context(channel="web", user=by):
        return services.stand_in_add(
            plan=plan,
            person=person,
            stand_in=stand_in,
            starts_on=today,
            ends_on=today + dt.timedelta(days=14),
        )


def test_the_person_arranging_their_own_leave_tells_only_the_stand_in(
    plan, owner, colleague, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _arrange(plan, owner, colleague, by=owner)

    [notification] = Notification.objects.all()
    assert notification.recipient == colleague
    assert notification.kind == "stand_in_arranged"
    assert notification.title == f"Colleague staat in voor {owner.get_full_name()} (ggg-2025-2029)"
    # A network member has no work of their own to lend: the link opens their home.
    assert notification.url == reverse("plans:my_actions")
    [sent] = mail.outbox
    assert sent.to == [colleague.email] and "Colleague staat in voor" in sent.subject


def test_a_coordinator_arranging_it_tells_both(plan, owner, colleague, coordinator):
    _arrange(plan, owner, colleague, by=coordinator)

    by_recipient = {n.recipient_id: n for n in Notification.objects.all()}
    assert set(by_recipient) == {owner.pk, colleague.pk}
    assert by_recipient[owner.pk].url == reverse("accounts:own_stand_ins")
    assert timezone.localdate().strftime("%d/%m/%Y") in by_recipient[owner.pk].summary
