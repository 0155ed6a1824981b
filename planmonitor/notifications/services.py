"""Writes of notifications: telling people, marking read, their preferences, the mails.

``notify`` runs inside the caller's transaction: the notifications and their immediate
mails (rows of the outbox, notifications/outbox.py) are rows of the same transaction, and
the mails leave only once it commits, so a change rolled back tells nobody anything and a
change committed cannot lose its mail.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from planmonitor.core import registry

from . import outbox
from .models import Delivery, MailSettings, Notification, OutgoingMail, Preference

if TYPE_CHECKING:
    from planmonitor.accounts.models import User

logger = logging.getLogger(__name__)

# What a notification says, rendered once per recipient language: (title, summary).
Message = Callable[[], tuple[str, str]]


def kinds() -> dict[str, registry.NotificationKind]:
    return {kind.key: kind for kind in registry.registered(registry.NotificationKind)}


def languages_of(users: Iterable[User]) -> dict[int, str]:
    """User id → the language of their notifications and mails: one query."""
    ids = [user.pk for user in users]
    chosen = dict(
        MailSettings.objects.filter(user_id__in=ids)
        .exclude(language="")
        .values_list("user_id", "language")
    )
    return {pk: chosen.get(pk, settings.LANGUAGE_CODE) for pk in ids}


def deliveries_of(users: Iterable[User], kind: str) -> dict[int, str]:
    """User id → how they receive ``kind``: their choice, else the kind's default. One query."""
    ids = [user.pk for user in users]
    default = kinds()[kind].default_delivery
    chosen = dict(
        Preference.objects.filter(user_id__in=ids, kind=kind).values_list("user_id", "delivery")
    )
    return {pk: chosen.get(pk, default) for pk in ids}


def notify(
    *,
    kind: str,
    recipients: Iterable[User],
    url: str,
    message: Message,
    plan: Any = None,  # a plans.Plan (named by label: plans sits above notifications)
    actor: User | None = None,
) -> list[Notification]:
    """Tell each recipient (once, active ones, never the actor) in their own language.

    ``url`` is the path the notification opens; ``message`` returns its title and
    summary and is called with each recipient's language active.
    """
    if kind not in kinds():
        raise ValueError(f"Unknown notification kind {kind!r}: register a NotificationKind.")
    people: list[User] = []
    for user in recipients:
        if user.is_active and user not in people and (actor is None or user.pk != actor.pk):
            people.append(user)
    if not people:
        return []
    languages = languages_of(people)
    texts: dict[str, tuple[str, str]] = {}
    for language in set(languages.values()):
        with translation.override(language):
            title, summary = message()
        texts[language] = (str(title)[:300], str(summary)[:2000])
    notifications = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=kind,
            plan=plan,
            url=url,
            title=texts[languages[user.pk]][0],
            summary=texts[languages[user.pk]][1],
        )
        for user in people
    )
    deliveries = deliveries_of(people, kind)
    mailed = []
    for notification, user in zip(notifications, people, strict=True):
        if deliveries[user.pk] == Delivery.IMMEDIATE and user.email:
            notification.delivery = _notification_mail_queue(
                notification, language=languages[user.pk]
            )
            mailed.append(notification)
    if mailed:
        Notification.objects.bulk_update(mailed, ["delivery"])
    return notifications


def notification_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notifications_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def preferences_save(*, user: User, deliveries: dict[str, str], language: str) -> None:
    """Store the person's choice per kind and their language."""
    known = kinds()
    for kind, delivery in deliveries.items():
        if kind not in known or delivery not in Delivery.values:
            raise ValidationError(_("Unknown notification kind or delivery."))
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language."))
    MailSettings.objects.update_or_create(user=user, defaults={"language": language})


# --- mail -----------------------------------------------------------------------------


def absolute(path: str) -> str:
    return str(settings.SITE_URL).rstrip("/") + path


