"""The monitoring cycle: action sheets, reporting rounds, progress reports, indicator values.

Per the source note, the lead minister writes an action sheet (actiefiche) per
action: the basis of monitoring, evaluation and adjustment. The coordinator opens
reporting rounds; owners report progress per action per round.

Workflow states are TextChoices with one explicit transition table per object
(``workflow.py``); services are the only writers.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from planmonitor.audit.history import audited
from planmonitor.core import limits
from planmonitor.plans.models import Action, Indicator, Minister, Plan


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned with remarks")


# Maximum lengths (docs/security.md, "Field limits and codes").
SHEET_TEXT_LIMITS = {
    "content_goal": limits.NARRATIVE_MAX,
    "approach": limits.NARRATIVE_MAX,
    "risks": limits.NARRATIVE_MAX,
    "remarks": limits.REMARK_MAX,
}


class ActionSheet(models.Model):
    """The working copy of an action's sheet; approved versions are frozen in ``SheetVersion``."""

    action = models.OneToOneField(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="sheet"
    )
    content_goal = models.TextField(_("content goal"), blank=True, max_length=limits.NARRATIVE_MAX)
    approach = models.TextField(
        _("plan of approach"),
        blank=True,
        max_length=limits.NARRATIVE_MAX,
        help_text=_("Markdown: headings, lists, links."),
    )
    risks = models.TextField(_("risks"), blank=True, max_length=limits.NARRATIVE_MAX)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    remarks = models.TextField(_("coordinator's remarks"), blank=True, max_length=limits.REMARK_MAX)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = audited()

    class Meta:
        verbose_name = _("action sheet")
        verbose_name_plural = _("action sheets")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=SheetStatus.values), name="actionsheet_status_valid"
            ),
            *limits.length_checks("actionsheet", SHEET_TEXT_LIMITS),
        ]

    def __str__(self) -> str:
        return f"{_('Action sheet')} {self.action.code}"


