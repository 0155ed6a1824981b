"""Changing your password while logged in; new passwords are hashed with Argon2."""

import importlib

from django.urls import reverse

from planmonitor.tests.html import parse_html

from .helpers import PASSWORD, is_logged_in, log_in

URL = reverse("accounts:password_change")
NEW_PASSWORD = "paarse olifant op de fiets"
# The project's own settings module; the suite's MD5 fixture only overrides django.conf.settings.
PROJECT_SETTINGS = importlib.import_module("planmonitor.settings")


def _change(client, old: str = PASSWORD, new: str = NEW_PASSWORD):
    return client.post(URL, {"old_password": old, "new_password1": new, "new_password2": new})


def test_it_asks_anonymous_visitors_to_log_in(client, db):
    response = client.get(URL)
    assert response["Location"] == f"{reverse('login')}?next={URL}"


def test_it_shows_the_form(client, member):
    client.force_login(member)
    soup = parse_html(client.get(URL))
    names = {field["name"] for field in soup.select("main form input[type=password]")}
    assert names == {"old_password", "new_password1", "new_password2"}


def test_it_changes_the_password(client, member):
    client.force_login(member)

    response = _change(client)

    assert response["Location"] == reverse("accounts:password_change_done")
    assert client.get(response["Location"]).status_code == 200
    client.logout()
    log_in(client, "member", NEW_PASSWORD)
    assert is_logged_in(client)


def test_it_needs_the_current_password(client, member):
    client.force_login(member)
    response = _change(client, old="wrong-password")
    assert response.context["form"].errors["old_password"]


def test_it_refuses_weak_passwords(client, member):
    client.force_login(member)
    for weak in ["kort", "123456789012345", "password12345", "qwertyqwerty"]:
        response = _change(client, new=weak)
        assert response.context["form"].errors["new_password2"], weak


def test_argon2_is_the_first_hasher():
    assert (
        PROJECT_SETTINGS.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    )


def test_a_new_password_is_stored_as_argon2(client, settings, make_user):
    settings.PASSWORD_HASHERS = PROJECT_SETTINGS.PASSWORD_HASHERS
    person = make_user("argon")  # hashed with the real hashers from the start
    client.force_login(person)

    _change(client)

    person.refresh_from_db()
    assert person.password.startswith("argon2$")
    assert person.check_password(NEW_PASSWORD)


def test_the_admins_password_change_uses_our_template_and_still_works(client, make_user):
    # Django's admin renders registration/password_change_form.html too: ours must serve it.
    admin = make_user("admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    url = reverse("admin:password_change")

    response = client.post(
        url,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response["Location"] == reverse("admin:password_change_done")
    admin.refresh_from_db()
    assert admin.check_password(NEW_PASSWORD)
