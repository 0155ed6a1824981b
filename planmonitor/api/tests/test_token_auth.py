"""Tokens: the secret is stored hashed; expired, revoked or wrong tokens are 401."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from planmonitor.api.models import ApiToken
from planmonitor.api.tokens import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports_url(plan):
    return reverse("api:reports", kwargs={"short_name": plan.short_name})


def test_the_secret_is_not_stored(owner):
    token, plain = services.personal_token_create(user=owner, name="x")
    secret = plain.split("_", 2)[2]
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert secret not in repr(stored)
    assert stored["secret_hash"] == services.secret_hash(secret)
    assert plain.startswith(f"pm_{token.prefix}_")


def test_a_personal_token_expires_in_90_days_by_default(owner):
    token, _plain = services.personal_token_create(user=owner, name="x")
    assert token.expires_at - token.created_at == pytest.approx(
        dt.timedelta(days=90), abs=dt.timedelta(seconds=5)
    )


def test_a_token_lives_at_most_a_year(owner):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.personal_token_create(
            user=owner, name="x", expires_at=timezone.now() + dt.timedelta(days=400)
        )


def test_the_database_refuses_a_personal_token_without_expiry(owner):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        ApiToken.objects.create(
            kind="personal", name="x", user=owner, prefix="abcdefgh", secret_hash="x"
        )


def test_a_valid_token_reads_and_is_marked_used(client, owner, reports_url):
    token, plain = services.personal_token_create(user=owner, name="x")
    response = client.get(reports_url, HTTP_AUTHORIZATION=f"Bearer {plain}")
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("case", ["revoked", "expired", "wrong_secret", "garbage", "inactive"])
def test_a_token_that_does_not_work_is_401(client, owner, reports_url, case):
    token, plain = services.personal_token_create(user=owner, name="x")
    if case == "revoked":
        services.token_revoke(token=token, user=owner)
    elif case == "expired":
        ApiToken.objects.filter(pk=token.pk).update(
            created_at=timezone.now() - dt.timedelta(days=10),
            expires_at=timezone.now() - dt.timedelta(days=1),
        )
    elif case == "wrong_secret":
        plain = plain[:-3] + "xyz"
    elif case == "garbage":
        plain = "nonsense"
    elif case == "inactive":
        owner.is_active = False
        owner.save(update_fields=["is_active"])
    response = client.get(reports_url, HTTP_AUTHORIZATION=f"Bearer {plain}")
    assert response.status_code == 401
    assert response.json()["detail"]
