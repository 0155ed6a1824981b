"""Two-step login in tests: ``force_login`` logs people in past the code, as they work.

Coordinators and administrators must enter a code after their password (the
middleware sends them to the code page until they did). Most tests are about
what such a person does once logged in, so ``planmonitor/conftest.py`` makes the
test client's ``force_login`` also pass the second step for them.
Tests of the second step itself log in with ``password_only_login``.
"""

from __future__ import annotations

import time

from django.test.client import ClientMixin
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from planmonitor.accounts.models import Membership, Role

TEST_KEY = "3132333435363738393031323334353637383930"  # RFC 4226's example secret, hex

# Django's own: the session has the password step only.
password_only_login = ClientMixin.force_login


def needs_second_step(user) -> bool:
    """The policy's rule, read afresh (the policy caches roles on the user object)."""
    return bool(
        user.is_active
        and (
            user.is_superuser
            or user.is_staff
            or user.two_factor_enabled_at is not None
            or Membership.objects.filter(user=user, role=Role.COORDINATOR).exists()
        )
    )


def app_of(user) -> TOTPDevice:
    """The person's authenticator app; a test one with ``TEST_KEY`` if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test app", key=TEST_KEY)
    return device


def pass_second_step(client, user) -> TOTPDevice:
    """Mark the client's session as verified by the person's app (what the code page does)."""
    device = app_of(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def force_login_past_second_step(self, user, backend=None) -> None:
    password_only_login(self, user, backend)
    if needs_second_step(user):
        pass_second_step(self, user)


def code_of(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the person's app shows now (or ``steps_ahead`` periods of 30 s later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"
