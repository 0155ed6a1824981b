"""Plan versions and governed revisions (re-exported by evaluation/models.py).

The approved plan is version 1; a revision is a draft of proposed changes (add, change,
discontinue, merge actions), each with a reason; approving it records the plan decision,
applies the changes to the live plan and writes the next version. A version is the plan's
content (``evaluation.content.plan_content``) frozen at approval: the database refuses to
change or delete it (an append-only trigger in the migration).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from planmonitor.audit.history import audited
from planmonitor.plans.models import Action, FinanceAdvice, Plan

__all__ = ["PlanVersion", "Revision", "RevisionChange", "RevisionStatus", "ChangeKind"]


class RevisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ChangeKind(models.TextChoices):
    ADD = "add", _("Add an action")
    CHANGE = "change", _("Change an action")
    DISCONTINUE = "discontinue", _("Discontinue an action")
    MERGE = "merge", _("Merge into another action")


class Revision(models.Model):
    """A proposed update of the plan ("Actualisering 2027"), approved by recording the
    plan decision (the Flemish Government's) that adopts it."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="revisions"
    )
    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=RevisionStatus.choices, default=RevisionStatus.DRAFT
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_reference = models.CharField(_("decision reference"), max_length=100, blank=True)
    finance_advice_date = models.DateField(
        _("Inspectorate of Finance advice date"), null=True, blank=True
    )
    finance_advice_outcome = models.CharField(
        _("Inspectorate of Finance advice"),
        max_length=20,
        choices=FinanceAdvice.choices,
        blank=True,
    )
    budget_agreement_date = models.DateField(_("budget agreement date"), null=True, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    is_example = models.BooleanField(_("example data"), default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = audited()

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["plan", "-created_at", "-pk"]
        constraints = [
            # One draft at a time: two drafts would each claim to be the next version.
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status="draft"),
                name="revision_one_draft_per_plan",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved")
                | (Q(decision_date__isnull=False) & Q(effective_date__isnull=False)),
                name="revision_approved_has_decision",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_draft(self) -> bool:
        return self.status == RevisionStatus.DRAFT


class RevisionChange(models.Model):
    """One proposed change of a revision, with its reason. ``values`` holds the proposed
    values of the governed fields (content.GOVERNED_FIELDS, plus code and lead organisation
    for a new action) as plain data: keys and pks, ISO dates."""

    revision = models.ForeignKey(
        Revision, verbose_name=_("revision"), on_delete=models.CASCADE, related_name="changes"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ChangeKind.choices)
    action = models.ForeignKey(
        Action,
        verbose_name=_("action"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="revision_changes",
    )
    values = models.JSONField(_("proposed values"), default=dict, blank=True)
    merge_target = models.ForeignKey(
        Action,
        verbose_name=_("merged into"),
        # Actions are stopped, not deleted; one deleted anyway (the admin, a test) takes
        # the proposals naming it along, as its own changes go with it.
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="merged_in_changes",
    )
    reason = models.TextField(_("reason"), max_length=4000)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # After approval: the action the change created (an "add").
    created_action = models.ForeignKey(
        Action,
        verbose_name=_("created action"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = audited()

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        ordering = ["revision", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="add", action__isnull=True)
                | (~Q(kind="add") & Q(action__isnull=False)),
                name="revision_change_action_unless_add",
            ),
            models.CheckConstraint(
                condition=Q(kind="merge", merge_target__isnull=False)
                | (~Q(kind="merge") & Q(merge_target__isnull=True)),
                name="revision_change_merge_target",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="revision_change_reason"),
            # One change per action per revision: its fields, or its end, not both.
            models.UniqueConstraint(
                fields=["revision", "action"], name="revision_change_one_per_action"
            ),
        ]

    def __str__(self) -> str:
        subject = self.action.code if self.action is not None else self.values.get("code", "")
        return f"{self.get_kind_display()} {subject}".strip()

    @property
    def plan_id(self) -> int:
        """The plan the change belongs to (the policy's read rules ask it)."""
        return self.revision.plan_id


class PlanVersion(models.Model):
    """The plan as approved: version 1 the original plan, each later one a revision's result.
    Append-only in the database: a version is what was decided, and never changes."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("number"))
    effective_date = models.DateField(_("effective date"))
    content = models.JSONField(_("content"))
    revision = models.OneToOneField(
        Revision,
        verbose_name=_("revision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="produced_version",
    )
    decision_reference = models.CharField(_("decision reference"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded on"), auto_now_add=True)
    # The demo's version 1 of the example plan: the one version the database lets go (with
    # the example data, by remove_demo), see the trigger in the migration.
    is_example = models.BooleanField(_("example data"), default=False, editable=False)

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="plan_version_number_positive"),
            models.CheckConstraint(
                condition=Q(number=1, revision__isnull=True)
                | Q(number__gt=1, revision__isnull=False),
                name="plan_version_revision_after_first",
            ),
        ]

    def __str__(self) -> str:
        return _("Version %(number)s") % {"number": self.number}
