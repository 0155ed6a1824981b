"""Helpers of the two-step login tests: setting it up as a person does, codes, URLs."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from planmonitor.accounts import services
from planmonitor.accounts.models import User
from planmonitor.tests.two_factor import TEST_KEY, code_of, password_only_login

VERIFY = reverse("accounts:two_factor_verify")
ENROL = reverse("accounts:two_factor_enrol")
MANAGE = reverse("accounts:two_factor_manage")
BACKUP_CODES = reverse("accounts:two_factor_backup_codes")

__all__ = ["TEST_KEY", "code_of", "password_only_login"]


def code_for_key(key: str, *, steps_ahead: int = 0) -> str:
    totp = TOTP(bytes.fromhex(key))
    totp.time = timezone.now().timestamp() + steps_ahead * 30
    return f"{totp.token():06d}"


def enrol(user: User, key: str = TEST_KEY) -> tuple[TOTPDevice, list[str]]:
    """Set up two-step login through the service, as the enrol page does."""
    return services.two_factor_enrol(user=user, key=key, code=code_for_key(key))


def next_code(user: User) -> str:
    """A code the app will accept at login: the enrolment used up the current one."""
    return code_of(TOTPDevice.objects.get(user=user), steps_ahead=1)


def wait_out_throttle(user: User) -> None:
    """As if the person waited as long as django-otp asks after wrong codes."""
    long_ago = timezone.now() - dt.timedelta(days=1)
    TOTPDevice.objects.filter(user=user).update(throttling_failure_timestamp=long_ago)


def is_verified(client) -> bool:
    return DEVICE_ID_SESSION_KEY in client.session
