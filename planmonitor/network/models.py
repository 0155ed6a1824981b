"""The learning network's signals: one list of what the analyses found and people noted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from planmonitor.audit.history import audited
from planmonitor.plans.models import Action, Plan


class SignalKind(models.TextChoices):
    OVERLAP = "overlap", _("Overlap")
    GAP = "gap", _("Coverage gap")
    DATA_GAP = "data_gap", _("Data gap")
    DELAY = "delay", _("Delay")
    RISK = "risk", _("Risk")
    SMART = "smart", _("SMART weakness")
    MANUAL = "manual", _("Noted by hand")


class SignalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_DISCUSSION = "in_discussion", _("In discussion")
    RESOLVED = "resolved", _("Resolved")
    DISMISSED = "dismissed", _("Dismissed")


class SignalSource(models.TextChoices):
    GENERATED = "generated", _("Generated")
    MANUAL = "manual", _("Manual")


class Signal(models.Model):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="signals"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SignalKind.choices)
    # The identity of a generated signal's cause (e.g. "data_gap:no-indicators:A012"), so
    # a later run finds it again; empty for manual signals.
    key = models.CharField(_("key"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=300)
    detail = models.TextField(_("detail"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SignalStatus.choices, default=SignalStatus.OPEN
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actions = models.ManyToManyField(
        Action, verbose_name=_("actions"), blank=True, related_name="signals"
    )
    source = models.CharField(
        _("source"), max_length=10, choices=SignalSource.choices, default=SignalSource.GENERATED
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)
    resolved_at = models.DateTimeField(_("resolved on"), null=True, blank=True)
    # Optimistic locking: an edit names the version it started from.
    version = models.PositiveIntegerField(_("version"), default=1)
    history = audited()

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "key"], condition=~models.Q(key=""), name="signal_key_per_plan"
            )
        ]
        indexes = [models.Index(fields=["plan", "status"])]

    def __str__(self) -> str:
        return self.title


class SignalNote(models.Model):
    """A comment on a signal, or what a run or a status change did to it."""

    signal = models.ForeignKey(
        Signal, verbose_name=_("signal"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    text = models.TextField(_("text"), max_length=4000)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:50]


# --- Meetings of the learning network ---------------------------------------------------------


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")


class Meeting(models.Model):
    """A meeting of the learning network: its agenda, its minutes and its decisions."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("date and time"))
    title = models.CharField(_("title"), max_length=200)
    location = models.CharField(_("location"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participants"),
        blank=True,
        related_name="network_meetings",
    )
    # People without an account (partners, experts): one per line.
    outside_participants = models.TextField(_("other participants"), blank=True, max_length=4000)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    minutes = models.TextField(_("minutes"), blank=True, max_length=20000)
    # The demo's example meeting (planmonitor/demo/network.py): labelled, and removed with
    # the other example data.
    is_example = models.BooleanField(_("example"), default=False, editable=False)
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    # Optimistic locking: an edit names the version it started from.
    version = models.PositiveIntegerField(_("version"), default=1)
    history = audited()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["plan", "starts_at"])]

    def __str__(self) -> str:
        return self.title


