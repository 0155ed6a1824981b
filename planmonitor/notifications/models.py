"""What the application tells a person: notifications, how they want them, what was mailed.

A notification is written for one recipient, in their language, inside the transaction
of the change it tells about (so a change rolled back leaves none). Mail leaves after the
commit from the outbox (``OutgoingMail``, notifications/outbox.py): a mail is queued in the
transaction of the change (immediately) or by the daily digest, its unique key keeps it
from being queued twice, and it is marked sent only once the mail server accepted it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately by mail")
    DIGEST = "digest", _("In a daily digest mail")
    NONE = "none", _("No mail (only in the inbox)")


class MailState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    RETRYING = "retrying", _("Refused, will be retried")
    FAILED = "failed", _("Failed, not retried")


class OutgoingMail(models.Model):
    """One mail in the outbox, rendered when it was queued: a retry sends the same mail.

    ``key`` names what it carries and is unique, so the same mail is never queued twice:
    ``notification:<id>`` for an immediate mail, ``digest:<YYYY-MM-DD>:<user id>`` for a
    person's daily digest, ``reminder:<report id>:<kind>`` and ``overview:<round id>:<kind>``
    for the reminders. The states and their transitions are in ``notifications/outbox.py``.
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    # The person it is for, when it is for one (a reminder may go to several addresses).
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outgoing_mails",
    )
    to = models.JSONField(_("to"), default=list)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("body"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=MailState.choices, default=MailState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)
    # When a worker may (next) try it; null once it is sent or given up.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # When a worker took it (state "sending"): past the timeout, another one may retry it.
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        ordering = ["-queued_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outgoingmail_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=[choice.value for choice in MailState]),
                name="outgoingmail_state_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.key


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # A NotificationKind key (core/registry.py), registered by the app that sends it.
    kind = models.CharField(_("kind"), max_length=40)
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    url = models.CharField(_("link"), max_length=500)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # The mail that carries it (immediately or in a digest), queued or sent; null: not mailed.
    delivery = models.ForeignKey(
        OutgoingMail,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
        ]

    def __str__(self) -> str:
        return self.title


class Preference(models.Model):
    """How a person receives one kind; without a row, the kind's default applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=40)
    delivery = models.CharField(_("delivery"), max_length=20, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="preference_once_per_kind"),
            models.CheckConstraint(
                condition=models.Q(delivery__in=[choice.value for choice in Delivery]),
                name="preference_delivery_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}: {self.delivery}"


class MailSettings(models.Model):
    """The language a person's mails (and notifications) are written in.

    The interface language lives in a cookie, which a mail sent later cannot read.
    Empty: the site's language (``LANGUAGE_CODE``).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_settings"
    )
    language = models.CharField(
        _("language of notifications and mails"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
    )

    class Meta:
        verbose_name = _("mail settings")
        verbose_name_plural = _("mail settings")

    def __str__(self) -> str:
        return f"{self.user}: {self.language or settings.LANGUAGE_CODE}"
