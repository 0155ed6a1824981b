"""A coordinator resets a member's two-step login (lost phone): recorded, and it really ends."""

from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from planmonitor.accounts.models import Role, User
from planmonitor.tests.html import parse_html

from .helpers import member_url, messages_of
from .two_factor_helpers import ENROL, VERIFY, enrol, next_code, password_only_login


def test_the_members_page_shows_it_and_offers_the_reset(client, plan, coordinator, member):
    enrol(member)
    client.force_login(coordinator)

    soup = parse_html(client.get(member_url(plan, member)))

    assert soup.select_one("#member-two-factor")["data-enabled"] == "true"
    assert soup.select_one("#member-two-factor-reset button") is not None


def test_it_is_not_offered_when_it_is_off(client, plan, coordinator, member):
    client.force_login(coordinator)
    soup = parse_html(client.get(member_url(plan, member)))
    assert soup.select_one("#member-two-factor-reset") is None


def test_the_reset_removes_the_app_and_is_recorded_with_who_did_it(
    client, plan, coordinator, member
):
    enrol(member)
    client.force_login(coordinator)

    response = client.post(member_url(plan, member, "member_two_factor_reset"), follow=True)

    assert messages_of(response)[0][0] == "success"
    member.refresh_from_db()
    assert member.two_factor_enabled_at is None
    assert not TOTPDevice.objects.filter(user=member).exists()
    record = User.history.filter(id=member.pk).latest()
    assert record.history_user_id == coordinator.pk
    assert "Coordinator" in record.history_change_reason


def test_the_members_verified_sessions_stop_counting(plan, client, coordinator, make_user):
    other = make_user("other-coordinator", plan, Role.COORDINATOR)
    enrol(other)
    theirs = Client()
    password_only_login(theirs, other)
    theirs.post(VERIFY, {"code": next_code(other)})
    assert theirs.get("/mijn-acties/").status_code == 200
    client.force_login(coordinator)

    client.post(member_url(plan, other, "member_two_factor_reset"))

    assert theirs.get("/mijn-acties/")["Location"].startswith(ENROL)


def test_a_coordinator_cannot_reset_their_own(client, plan, coordinator):
    enrol(coordinator)
    client.force_login(coordinator)

    response = client.post(member_url(plan, coordinator, "member_two_factor_reset"), follow=True)

    assert messages_of(response)[0][0] == "error"
    assert TOTPDevice.objects.filter(user=coordinator).exists()


def test_an_administrators_is_for_a_superuser_to_reset(client, plan, coordinator, member):
    member.is_staff = True
    member.save()
    enrol(member)
    client.force_login(coordinator)

    response = client.post(member_url(plan, member, "member_two_factor_reset"), follow=True)

    assert messages_of(response)[0][0] == "error"
    assert TOTPDevice.objects.filter(user=member).exists()
