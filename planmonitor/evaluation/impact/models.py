"""Models of evaluation/impact (re-exported by evaluation/models.py): the outcome-level
context series (police registrations, helpline 1712, ...) and their yearly values."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from planmonitor.audit.history import audited
from planmonitor.core import limits
from planmonitor.plans.models import Plan

__all__ = ["ContextSeries", "ContextValue"]


class ContextSeries(models.Model):
    """A published figure the plan hopes to move but does not control: shown beside what the
    plan did, with the trend before and after the plan's start (impact/analysis.py)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="context_series"
    )
    # Stable within the plan: the import finds the series again by it.
    key = models.SlugField(_("key"), max_length=80)
    name = models.CharField(_("name"), max_length=300)
    area = models.CharField(_("area"), max_length=100, blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    # Invented figures (demo, tests): labelled as examples wherever they appear.
    is_example = models.BooleanField(_("example"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = audited()

    class Meta:
        verbose_name = _("context series")
        verbose_name_plural = _("context series")
        ordering = ["plan", "name", "area", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="context_series_unique_key"),
            models.CheckConstraint(condition=~Q(key=""), name="context_series_key_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.area})" if self.area else self.name


class ContextValue(models.Model):
    """One year's figure of a series, with where it was published."""

    series = models.ForeignKey(
        ContextSeries, verbose_name=_("series"), on_delete=models.CASCADE, related_name="values"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(
        _("value"),
        max_digits=20,
        decimal_places=limits.INDICATOR_PLACES,
        validators=[limits.ExactNumberValidator(limits.INDICATOR_PLACES)],
    )
    source = models.URLField(_("source"), max_length=500, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = audited()

    class Meta:
        verbose_name = _("context value")
        verbose_name_plural = _("context values")
        ordering = ["series", "year"]
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="context_value_unique_year"),
            models.CheckConstraint(
                condition=Q(year__gte=1900) & Q(year__lte=2200), name="context_value_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.value}"

    @property
    def plan_id(self) -> int:
        """The series' plan: the policy's plan-scoped rules read it (accounts/policy.py)."""
        return self.series.plan_id
