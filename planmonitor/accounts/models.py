"""Users and their roles in a plan.

A person may hold several roles per plan; a membership links them to the
organisation and the minister(s) they work for. The permission policy (one
module) reads these memberships; views never decide access themselves.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from planmonitor.audit.history import audited


class User(AbstractUser):
    is_example = models.BooleanField(
        _("example account"),
        default=False,
        help_text=_("Demo account; removed together with the example data."),
    )
    # Two-step login: the devices live in django-otp's tables; these dates are the
    # audited record of its changes (and spare the middleware a query per request).
    two_factor_enabled_at = models.DateTimeField(_("two-step login set up"), null=True, blank=True)
    backup_codes_issued_at = models.DateTimeField(_("backup codes issued"), null=True, blank=True)

    # Every session carries a hash of this (with the password): deactivation raises it, so
    # the sessions from before stay dead when the person is reactivated. Null until the
    # first deactivation, so the sessions of everyone else keep Django's own hash.
    session_epoch = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Set once by privacy.services.person_anonymise: the name and e-mail are a pseudonym since.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    # Never the password hash (the trail cannot be purged); a login is no change, nor is
    # the session epoch (the deactivation that raises it is recorded as is_active), nor
    # the anonymisation date (its history row shows the pseudonym replacing the name).
    history = audited(excluded_fields=["password", "last_login", "session_epoch", "anonymised_at"])

    # Set and dropped by policy.memberships() / forget_memberships(): a per-request cache.
    _planmonitor_memberships: "list[Membership]"
    # The roles in one plan, set by accounts.selectors.member_list's prefetch.
    plan_memberships: "list[Membership]"
    # django-simple-history's reason for the next history row (accounts.services).
    _change_reason: str

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def end_sessions(self) -> None:
        """Invalidate every session of this person (takes effect once saved)."""
        self.session_epoch = (self.session_epoch or 0) + 1

    def get_session_auth_hash(self) -> str:
        return self._session_hash()

    def get_session_auth_fallback_hash(self):
        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret)

    def _session_hash(self, secret: str | None = None) -> str:
        # Django's own salt and value while there is no epoch: existing sessions stay valid.
        value = self.password
        if self.session_epoch is not None:
            value = f"{value}\x00{self.session_epoch}"
        return salted_hmac(
            "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash",
            value,
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    ACTION_OWNER = "action_owner", _("Action owner")
    CONTRIBUTOR = "contributor", _("Contributor")
    NETWORK_MEMBER = "network_member", _("Learning network member")
    EVALUATOR = "evaluator", _("Evaluator")
    # Read-only: a minister's cabinet follows its ministers' actions, reports and sheets.
    CABINET = "cabinet", _("Minister's cabinet")


class Membership(models.Model):
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "plans.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
    )
    ministers = models.ManyToManyField(
        "plans.Minister",
        verbose_name=_("works for ministers"),
        blank=True,
        related_name="memberships",
    )

    history = audited(m2m_fields=["ministers"])

    class Meta:
        verbose_name = _("role in a plan")
        verbose_name_plural = _("roles in plans")
        ordering = ["plan", "user", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "plan", "role"], name="membership_unique_role"),
            models.CheckConstraint(
                condition=models.Q(role__in=[choice.value for choice in Role]),
                name="membership_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.plan.short_name})"


class StandInQuerySet(models.QuerySet["StandIn"]):
    def current(self, on: dt.date | None = None) -> "StandInQuerySet":
        """The stand-ins in force on ``on`` (today): the period's first and last day count."""
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on, ends_on__gte=on)


class StandIn(models.Model):
    """Someone acts for a person on leave, for the actions that person owns or contributes to.

    Only for the period: the policy reads the stand-ins in force today, so the
    access ends by itself after ``ends_on``. What the stand-in does is recorded
    under their own name.
    """

    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="stand_ins"
    )
    person = models.ForeignKey(
        User, verbose_name=_("person on leave"), on_delete=models.CASCADE, related_name="stand_ins"
    )
    stand_in = models.ForeignKey(
        User, verbose_name=_("stand-in"), on_delete=models.CASCADE, related_name="standing_in_for"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = StandInQuerySet.as_manager()
    history = audited()

    class Meta:
        verbose_name = _("stand-in")
        verbose_name_plural = _("stand-ins")
        ordering = ["plan", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="stand_in_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(person=models.F("stand_in")),
                name="stand_in_is_someone_else",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stand_in} for {self.person} ({self.starts_on}–{self.ends_on})"
