"""Adding a person: a first role, no password known to anyone, a mail to choose one."""

import re

import pytest
from django.urls import reverse

from planmonitor.accounts.models import Membership, Role, User
from planmonitor.tests.html import parse_html as soup_of

from .helpers import is_logged_in, log_in, member_url, members_url

LINK = re.compile(r"https?://testserver(/wachtwoord/nieuw/[^/\s]+/[^/\s]+/)")


@pytest.fixture
def url(plan) -> str:
    return members_url(plan, "member_create")


def _data(**overrides) -> dict:
    return {
        "username": "nieuw",
        "first_name": "Nina",
        "last_name": "Nieuw",
        "email": "nina@example.org",
        "role": Role.NETWORK_MEMBER,
        **overrides,
    }


def _create(client, url, django_capture_on_commit_callbacks, **overrides):
    # The mail leaves when the transaction commits; the test runs in one, so run the callbacks.
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url, _data(**overrides))


def test_it_shows_the_form_to_a_coordinator(client, coordinator, url):
    client.force_login(coordinator)
    form = soup_of(client.get(url)).select_one(f'form[action="{url}"]')
    names = {field["name"] for field in form.select("input, select") if field.get("name")}
    assert {"username", "first_name", "last_name", "email", "role", "organisation"} <= names
    assert "ministers" in names
    assert "password" not in " ".join(names)


@pytest.mark.parametrize("who", ["network_member", "evaluator", "owner"])
def test_it_refuses_everyone_else(client, url, who, request, mailoutbox):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url).status_code == 403
    assert client.post(url, _data()).status_code == 403
    assert not User.objects.filter(username="nieuw").exists()


def test_it_creates_the_person_with_a_role_and_mails_a_password_link(
    client, plan, coordinator, url, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    response = _create(client, url, django_capture_on_commit_callbacks)

    person = User.objects.get(username="nieuw")
    assert response.status_code == 302
    assert response["Location"] == member_url(plan, person)
    assert (person.first_name, person.last_name, person.email) == (
        "Nina",
        "Nieuw",
        "nina@example.org",
    )
    assert person.is_active and not person.has_usable_password()
    assert list(person.memberships.values_list("plan", "role")) == [(plan.pk, "network_member")]
    [mail] = mailoutbox
    assert mail.to == ["nina@example.org"]
    assert "nieuw" in mail.body  # the username, to log in with later
    assert LINK.search(mail.body) is not None


def test_the_person_cannot_log_in_until_they_choose_a_password(
    client, coordinator, url, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    _create(client, url, django_capture_on_commit_callbacks)
    client.logout()

    assert log_in(client, "nieuw", "").status_code == 200
    assert log_in(client, "nieuw", "!").status_code == 200
    assert not is_logged_in(client)

    # The mailed link leads to the "choose your password" form.
    path = LINK.search(mailoutbox[0].body).group(1)
    set_password = client.get(path, follow=True)
    assert set_password.context["validlink"] is True
    new_password = "correct horse battery staple"
    response = client.post(
        set_password.request["PATH_INFO"],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")

    log_in(client, "nieuw", new_password)
    assert is_logged_in(client)


def test_it_requires_ministers_for_a_contributor(
    client, coordinator, url, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    response = _create(client, url, django_capture_on_commit_callbacks, role=Role.CONTRIBUTOR)
    assert response.status_code == 200
    assert response.context["form"].errors["ministers"]
    assert soup_of(response).select_one(".error-summary a[href='#id_ministers']") is not None
    assert not User.objects.filter(username="nieuw").exists()
    assert mailoutbox == []


def test_it_creates_a_contributor_with_their_ministers(
    client, plan, coordinator, url, minister, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    _create(
        client,
        url,
        django_capture_on_commit_callbacks,
        role=Role.CONTRIBUTOR,
        ministers=[minister.pk],
    )
    membership = Membership.objects.get(user__username="nieuw")
    assert list(membership.ministers.all()) == [minister]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("username", "Coordinator"),  # taken, whatever the case
        ("username", "no spaces"),
        ("email", "NOT-UNIQUE@example.org"),
        ("email", "geen-adres"),
        ("first_name", ""),
    ],
)
def test_it_refuses_invalid_or_taken_details(
    client, coordinator, url, field, value, mailoutbox, django_capture_on_commit_callbacks
):
    coordinator.email = "not-unique@example.org"
    coordinator.save()
    client.force_login(coordinator)
    response = _create(client, url, django_capture_on_commit_callbacks, **{field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert User.objects.count() == 1
    assert mailoutbox == []


def test_it_refuses_an_organisation_of_another_plan(
    client, coordinator, url, other_plan, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    foreign = other_plan.organisations.get()
    response = _create(client, url, django_capture_on_commit_callbacks, organisation=foreign.pk)
    assert "organisation" in response.context["form"].errors
    assert not User.objects.filter(username="nieuw").exists()
