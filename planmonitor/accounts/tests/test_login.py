from django.urls import reverse

from planmonitor.tests.html import parse_html

from .helpers import is_logged_in, log_in


def test_it_renders_the_login_form(client, db):
    soup = parse_html(client.get(reverse("login")))
    form = soup.find("form", action=reverse("login"))
    assert form.find("input", attrs={"name": "username"}) is not None
    assert form.find("input", attrs={"name": "password", "type": "password"}) is not None


# --- a forgotten password, a deactivated person, the session --------------------------------


def test_it_links_to_the_forgotten_password_page(client, db):
    soup = parse_html(client.get(reverse("login")))
    assert soup.select_one(f'main a[href="{reverse("accounts:password_reset")}"]') is not None


def test_it_logs_in_with_the_right_password(client, member):
    response = log_in(client, "member")
    assert response.status_code == 302
    assert is_logged_in(client)


def test_it_shows_an_error_for_a_wrong_password(client, member):
    response = log_in(client, "member", "wrong-password")
    assert response.status_code == 200
    alert = parse_html(response).select_one(".form-errors[role=alert]")
    assert alert is not None and alert.get_text(strip=True)
    assert not is_logged_in(client)


def test_a_deactivated_person_cannot_log_in(client, member):
    member.is_active = False
    member.save()

    response = log_in(client, "member")

    assert response.status_code == 200
    assert not is_logged_in(client)


def test_a_session_ends_when_the_person_is_deactivated(client, plan, member):
    client.force_login(member)
    assert client.get(reverse("plans:overview")).wsgi_request.user.is_authenticated

    member.is_active = False
    member.save()

    response = client.get(reverse("accounts:password_change"))
    assert not response.wsgi_request.user.is_authenticated
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_session_lasts_eight_hours_and_ends_with_the_browser(client, member, settings):
    log_in(client, "member")

    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # a browser-session cookie
    assert cookie["httponly"] is True
    assert client.session.get_expiry_age() == 8 * 60 * 60


def test_after_login_each_person_lands_on_their_own_actions(client, member):
    response = log_in(client, "member")
    assert response["Location"] == reverse("plans:my_actions")
