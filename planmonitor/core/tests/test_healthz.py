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
