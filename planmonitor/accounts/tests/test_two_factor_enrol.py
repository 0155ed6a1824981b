"""Setting up two-step login: scan the QR code (or type the key), confirm with a first code."""

import base64
import re

from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from planmonitor.accounts.models import User
from planmonitor.tests.html import parse_html

from .two_factor_helpers import (
    BACKUP_CODES,
    ENROL,
    VERIFY,
    code_for_key,
    enrol,
    is_verified,
    next_code,
    password_only_login,
)


def _pending_key(client) -> str:
    return client.session["two_factor_pending_key"]


def test_it_shows_a_qr_code_and_the_key_to_type(client, coordinator):
    password_only_login(client, coordinator)

    response = client.get(ENROL)

    soup = parse_html(response)
    qr = soup.select_one("img#two-factor-qr")
    assert qr["src"].startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(qr["src"].split(",", 1)[1]).decode()
    assert svg.startswith("<svg") and "<script" not in svg
    secret = soup.select_one("#two-factor-secret").get_text().replace(" ", "")
    assert base64.b32decode(secret).hex() == _pending_key(client)
    assert soup.select_one("#two-factor-required") is not None
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_key_stays_the_same_until_it_is_confirmed(client, coordinator):
    password_only_login(client, coordinator)
    client.get(ENROL)
    first = _pending_key(client)
    client.get(ENROL)
    assert _pending_key(client) == first


def test_a_wrong_first_code_sets_up_nothing(client, coordinator):
    password_only_login(client, coordinator)
    client.get(ENROL)

    response = client.post(ENROL, {"code": "123456"})

    assert response.status_code == 200
    assert "niet juist" in parse_html(response).get_text()
    assert not TOTPDevice.objects.filter(user=coordinator).exists()


def test_the_right_code_turns_it_on_and_shows_ten_backup_codes_once(client, coordinator):
    password_only_login(client, coordinator)
    client.get(ENROL)

    response = client.post(ENROL, {"code": code_for_key(_pending_key(client)), "next": "/x/"})

    assert response["Location"] == f"{BACKUP_CODES}?next=%2Fx%2F"
    assert is_verified(client)
    page = client.get(response["Location"])
    shown = [
        c.get_text().replace(" ", "")  # shown in two groups of 4
        for c in parse_html(page).select("#backup-codes code")
    ]
    assert len(shown) == 10
    assert set(shown) == set(
        StaticToken.objects.filter(device__user=coordinator).values_list("token", flat=True)
    )
    assert client.get(BACKUP_CODES)["Location"] == reverse("accounts:two_factor_manage")
    assert "two_factor_pending_key" not in client.session


def test_it_is_recorded_in_the_accounts_history(client, coordinator):
    password_only_login(client, coordinator)
    client.get(ENROL)

    client.post(ENROL, {"code": code_for_key(_pending_key(client))})

    coordinator.refresh_from_db()
    assert coordinator.two_factor_enabled_at is not None
    record = User.history.filter(id=coordinator.pk).latest()
    assert record.history_change_reason == "Tweestapsverificatie ingesteld"
    assert record.history_user_id == coordinator.pk
    assert record.two_factor_enabled_at == coordinator.two_factor_enabled_at


def test_the_first_code_cannot_be_used_again_to_log_in(client, coordinator):
    password_only_login(client, coordinator)
    client.get(ENROL)
    code = code_for_key(_pending_key(client))
    client.post(ENROL, {"code": code})
    client.logout()
    password_only_login(client, coordinator)

    client.post(VERIFY, {"code": code})

    assert not is_verified(client)


def test_moving_to_a_new_app_needs_the_current_code_first(client, coordinator):
    enrol(coordinator)
    password_only_login(client, coordinator)

    assert client.get(ENROL)["Location"].startswith(VERIFY)

    client.post(VERIFY, {"code": next_code(coordinator)})
    page = client.get(ENROL)
    assert "nieuwe app" in parse_html(page).h1.get_text()
    old = TOTPDevice.objects.get(user=coordinator)
    client.post(ENROL, {"code": code_for_key(_pending_key(client))})
    new = TOTPDevice.objects.get(user=coordinator)  # one app: the old one is gone
    assert new.pk != old.pk
    assert is_verified(client)


def test_anyone_may_set_it_up_from_the_menu(client, owner):
    client.force_login(owner)
    home = client.get(reverse("plans:my_actions"))
    nav = parse_html(home).select_one(".site-nav")
    assert nav.select_one(f'a[href="{reverse("accounts:two_factor_manage")}"]').get_text() == (
        "Tweestapsverificatie"
    )
    client.get(ENROL)

    client.post(ENROL, {"code": code_for_key(_pending_key(client))})

    owner.refresh_from_db()
    assert owner.two_factor_enabled_at is not None
    client.logout()
    password_only_login(client, owner)
    assert client.get(reverse("plans:my_actions"))["Location"].startswith(VERIFY)


def test_the_page_speaks_english_too(client, coordinator):
    password_only_login(client, coordinator)

    response = client.get(ENROL, headers={"accept-language": "en"})

    assert re.search(r"Set up two-step login", response.content.decode())