class SheetVersion(models.Model):
    """An approved sheet, frozen: what was approved stays readable and comparable."""

    sheet = models.ForeignKey(
        ActionSheet,
        verbose_name=_("action sheet"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    approved_at = models.DateTimeField(_("approved on"))
    approved_by_name = models.CharField(_("approved by"), max_length=300)

    class Meta:
        verbose_name = _("approved sheet version")
        verbose_name_plural = _("approved sheet versions")
        ordering = ["sheet", "number"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "number"], name="sheetversion_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.sheet} v{self.number}"


class Milestone(models.Model):
    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="milestones"
    )
    name = models.CharField(_("name"), max_length=300)
    planned_date = models.DateField(_("planned date"))
    done_date = models.DateField(_("date done"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = audited()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["action", "planned_date", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ReportingRound(models.Model):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="reporting_rounds"
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("e.g. 2026 – tweede semester"))
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder, days before the due date"), default=7
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = audited()

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["plan", "-period_end", "name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="reportinground_unique_name"),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="reportinground_period"
            ),
            models.CheckConstraint(
                condition=Q(status__in=RoundStatus.values), name="reportinground_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    PREPARING = "preparing", _("In preparation")
    ON_TRACK = "on_track", _("Running as planned")
    DELAYED = "delayed", _("Running with delay")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


# A reason is required for these: the coordinator and the network must know why.
NEEDS_REASON = {ImplementationStatus.DELAYED, ImplementationStatus.STOPPED}


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for clarification")


# Maximum lengths (docs/security.md, "Field limits and codes").
REPORT_TEXT_LIMITS = {
    "status_reason": limits.REMARK_MAX,
    "done": limits.NARRATIVE_MAX,
    "obstacles": limits.NARRATIVE_MAX,
    "next_steps": limits.NARRATIVE_MAX,
    "public_text": limits.SUMMARY_MAX,
    "remarks": limits.REMARK_MAX,
    "reopen_reason": limits.REMARK_MAX,
    "extension_reason": limits.REMARK_MAX,
}


class ProgressReport(models.Model):
    round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("reporting round"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="reports"
    )
    implementation_status = models.CharField(
        _("status of the action"),
        max_length=20,
        choices=ImplementationStatus.choices,
        default=ImplementationStatus.NOT_STARTED,
    )
    status_reason = models.TextField(
        _("reason for the delay or stop"), blank=True, max_length=limits.REMARK_MAX
    )
    done = models.TextField(_("what was done"), blank=True, max_length=limits.NARRATIVE_MAX)
    obstacles = models.TextField(_("obstacles"), blank=True, max_length=limits.NARRATIVE_MAX)
    next_steps = models.TextField(_("next steps"), blank=True, max_length=limits.NARRATIVE_MAX)
    # The only text of a report the public site shows, once its round is published and
    # the report accepted (portal/public.py); the other texts stay internal.
    public_text = models.TextField(
        _("public progress text"),
        blank=True,
        max_length=limits.SUMMARY_MAX,
        help_text=_(
            "Shown on the public site once the report is accepted and its round published. "
            "No names or internal details."
        ),
    )
    milestones_reached = models.ManyToManyField(
        Milestone,
        verbose_name=_("milestones reached this period"),
        blank=True,
        related_name="reports",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    remarks = models.TextField(_("coordinator's remarks"), blank=True, max_length=limits.REMARK_MAX)
    reopen_reason = models.TextField(
        _("reason for re-opening"), blank=True, max_length=limits.REMARK_MAX
    )
    submitted_at = models.DateTimeField(_("submitted on"), null=True, blank=True)
    # Lateness is judged on the first submission, never on a resubmission after a
    # return (monitoring/deadlines.py).
    first_submitted_at = models.DateTimeField(
        _("first submitted on"), null=True, blank=True, editable=False
    )
    # The coordinator may give one report more time than its round (with a reason).
    extended_due_date = models.DateField(_("extended due date"), null=True, blank=True)
    extension_reason = models.TextField(
        _("reason for the extension"), blank=True, max_length=limits.REMARK_MAX
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = audited(m2m_fields=["milestones_reached"])

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["round", "action__code"]
        # The rounds list counts every round's reports by owner state and lateness
        # (rounds.selectors.round_list): this index holds every column it reads, so the
        # count reads the index alone, never the reports' rows and their long texts.
        indexes = [
            models.Index(
                fields=["round", "state", "version", "first_submitted_at", "extended_due_date"],
                name="progressreport_round_counts",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "action"], name="progressreport_one_per_round"
            ),
            models.CheckConstraint(
                condition=Q(state__in=ReportState.values), name="progressreport_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(implementation_status__in=ImplementationStatus.values),
                name="progressreport_status_valid",
            ),
            # Delay or stop without a reason cannot be submitted (a draft may be incomplete).
            models.CheckConstraint(
                condition=Q(state="draft")
                | ~Q(implementation_status__in=["delayed", "stopped"])
                | ~Q(status_reason=""),
                name="progressreport_reason_for_delay_or_stop",
            ),
            models.CheckConstraint(
                condition=Q(extended_due_date__isnull=True) | ~Q(extension_reason=""),
                name="progressreport_extension_has_reason",
            ),
            *limits.length_checks("progressreport", REPORT_TEXT_LIMITS),
        ]

    def __str__(self) -> str:
        return f"{self.action.code} – {self.round}"


class QualitativeLevel(models.TextChoices):
    NONE = "none", _("No progress")
    LIMITED = "limited", _("Limited progress")
    SUBSTANTIAL = "substantial", _("Substantial progress")
    ACHIEVED = "achieved", _("Achieved")


class IndicatorValue(models.Model):
    """An indicator's value for a report's period: a number, or a level plus text."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("progress report"),
        on_delete=models.CASCADE,
        related_name="values",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    value = limits.indicator_number(_("value"))
    level = models.CharField(
        _("level"), max_length=20, choices=QualitativeLevel.choices, blank=True
    )
    text = models.TextField(_("explanation"), blank=True, max_length=limits.NARRATIVE_MAX)
    source = models.CharField(_("source"), max_length=300, blank=True)
    remark = models.CharField(_("remark"), max_length=500, blank=True)

    history = audited()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["report", "indicator__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator"], name="indicatorvalue_one_per_report"
            ),
            models.CheckConstraint(
                condition=limits.number_in_range("value", limits.INDICATOR_PLACES),
                name="indicatorvalue_value_exact",
            ),
            *limits.length_checks("indicatorvalue", {"text": limits.NARRATIVE_MAX}),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.value if self.value is not None else self.level}"


class Evidence(models.Model):
    """A link or an attached file. Files live outside the static root, served by a checked view."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("progress report"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), blank=True, max_length=1000)
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/", blank=True, max_length=300)
    content_type = models.CharField(max_length=100, blank=True, editable=False)
    size = models.PositiveBigIntegerField(default=0, editable=False)
    added_by_name = models.CharField(_("added by"), max_length=300, blank=True)
    added_at = models.DateTimeField(_("added on"), auto_now_add=True)

    history = audited()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["report", "added_at", "pk"]
        constraints = [
            # Exactly one of link and file.
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(file="")) | (~Q(url="") & Q(file="")),
                name="evidence_link_or_file",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Contribution(models.Model):
    """A co-minister's input to a report; the lead owner consolidates it."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("progress report"),
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    # The co-minister the author speaks for (one of their ministers involved in the action);
    # null for contributions written before this was recorded.
    minister = models.ForeignKey(
        Minister,
        verbose_name=_("on behalf of minister"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
    )
    text = models.TextField(_("contribution"), max_length=limits.CONTRIBUTION_MAX)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = audited()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["report", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="contribution_text_not_empty"),
            *limits.length_checks("contribution", {"text": limits.CONTRIBUTION_MAX}),
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:40]}"


class ReminderKind(models.TextChoices):
    BEFORE_DUE = "before_due", _("Before the due date")
    OVERDUE = "overdue", _("Overdue")


class Reminder(models.Model):
    """A reminder mail that was sent: the unique constraint makes sending idempotent."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    sent_at = models.DateTimeField()
    recipients = models.TextField()

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["report", "kind"], name="reminder_once_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.report} ({self.kind})"
