"""Users and their roles in a plan.

A person may hold several roles per plan; a membership links them to the
organisation and the minister(s) they work for. The permission policy (one
module) reads these memberships; views never decide access themselves.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
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

    # Never the password hash (the trail cannot be purged); a login is no change.
    history = audited(excluded_fields=["password", "last_login"])

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    ACTION_OWNER = "action_owner", _("Action owner")
    CONTRIBUTOR = "contributor", _("Contributor")
    NETWORK_MEMBER = "network_member", _("Learning network member")
    EVALUATOR = "evaluator", _("Evaluator")


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
