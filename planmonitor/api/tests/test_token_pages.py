"""The personal token page: reached from the navigation, the secret shown once, revocable."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from planmonitor.api.models import ApiToken
from planmonitor.conftest import role_user_create

pytestmark = pytest.mark.django_db


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_every_signed_in_page_links_to_one_s_tokens(client, owner):
    client.force_login(owner)
    nav = _soup(client.get(reverse("plans:my_actions"))).find("nav", class_="site-nav")
    assert nav.find("a", href=reverse("api_tokens:own_tokens"))


def test_a_new_token_is_shown_once_works_and_is_revoked(client, owner, plan):
    client.force_login(owner)
    response = client.post(reverse("api_tokens:own_token_create"), {"name": "Ons systeem"})
    assert response.status_code == 200
    secret = _soup(response).find("input", id="new-token")["value"]
    assert secret.startswith("pm_")
    assert "no-store" in response["Cache-Control"]
    assert secret not in client.get(reverse("api_tokens:own_tokens")).content.decode()
    reports = reverse("api:reports", kwargs={"short_name": plan.short_name})
    assert client.get(reports, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200

    token = ApiToken.objects.get(user=owner)
    response = client.post(reverse("api_tokens:own_token_revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 302

    assert client.get(reports, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_the_plan_page_links_to_its_organisation_tokens_for_the_coordinator_only(
    client, plan, coordinator
):
    plan_page = reverse("plans:plan_detail", args=[plan.short_name])
    tokens = reverse("api_tokens:plan_tokens", args=[plan.short_name])
    client.force_login(coordinator)
    assert tokens in [a["href"] for a in _soup(client.get(plan_page)).select("main a")]
    client.force_login(role_user_create(plan, "owner"))
    assert tokens not in [a["href"] for a in _soup(client.get(plan_page)).select("main a")]
