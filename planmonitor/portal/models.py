"""What the coordinator published: rounds, reports held back, evaluation reports, and the
log of published updates (the feed). What the public sees is read through ``public.py``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from planmonitor.evaluation.models import ReportJob
from planmonitor.monitoring.models import ReportingRound
from planmonitor.plans.models import Action, Plan

__all__ = ["EvaluationPublication", "PublicationEvent", "RoundPublication", "WithheldReport"]


class RoundPublication(models.Model):
    """A published reporting round: its accepted reports' public fields are public."""

    round = models.OneToOneField(
        ReportingRound,
        verbose_name=_("reporting round"),
        on_delete=models.CASCADE,
        related_name="publication",
    )
    published_at = models.DateTimeField(_("published on"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("round publication")
        verbose_name_plural = _("round publications")

    def __str__(self) -> str:
        return str(self.round)


class WithheldReport(models.Model):
    """One action's report of a round kept off the public site, with the reason
    (publication per action where needed: a published round minus these)."""

    round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("reporting round"),
        on_delete=models.CASCADE,
        related_name="withheld_reports",
    )
    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("held back by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("withheld report")
        verbose_name_plural = _("withheld reports")
        constraints = [
            models.UniqueConstraint(fields=["round", "action"], name="withheldreport_once"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="withheldreport_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.action.code} – {self.round}"


class EvaluationPublication(models.Model):
    """A generated evaluation report (a finished ReportJob) made public for download."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="+"
    )
    job = models.OneToOneField(
        ReportJob,
        verbose_name=_("report"),
        on_delete=models.PROTECT,
        related_name="publication",
    )
    title = models.CharField(_("title"), max_length=300)
    published_at = models.DateTimeField(_("published on"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("published evaluation report")
        verbose_name_plural = _("published evaluation reports")
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return self.title


class PublicationKind(models.TextChoices):
    PLAN = "plan", _("Plan published")
    ROUND = "round", _("Progress of a reporting round published")
    VERSION = "version", _("New version of the plan")
    EVALUATION = "evaluation", _("Evaluation report published")


class PublicationEvent(models.Model):
    """One published update: the feed (Atom/RSS) reads these. Written by the publishing
    services in the same transaction; unpublishing removes its events."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PublicationKind.choices)
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    # The portal page the update is about, as a URL name and its arguments (no language).
    url_name = models.CharField(max_length=100)
    url_args = models.JSONField(default=list)
    published_at = models.DateTimeField(_("published on"), db_index=True)

    class Meta:
        verbose_name = _("publication event")
        verbose_name_plural = _("publication events")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=PublicationKind.values),
                name="publicationevent_kind_valid",
            )
        ]

    def __str__(self) -> str:
        return self.title