def _render(template: str, context: dict[str, Any], language: str) -> tuple[str, str]:
    """The subject and body of a mail, in the recipient's language."""
    with translation.override(language):
        subject = render_to_string(f"notifications/email/{template}_subject.txt", context)
        body = render_to_string(f"notifications/email/{template}_body.txt", context)
    return subject, body


def _notification_mail_queue(
    notification: Notification, *, language: str, send_after_commit: bool = True
) -> OutgoingMail | None:
    recipient = notification.recipient
    context = {"notification": notification, "link": absolute(notification.url), "user": recipient}
    subject, body = _render("notification", context, language)
    return outbox.mail_queue(
        key=f"notification:{notification.pk}",
        recipient=recipient,
        to=[recipient.email],
        subject=subject,
        body=body,
        send_after_commit=send_after_commit,
    )


def notification_mail(*, notification_id: int) -> bool:
    """Queue and send the mail of one notification, unless it has one. Outside a transaction.

    ``notify`` queues the mails itself; this serves the tasks queued before the outbox.
    """
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or notification.delivery_id is not None:
        return False
    recipient = notification.recipient
    if not (recipient.is_active and recipient.email):
        return False
    language = languages_of([recipient])[recipient.pk]
    with transaction.atomic():
        mail = _notification_mail_queue(notification, language=language, send_after_commit=False)
        if mail is None:
            return False
        Notification.objects.filter(pk=notification.pk).update(delivery=mail)
    return outbox.mail_send(mail_id=mail.pk)


def digest_send(*, today: dt.date, echo: Callable[[str], None] | None = None) -> int:
    """Mail each person their day's digest: the unread, unmailed notifications of the
    kinds they receive as a digest. At most one digest per person per day, whatever
    the number of runs (the outbox's unique key). Returns the number of mails sent now;
    a digest the mail server refused stays in the outbox, and ``send_outbox`` retries it.
    """
    say = echo or logger.info
    pending = list(
        Notification.objects.filter(
            delivery__isnull=True,
            read_at__isnull=True,
            recipient__is_active=True,
            created_at__date__lte=today,
        )
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in pending:
        by_user.setdefault(notification.recipient_id, []).append(notification)
    users = [items[0].recipient for items in by_user.values()]
    languages = languages_of(users)
    chosen = {
        (user_id, kind): delivery
        for user_id, kind, delivery in Preference.objects.filter(
            user_id__in=list(by_user)
        ).values_list("user_id", "kind", "delivery")
    }
    defaults = {key: kind.default_delivery for key, kind in kinds().items()}
    queued: list[tuple[OutgoingMail, User, int]] = []
    for user_id, items in by_user.items():
        wanted = [
            n
            for n in items
            if chosen.get((user_id, n.kind), defaults.get(n.kind, Delivery.NONE)) == Delivery.DIGEST
        ]
        if not wanted:
            continue
        recipient = wanted[0].recipient
        context = {
            "user": recipient,
            "day": today,
            "items": [{"notification": n, "link": absolute(n.url)} for n in wanted],
            "inbox": absolute(reverse("notifications:inbox")),
        }
        subject, body = _render("digest", context, languages[user_id])
        with transaction.atomic():
            mail = outbox.mail_queue(
                key=f"digest:{today.isoformat()}:{user_id}",
                recipient=recipient,
                to=[recipient.email],
                subject=subject,
                body=body,
                send_after_commit=False,
            )
            if mail is None:
                continue  # today's digest was queued already
            Notification.objects.filter(pk__in=[n.pk for n in wanted]).update(delivery=mail)
        queued.append((mail, recipient, len(wanted)))
    said = {mail.pk: (recipient, count) for mail, recipient, count in queued}

    def report(mail_id: int, sent: bool | None) -> None:
        recipient, count = said[mail_id]
        kept = "" if sent else ", kept in the outbox"
        say(f"{recipient.get_username()}: {count} notification(s){kept}")

    sent = outbox.mails_send([mail for mail, _, _ in queued], on_result=report).sent
    return sent
