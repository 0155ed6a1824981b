"""The demo coordinator and administrator must use two-step login: a known, printed example key."""

import base64
from io import StringIO

from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from planmonitor.accounts import services
from planmonitor.accounts.models import User
from planmonitor.accounts.tests.two_factor_helpers import VERIFY, is_verified
from planmonitor.demo.plan import DEMO_ACCOUNTS, demo_load
from planmonitor.tests.two_factor import password_only_login

WITH_KEY = {a.username: a for a in DEMO_ACCOUNTS if a.totp_secret}


def _code(secret: str, steps_ahead: int = 0) -> str:
    totp = TOTP(base64.b32decode(secret))
    totp.time += steps_ahead * 30
    return f"{totp.token():06d}"


def test_the_accounts_that_must_use_it_get_the_printed_key(plan, settings):
    settings.LANGUAGE_CODE = "en"  # the commands speak the interface's language
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert set(WITH_KEY) == {"demo-coordinator", "demo-admin"}
    for account in WITH_KEY.values():
        assert account.totp_secret in out.getvalue()
        device = TOTPDevice.objects.get(user__username=account.username)
        assert device.bin_key == base64.b32decode(account.totp_secret)
        assert User.objects.get(username=account.username).two_factor_enabled_at is not None
    assert TOTPDevice.objects.count() == 2
    assert "Example data" in out.getvalue()


def test_a_tester_logs_in_with_the_code_of_the_printed_key(client, demo):
    account = WITH_KEY["demo-coordinator"]
    password_only_login(client, User.objects.get(username=account.username))

    client.post(VERIFY, {"code": _code(account.totp_secret)})

    assert is_verified(client)


def test_demo_accounts_from_before_two_step_login_get_their_key(demo):
    TOTPDevice.objects.all().delete()
    User.objects.update(two_factor_enabled_at=None)

    report = demo_load()

    assert report.created["two-step login apps"] == 2
    assert TOTPDevice.objects.count() == 2


def test_an_app_a_tester_set_up_is_left_alone(demo):
    user = User.objects.get(username="demo-coordinator")
    key = services.two_factor_key_new()
    services.two_factor_enrol(user=user, key=key, code=f"{TOTP(bytes.fromhex(key)).token():06d}")

    demo_load()

    assert TOTPDevice.objects.get(user=user).key == key


def test_remove_demo_removes_their_apps(demo):
    call_command("remove_demo", stdout=StringIO())
    assert not TOTPDevice.objects.exists()
