"""The inbox: the unread count in the header, opening, marking read, the settings."""

from django.urls import reverse

from planmonitor.notifications import services
from planmonitor.notifications.models import Notification, Preference
from planmonitor.tests.html import parse_html

INBOX = reverse("notifications:inbox")


def _notify(user, title="Rapport T001 ingediend", url="/plans/x/"):
    (notification,) = services.notify(
        kind="report_submitted", recipients=[user], url=url, message=lambda: (title, "Samenvatting")
    )
    return notification


def _count(client, url=INBOX):
    badge = parse_html(client.get(url)).select_one("header nav .nav-count")
    return None if badge is None else int(badge["data-unread"])


def test_the_header_counts_the_unread_notifications(client, coordinator, owner):
    client.force_login(coordinator)
    assert _count(client) is None
    _notify(coordinator)
    _notify(coordinator, title="Tweede")
    _notify(owner)  # someone else's
    assert _count(client) == 2
    assert _count(client, reverse("plans:my_actions")) == 2


def test_the_inbox_lists_unread_first_and_opening_marks_read(client, coordinator):
    first = _notify(coordinator, title="Eerste")
    _notify(coordinator, title="Tweede")
    client.force_login(coordinator)

    response = client.get(reverse("notifications:open", args=[first.pk]))

    assert response["Location"] == "/plans/x/"
    first.refresh_from_db()
    assert first.read_at is not None
    soup = parse_html(client.get(INBOX))
    titles = [
        li.select_one(".notification__title").get_text(strip=True)
        for li in soup.select("li.notification")
    ]
    assert titles == ["Tweede", "Eerste"]
    assert soup.select("li.notification--unread") == soup.select("li.notification")[:1]


def test_mark_read_and_all_read(client, coordinator):
    one = _notify(coordinator)
    _notify(coordinator)
    client.force_login(coordinator)
    client.post(reverse("notifications:mark_read", args=[one.pk]))
    assert _count(client) == 1
    client.post(reverse("notifications:all_read"))
    assert _count(client) is None
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_someone_elses_notification_does_not_exist(client, coordinator, owner):
    theirs = _notify(owner)
    client.force_login(coordinator)
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("notifications:mark_read", args=[theirs.pk])).status_code == 404


def test_a_link_elsewhere_is_not_followed(client, coordinator):
    evil = _notify(coordinator, url="https://evil.example.org/")
    client.force_login(coordinator)
    assert client.get(reverse("notifications:open", args=[evil.pk]))["Location"] == INBOX


def test_the_settings_store_a_choice_per_kind_and_the_language(client, coordinator):
    client.force_login(coordinator)
    page = parse_html(client.get(reverse("notifications:preferences")))
    kinds = {i["name"] for i in page.select("input[type=radio]")}
    assert "kind_report_submitted" in kinds and "kind_round_opened" in kinds
    data = {name: "digest" for name in kinds} | {"kind_report_submitted": "none", "language": "en"}

    response = client.post(reverse("notifications:preferences"), data)

    assert response.status_code == 302
    assert Preference.objects.get(user=coordinator, kind="report_submitted").delivery == "none"
    assert coordinator.mail_settings.language == "en"


def test_a_registered_kind_gets_its_choice_on_the_settings_page(client, coordinator):
    from planmonitor.core import registry

    kind = registry.NotificationKind(
        key="newapp-digest", label="Weekly digest", default_delivery="none"
    )
    client.force_login(coordinator)
    with registry.contributed(kind):
        page = parse_html(client.get(reverse("notifications:preferences")))
    checked = page.select_one("input[name=kind_newapp-digest][checked]")
    assert checked["value"] == "none"
