"""Login lockout (django-axes): 5 failures for a username from one address lock it for a while."""

import re

from django.conf import settings
from django.urls import reverse

from planmonitor.tests.html import parse_html

from .helpers import is_logged_in, log_in

LIMIT = settings.AXES_FAILURE_LIMIT


def _fail(client, times: int, username: str = "member") -> list:
    return [log_in(client, username, "wrong-password") for _ in range(times)]


def test_the_limit_is_five_failures_and_the_lock_lasts_an_hour():
    assert LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == 1.0
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_failures_before_the_limit_show_the_normal_login_error(client, member):
    for response in _fail(client, LIMIT - 1):
        assert response.status_code == 200
        soup = parse_html(response)
        assert soup.select_one(".form-errors[role=alert]") is not None
        assert soup.select_one("#locked-out") is None


def test_after_five_failures_even_the_right_password_is_refused(client, member):
    *_, fifth = _fail(client, LIMIT)
    assert fifth.status_code == 429

    response = log_in(client, "member")  # the right password

    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    assert not is_logged_in(client)


def test_the_lockout_page_explains_and_offers_a_password_reset(client, member):
    _fail(client, LIMIT)
    response = log_in(client, "member")

    soup = parse_html(response)
    alert = soup.select_one("#locked-out[role=alert]")
    text = alert.get_text()
    assert re.search(r"\b5\b", text) and re.search(r"\b1\s+uur\b", text)  # the limit, the wait
    assert soup.select_one(f'main a[href="{reverse("accounts:password_reset")}"]') is not None
    assert response["Content-Security-Policy"]  # a normal page of ours, with our headers


def test_the_lock_is_per_username(client, member, network_member):
    _fail(client, LIMIT, "member")
    log_in(client, "network")
    assert is_logged_in(client)


def test_a_success_before_the_limit_starts_the_count_again(client, member):
    _fail(client, LIMIT - 1)
    log_in(client, "member")
    client.logout()

    responses = _fail(client, LIMIT - 1)

    assert {response.status_code for response in responses} == {200}
