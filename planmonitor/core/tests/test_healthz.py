"""/healthz: "ok" in plain text, without touching the database or the session.

No ``db`` mark: pytest-django refuses any query, so a query would fail these tests."""

import pytest
from django.urls import reverse


def test_it_says_ok():
    from django.test import Client

    response = Client().get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


def test_it_reads_no_session_and_sets_no_cookie(client):
    # A session cookie sent along is not read either (it would cost a query).
    client.cookies["sessionid"] = "not-a-session"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_only_answers_reads(client, method):
    assert getattr(client, method)("/healthz").status_code == 405


def test_a_probe_over_plain_http_is_not_redirected_in_production(client, settings, monkeypatch):
    import runpy

    from planmonitor.core.tests.test_settings import CONFIG_VARIABLES, SETTINGS_PY

    for name in CONFIG_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DEBUG", "false")
    monkeypatch.setenv("SECRET_KEY", "k" * 60)
    production = runpy.run_path(str(SETTINGS_PY))
    settings.SECURE_SSL_REDIRECT = production["SECURE_SSL_REDIRECT"]
    settings.SECURE_REDIRECT_EXEMPT = production["SECURE_REDIRECT_EXEMPT"]
    assert client.get("/healthz").status_code == 200
    assert client.get("/nl/toegankelijkheid/").status_code == 301
