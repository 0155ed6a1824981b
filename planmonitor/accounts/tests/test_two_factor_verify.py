"""The code page after the password: the app's code or a backup code; wrong codes are throttled."""

from django.conf import settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from planmonitor.tests.html import parse_html

from .helpers import is_logged_in
from .two_factor_helpers import (
    VERIFY,
    enrol,
    is_verified,
    next_code,
    password_only_login,
    wait_out_throttle,
)

HOME = reverse(settings.LOGIN_REDIRECT_URL)


def _errors(response) -> str:
    soup = parse_html(response)
    return " ".join(e.get_text(" ", strip=True) for e in soup.select(".field__error"))


def test_it_asks_for_the_code(client, coordinator):
    enrol(coordinator)
    password_only_login(client, coordinator)

    response = client.get(VERIFY)

    soup = parse_html(response)
    field = soup.select_one("#two-factor-verify input[name=code]")
    assert field["autocomplete"] == "one-time-code"
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_right_code_lets_them_in_with_a_new_session_id(client, coordinator):
    enrol(coordinator)
    password_only_login(client, coordinator)
    before = client.session.session_key

    response = client.post(VERIFY, {"code": next_code(coordinator), "next": "/mijn-acties/"})

    assert response.status_code == 302 and response["Location"] == "/mijn-acties/"
    assert is_verified(client)
    assert client.session.session_key != before
    assert client.get(HOME).status_code == 200


def test_a_code_with_spaces_is_fine(client, coordinator):
    enrol(coordinator)
    password_only_login(client, coordinator)
    code = next_code(coordinator)

    client.post(VERIFY, {"code": f"{code[:3]} {code[3:]}"})

    assert is_verified(client)


def test_it_never_sends_anyone_to_another_site(client, coordinator):
    enrol(coordinator)
    password_only_login(client, coordinator)

    response = client.post(VERIFY, {"code": next_code(coordinator), "next": "https://evil.example"})

    assert response["Location"] == HOME


def test_a_wrong_code_is_refused(client, coordinator):
    enrol(coordinator)
    password_only_login(client, coordinator)

    response = client.post(VERIFY, {"code": "000000"})

    assert response.status_code == 200
    assert "niet juist" in _errors(response)
    assert not is_verified(client)
    assert client.get(HOME).status_code == 302


def test_after_a_wrong_code_the_next_waits_even_if_right(client, coordinator):
    enrol(coordinator)
    password_only_login(client, coordinator)
    client.post(VERIFY, {"code": "000000"})

    response = client.post(VERIFY, {"code": next_code(coordinator)})

    assert "Wacht" in _errors(response)
    assert not is_verified(client)
    assert TOTPDevice.objects.get(user=coordinator).throttling_failure_count == 1


def test_once_the_wait_is_over_the_right_code_works(client, coordinator):
    enrol(coordinator)
    password_only_login(client, coordinator)
    client.post(VERIFY, {"code": "000000"})
    wait_out_throttle(coordinator)

    client.post(VERIFY, {"code": next_code(coordinator)})

    assert is_verified(client)
    assert TOTPDevice.objects.get(user=coordinator).throttling_failure_count == 0


def test_wrong_codes_count_as_failed_logins_and_lock_the_account(client, coordinator):
    enrol(coordinator)
    password_only_login(client, coordinator)
    responses = []
    for _ in range(settings.AXES_FAILURE_LIMIT):
        wait_out_throttle(coordinator)
        responses.append(client.post(VERIFY, {"code": "000000"}))

    assert [r.status_code for r in responses[:-1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert responses[-1].status_code == 429
    assert "registration/locked_out.html" in [t.name for t in responses[-1].templates]
    assert not is_logged_in(client)  # the password alone no longer holds a session


def test_a_backup_code_works_once(client, coordinator):
    _device, codes = enrol(coordinator)
    password_only_login(client, coordinator)

    client.post(VERIFY, {"code": f"{codes[0][:4]} {codes[0][4:]}".upper()})  # as shown
    assert is_verified(client)

    client.logout()
    password_only_login(client, coordinator)
    response = client.post(VERIFY, {"code": codes[0]})
    assert not is_verified(client)
    assert "niet juist" in _errors(response)


def test_someone_without_an_app_is_sent_to_set_it_up(client, coordinator):
    password_only_login(client, coordinator)

    response = client.get(VERIFY)

    assert response["Location"].startswith(reverse("accounts:two_factor_enrol"))
