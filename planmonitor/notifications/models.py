"""What the application tells a person: notifications, how they want them, what was mailed.

A notification is written for one recipient, in their language, inside the transaction
of the change it tells about (so a change rolled back leaves none). Mail leaves after the
commit, by the task queue (immediately) or the daily digest; a ``MailDelivery`` row is
the claim of one mail, and its unique constraint keeps that mail from leaving twice.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately by mail")
    DIGEST = "digest", _("In a daily digest mail")
    NONE = "none", _("No mail (only in the inbox)")


class MailDelivery(models.Model):
    """One mail, claimed before it is sent: ``key`` names what it carries.

    ``notification:<id>`` for an immediate mail, ``digest:<YYYY-MM-DD>`` for a day's digest.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_deliveries"
    )
    key = models.CharField(max_length=60)
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("mail delivery")
        verbose_name_plural = _("mail deliveries")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="maildelivery_once"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} {self.key}"


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
    # The mail that carried it (immediately or in a digest); null: not mailed (yet).
    delivery = models.ForeignKey(
        MailDelivery,
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