class AgendaItemSource(models.TextChoices):
    GENERATED = "generated", _("Generated")
    MANUAL = "manual", _("Manual")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    note = models.TextField(_("note"), blank=True, max_length=8000)
    actions = models.ManyToManyField(
        Action, verbose_name=_("actions"), blank=True, related_name="agenda_items"
    )
    signals = models.ManyToManyField(
        Signal, verbose_name=_("signals"), blank=True, related_name="agenda_items"
    )
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=AgendaItemSource.choices,
        default=AgendaItemSource.MANUAL,
    )
    # What generated the item (e.g. "signals:data_gap", "late:12", "decision:7"), so that
    # generating the agenda again finds it instead of adding it twice; empty for manual items.
    key = models.CharField(_("key"), max_length=200, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = audited()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="agenda_item_order"),
            models.UniqueConstraint(
                fields=["meeting", "key"], condition=~models.Q(key=""), name="agenda_item_key"
            ),
            # A generated item says what generated it; a manual one has no key.
            models.CheckConstraint(
                condition=(models.Q(source="generated") & ~models.Q(key=""))
                | (models.Q(source="manual") & models.Q(key="")),
                name="agenda_item_key_iff_generated",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class Decision(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    text = models.TextField(_("decision"), max_length=4000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    actions = models.ManyToManyField(
        Action, verbose_name=_("actions"), blank=True, related_name="decisions"
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = audited()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(status="done") & models.Q(done_on__isnull=False))
                | (models.Q(status="open") & models.Q(done_on__isnull=True)),
                name="decision_done_on_iff_done",
            )
        ]
        indexes = [models.Index(fields=["meeting", "status"])]

    def __str__(self) -> str:
        return self.text[:80]


# --- Overlap: the coordinator's classifications and the editable thesaurus ---------------------


class OverlapClassification(models.TextChoices):
    DUPLICATION = "duplication", _("Duplication")
    OVERLAP = "overlap", _("Overlap")
    COMPLEMENTARY = "complementary", _("Complementary")
    UNRELATED = "unrelated", _("Not related")


# A pair classified so is dismissed: it leaves the default lists until one of its texts changes.
DISMISSED_CLASSIFICATIONS = (OverlapClassification.COMPLEMENTARY, OverlapClassification.UNRELATED)


class OverlapReview(models.Model):
    """The coordinator's classification of a pair the overlap detector flagged.

    Stored once per pair: ``action_a`` is the action with the lower id. The fingerprints are
    hashes of the two texts as the detector read them (``overlap.reviews.text_fingerprint``),
    so a later change to either text brings a dismissed pair back."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="overlap_reviews"
    )
    action_a = models.ForeignKey(
        Action, verbose_name=_("action A"), on_delete=models.CASCADE, related_name="+"
    )
    action_b = models.ForeignKey(
        Action, verbose_name=_("action B"), on_delete=models.CASCADE, related_name="+"
    )
    classification = models.CharField(
        _("classification"), max_length=20, choices=OverlapClassification.choices
    )
    note = models.TextField(_("note"), max_length=4000, blank=True)
    fingerprint_a = models.CharField(_("fingerprint of A's text"), max_length=64)
    fingerprint_b = models.CharField(_("fingerprint of B's text"), max_length=64)
    classified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("classified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    classified_at = models.DateTimeField(_("classified on"))
    # Optimistic locking: a re-classification names the version it started from.
    version = models.PositiveIntegerField(_("version"), default=1)
    history = audited()

    class Meta:
        verbose_name = _("overlap classification")
        verbose_name_plural = _("overlap classifications")
        constraints = [
            models.UniqueConstraint(fields=["action_a", "action_b"], name="overlap_review_pair"),
            models.CheckConstraint(
                condition=models.Q(action_a__lt=models.F("action_b")),
                name="overlap_review_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action_a_id} ~ {self.action_b_id}: {self.classification}"

    @property
    def dismissed(self) -> bool:
        return self.classification in DISMISSED_CLASSIFICATIONS


class ThesaurusLanguage(models.TextChoices):
    NL = "nl", _("Dutch")
    FR = "fr", _("French")
    EN = "en", _("English")


class ThesaurusTerm(models.Model):
    """A term (or acronym) of a concept of the overlap detector's domain thesaurus.

    One thesaurus for every plan (the domain's words do not depend on the plan); seeded from
    ``network/data/thesaurus.csv`` by migration 0002, edited by coordinators."""

    concept = models.CharField(_("concept"), max_length=100)
    language = models.CharField(_("language"), max_length=2, choices=ThesaurusLanguage.choices)
    term = models.CharField(_("term"), max_length=200)
    history = audited()

    class Meta:
        verbose_name = _("thesaurus term")
        verbose_name_plural = _("thesaurus terms")
        ordering = ["concept", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["concept", "language", "term"], name="thesaurus_term_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.concept}: {self.term} ({self.language})"
