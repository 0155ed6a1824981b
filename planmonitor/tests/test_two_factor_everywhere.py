"""Two-step login holds for every URL of the project: the middleware, not each view, enforces it.

A coordinator (or administrator) who gave only their password can open nothing but the
two-step pages, logging out and the language switch, whatever the URL and method.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib import admin
from django.urls import reverse

from planmonitor.accounts.tests.two_factor_helpers import enrol
from planmonitor.tests.two_factor import password_only_login

# ``objects``: the matrix's fixture (an action, a round, a report, ...), reused here.
from .test_authorization_matrix import MATRIX, _fingerprint

OPEN = {
    "accounts:two_factor_verify",
    "accounts:two_factor_enrol",
    "logout",
    "set_language",
}
# The API reads no session (a token or nothing: api/auth.py), so a password-only session
# opens nothing there; test_the_api_treats_a_password_only_session_as_anonymous holds it.
# /healthz (the load balancer's probe) reads no session either.
SESSIONLESS_NAMESPACES = {"api"}
SESSIONLESS = {"healthz"}
VERIFY = reverse("accounts:two_factor_verify")
ENROL = reverse("accounts:two_factor_enrol")


def _urls(request) -> list[tuple[str, str]]:
    made = request.getfixturevalue("objects")
    urls = [
        (name, reverse(name, kwargs=entry.kwargs(made)))
        for name, entry in MATRIX.items()
        if name not in OPEN | SESSIONLESS and name.split(":")[0] not in SESSIONLESS_NAMESPACES
    ]
    urls += [
        (
            f"admin:{m._meta.label}",
            reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist"),
        )
        for m in admin.site._registry
    ]
    return [*urls, ("admin:index", reverse("admin:index"))]


def _assert_sent_to(response, page: str, url: str, method: str) -> None:
    assert response.status_code == 302, f"{method} {url}"
    location = urlsplit(response["Location"])
    assert location.path == page, f"{method} {url} went to {response['Location']}"
    if method == "GET":
        assert parse_qs(location.query)["next"] == [url]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_coordinator_without_two_step_login_is_sent_to_set_it_up(
    client, coordinator, request, method
):
    urls = _urls(request)
    password_only_login(client, coordinator)
    before = _fingerprint()
    for _name, url in urls:
        response = client.get(url) if method == "GET" else client.post(url, {})
        _assert_sent_to(response, ENROL, url, method)
    assert _fingerprint() == before


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_coordinator_with_it_is_asked_for_the_code_first(client, coordinator, request, method):
    enrol(coordinator)
    password_only_login(client, coordinator)
    for _name, url in _urls(request):
        response = client.get(url) if method == "GET" else client.post(url, {})
        _assert_sent_to(response, VERIFY, url, method)


def test_an_administrator_without_a_code_is_kept_out_of_the_admin(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org")
    password_only_login(client, root)

    response = client.get(reverse("admin:index"))

    _assert_sent_to(response, ENROL, reverse("admin:index"), "GET")


def test_logging_out_and_switching_language_still_work(client, coordinator):
    password_only_login(client, coordinator)

    assert (
        client.post(reverse("set_language"), {"language": "en", "next": ENROL})["Location"] == ENROL
    )
    assert client.get(ENROL).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_htmx_request_is_sent_there_by_htmx(client, coordinator):
    password_only_login(client, coordinator)

    response = client.get(reverse("plans:my_actions"), headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert urlsplit(response["HX-Redirect"]).path == ENROL


@pytest.mark.parametrize("who", ["owner", "contributor", "network_member", "evaluator"])
def test_the_others_are_not_asked(client, request, who):
    password_only_login(client, request.getfixturevalue(who))
    assert client.get(reverse("plans:my_actions")).status_code == 200


def test_the_test_clients_force_login_passes_the_second_step(client, coordinator):
    # What every other test relies on (planmonitor/conftest.py).
    client.force_login(coordinator)
    assert client.get(reverse("plans:my_actions")).status_code == 200


def test_the_api_treats_a_password_only_session_as_anonymous(client, coordinator, request):
    made = request.getfixturevalue("objects")
    password_only_login(client, coordinator)
    # The matrix's plan is not published: its reads answer 404 to the public.
    url = reverse("api:plan", kwargs={"short_name": made["action"].plan.short_name})
    assert client.get(url).status_code == 404
    assert client.get(url, headers={"authorization": ""}).status_code == 404
