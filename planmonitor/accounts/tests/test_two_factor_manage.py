"""Managing one's two-step login: see it is on, new backup codes, turn it off (if allowed)."""

from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from planmonitor.accounts.models import User
from planmonitor.tests.html import parse_html as _soup

from .helpers import messages_of
from .two_factor_helpers import BACKUP_CODES, MANAGE, enrol

RENEW = reverse("accounts:two_factor_backup_codes_renew")
REMOVE = reverse("accounts:two_factor_remove")


def test_it_says_whether_it_is_on(client, owner):
    client.force_login(owner)
    assert _soup(client.get(MANAGE)).select_one("#two-factor-status")["data-enabled"] == "false"

    enrol(owner)
    client.force_login(owner)

    soup = _soup(client.get(MANAGE))
    assert soup.select_one("#two-factor-status")["data-enabled"] == "true"
    assert soup.select_one("#backup-codes-left").get_text(strip=True) == "10 ongebruikte codes"


def test_new_backup_codes_replace_the_old_ones(client, owner):
    _device, old = enrol(owner)
    client.force_login(owner)

    response = client.post(RENEW)

    assert response["Location"].startswith(BACKUP_CODES)
    new = [
        c.get_text().replace(" ", "")
        for c in _soup(client.get(response["Location"])).select("#backup-codes code")
    ]
    assert len(new) == 10 and not set(new) & set(old)
    assert sorted(
        StaticToken.objects.filter(device__user=owner).values_list("token", flat=True)
    ) == sorted(new)
    assert User.history.filter(id=owner.pk).latest().history_change_reason == "Nieuwe reservecodes"


def test_who_chose_it_may_turn_it_off(client, owner):
    enrol(owner)
    client.force_login(owner)

    client.post(REMOVE)

    owner.refresh_from_db()
    assert owner.two_factor_enabled_at is None
    assert not TOTPDevice.objects.filter(user=owner).exists()
    assert not StaticToken.objects.filter(device__user=owner).exists()
    assert client.get(reverse("plans:my_actions")).status_code == 200


def test_a_coordinator_may_not_turn_it_off(client, coordinator):
    enrol(coordinator)
    client.force_login(coordinator)

    page = _soup(client.get(MANAGE))
    response = client.post(REMOVE, follow=True)

    assert page.select_one(f'form[action="{REMOVE}"]') is None
    assert page.select_one("#two-factor-required") is not None
    assert messages_of(response)[0][0] == "error"
    assert TOTPDevice.objects.filter(user=coordinator).exists()


def test_the_page_says_what_to_do_in_english(client, owner):
    client.force_login(owner)
    response = client.get(MANAGE, headers={"accept-language": "en"})
    assert _soup(response).h1.get_text() == "Two-step login"
