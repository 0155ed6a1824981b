"""Models of evaluation/snapshots (re-exported by evaluation/models.py).

A ``Snapshot`` freezes the plan as of a date: its payload is written once and the
database refuses UPDATE and DELETE on it (and on its chart images), as it does for the
audit trail, so a report generated from it years later gives the same numbers.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from planmonitor.audit.history import audited

__all__ = [
    "ReportJob",
    "ReportJobStatus",
    "SectionKey",
    "Snapshot",
    "SnapshotChart",
    "SnapshotSection",
]


class Snapshot(models.Model):
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.PROTECT, related_name="snapshots", verbose_name=_("plan")
    )
    name = models.CharField(_("name"), max_length=200)
    # A label: the payload is the state at ``taken_at``; the coordinator may backdate it.
    as_of = models.DateField(_("as of"))
    taken_at = models.DateTimeField(_("taken on"))
    payload = models.JSONField(_("frozen data"))
    sha256 = models.CharField(_("SHA-256 of the data"), max_length=64)
    is_example = models.BooleanField(_("example data"), default=False)

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["-taken_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="snapshot_name_per_plan"),
        ]

    def __str__(self) -> str:
        return self.name


class SnapshotChart(models.Model):
    """An indicator's chart, rendered once per snapshot (the SVG of the action page and
    its PNG for DOCX), never per report."""

    snapshot = models.ForeignKey(
        Snapshot, on_delete=models.PROTECT, related_name="charts", verbose_name=_("snapshot")
    )
    action_code = models.CharField(_("action"), max_length=20)
    indicator_code = models.CharField(_("indicator"), max_length=20)
    alt = models.TextField(_("alternative text"))
    svg = models.TextField("SVG")
    png = models.BinaryField("PNG")

    class Meta:
        verbose_name = _("snapshot chart")
        verbose_name_plural = _("snapshot charts")
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "action_code", "indicator_code"],
                name="snapshot_chart_per_indicator",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action_code} {self.indicator_code}"


class SectionKey(models.TextChoices):
    CONCLUSIONS = "conclusions", _("Conclusions")
    RECOMMENDATIONS = "recommendations", _("Recommendations")
    ADJUSTMENTS = "adjustments", _("Proposed adjustments")


class SnapshotSection(models.Model):
    """A section the coordinator writes for the reports of one snapshot (Markdown)."""

    snapshot = models.ForeignKey(
        Snapshot, on_delete=models.PROTECT, related_name="sections", verbose_name=_("snapshot")
    )
    key = models.CharField(_("section"), max_length=20, choices=SectionKey.choices)
    text = models.TextField(_("text"), blank=True, max_length=40000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Optimistic locking: an edit names the version it started from.
    version = models.PositiveIntegerField(_("version"), default=1)
    history = audited()

    class Meta:
        verbose_name = _("evaluation section")
        verbose_name_plural = _("evaluation sections")
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "key"], name="snapshot_section_per_key"),
        ]

    def __str__(self) -> str:
        return f"{self.snapshot}: {self.get_key_display()}"

    @property
    def plan_id(self) -> int:
        """The plan the policy judges access on (``policy._plan_id``)."""
        return self.snapshot.plan_id


class ReportJobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ReportJob(models.Model):
    """A report generated in the background: its progress and, when done, the file."""

    snapshot = models.ForeignKey(
        Snapshot, on_delete=models.PROTECT, related_name="report_jobs", verbose_name=_("snapshot")
    )
    kind = models.CharField(_("kind"), max_length=10)  # "interim" | "final"
    format = models.CharField(_("format"), max_length=10)  # "docx" | "pdf"
    language = models.CharField(_("language"), max_length=2, default="nl")
    status = models.CharField(
        _("status"), max_length=10, choices=ReportJobStatus.choices, default=ReportJobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    error = models.TextField(_("error"), blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    file = models.BinaryField(_("file"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished on"), null=True, blank=True)

    class Meta:
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="report_job_progress_max_100"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["interim", "final"]), name="report_job_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(format__in=["docx", "pdf"]), name="report_job_format"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.format} ({self.status})"
