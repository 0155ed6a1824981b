"""The action plan: its goal framework, taxonomies, ministers, actions and indicators.

Everything hangs off a ``Plan`` so the platform can hold more than one plan (a
later plan, or a revision). Invariants that must always hold are database
constraints (or triggers, see ``planmonitor.core.db``), not only form checks.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from planmonitor.audit.history import audited
from planmonitor.core import limits


class Minister(models.Model):
    """A minister's mandate: a person with a portfolio for a period.

    Ministers are data with a term, so a reshuffle is an edit (end one mandate,
    add another), never a migration.
    """

    class Role(models.TextChoices):
        MINISTER_PRESIDENT = "minister-president", _("Minister-president")
        VICE_MINISTER_PRESIDENT = "viceminister-president", _("Vice-minister-president")
        MINISTER = "minister", _("Minister")

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    family_name = models.CharField(_("family name"), max_length=120)
    party = models.CharField(_("party"), max_length=60, blank=True)
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.MINISTER)
    portfolio = models.TextField(_("portfolio"))
    in_office_from = models.DateField(_("in office from"))
    in_office_to = models.DateField(_("in office until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)

    history = audited()

    class Meta:
        verbose_name = _("minister")
        verbose_name_plural = _("ministers")
        ordering = ["in_office_from", "key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(in_office_to__isnull=True) | Q(in_office_to__gte=F("in_office_from")),
                name="minister_term_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class IstanbulArticle(models.Model):
    """An article of the Istanbul Convention (Council of Europe, CETS No. 210), the frame
    GREVIO monitors Belgium against: actions are tagged with the articles they implement.

    Reference data loaded from ``plans/data/istanbul-convention.csv`` by ``load_gbv_plan``;
    the treaty's text does not change, so it has no history (the tags on actions have).
    """

    number = models.PositiveSmallIntegerField(_("article"), unique=True)
    chapter = models.CharField(_("chapter"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    source = models.CharField(_("source"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Istanbul Convention article")
        verbose_name_plural = _("Istanbul Convention articles")
        ordering = ["number"]

    def __str__(self) -> str:
        return _("Art. %(number)d %(title)s") % {"number": self.number, "title": self.title}


class Beneficiary(models.Model):
    """Who an action is for, in the words of the GAO's "same beneficiaries" (GAO-15-49SP):
    the overlap detector compares them. A small fixed list (``Code``), broader than the
    note's special-attention groups (those are target groups); an action may name none.

    The rows are created by the migration that made the table and again by
    ``load_gbv_plan`` (idempotent), so a database emptied by a test flush gets them back.
    """

    class Code(models.TextChoices):
        GENERAL_POPULATION = "general_population", _("General population")
        VICTIMS = "victims", _("(Potential) victims")
        PERPETRATORS = "perpetrators", _("Perpetrators")
        BYSTANDERS = "bystanders", _("Bystanders")
        PROFESSIONALS = "professionals", _("Professionals")
        ORGANISATIONS = "organisations", _("Organisations and local governments")

    code = models.CharField(_("code"), max_length=40, choices=Code.choices, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return str(self.get_code_display())


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    short_name = models.SlugField(_("short name"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    # The public site in English shows these where given (the content stays Dutch otherwise).
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    coordinating_minister = models.ForeignKey(
        Minister,
        verbose_name=_("coordinating minister"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_plans",
    )
    coordinating_agency = models.ForeignKey(
        "Organisation",
        verbose_name=_("coordinating agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_plans",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Published plans and their actions are visible to everyone, without login."),
    )
    interim_evaluation_due = models.DateField(_("interim evaluation due"), null=True, blank=True)
    final_evaluation_due = models.DateField(_("final evaluation due"), null=True, blank=True)

    history = audited()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-period_start", "short_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="plan_period_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(final_evaluation_due__isnull=True)
                | Q(interim_evaluation_due__isnull=True)
                | Q(final_evaluation_due__gte=F("interim_evaluation_due")),
                name="plan_final_evaluation_after_interim",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PlanDecision(models.Model):
    """A decision or advice the plan rests on (government note, IF advice, budget agreement)."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Decision of the Flemish Government")
        FINANCE_INSPECTORATE = "finance_inspectorate", _("Advice of the Inspectorate of Finance")
        BUDGET_MINISTER = "budget_minister", _("Agreement of the budget minister")
        PARLIAMENT = "parliament", _("Flemish Parliament")
        OTHER = "other", _("Other")

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    date = models.DateField(_("date"))
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    description = models.TextField(_("description"))

    history = audited()

    class Meta:
        verbose_name = _("plan decision")
        verbose_name_plural = _("plan decisions")
        ordering = ["plan", "date", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "date"], name="plan_decision_unique_kind_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.date:%d/%m/%Y})"


class TaxonomyTerm(models.Model):
    """A plan-scoped, coordinator-editable list entry with a short code and a Dutch label.

    Codes and labels are unique per plan, case-insensitively, so either can be
    typed or imported to name the term.
    """

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE)
    code = models.CharField(_("code"), max_length=40)
    label = models.CharField(_("label"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_example = models.BooleanField(_("example data"), default=False)

    class Meta:
        abstract = True
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label

    @classmethod
    def unique_constraints(cls, prefix: str) -> list[models.BaseConstraint]:
        return [
            models.UniqueConstraint(F("plan"), Lower("code"), name=f"{prefix}_unique_code"),
            models.UniqueConstraint(F("plan"), Lower("label"), name=f"{prefix}_unique_label"),
            models.CheckConstraint(condition=~Q(code=""), name=f"{prefix}_code_not_empty"),
        ]


class ViolenceForm(TaxonomyTerm):
    history = audited()

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("violence form")
        verbose_name_plural = _("violence forms")
        default_related_name = "violence_forms"
        constraints = TaxonomyTerm.unique_constraints("violenceform")


class TargetGroup(TaxonomyTerm):
    history = audited()

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        default_related_name = "target_groups"
        constraints = TaxonomyTerm.unique_constraints("targetgroup")


class PolicyDomain(TaxonomyTerm):
    history = audited()

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("policy domain")
        verbose_name_plural = _("policy domains")
        default_related_name = "policy_domains"
        constraints = TaxonomyTerm.unique_constraints("policydomain")


class Organisation(TaxonomyTerm):
    """An administration, agency or department of the Flemish government."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Department")
        AGENCY = "agency", _("Agency")
        CABINET = "cabinet", _("Minister's cabinet")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.AGENCY)
    policy_domain = models.ForeignKey(
        PolicyDomain,
        verbose_name=_("policy domain"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
    )

    history = audited()

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        default_related_name = "organisations"
        constraints = TaxonomyTerm.unique_constraints("organisation")


class Partner(TaxonomyTerm):
    """A partner outside the Flemish administration: civil society, local governments, ..."""

    class Kind(models.TextChoices):
        CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
        LOCAL_GOVERNMENT = "local_government", _("Local government")
        KNOWLEDGE = "knowledge", _("Knowledge institution")
        FEDERAL = "federal", _("Federal or other government")
        OTHER = "other", _("Other")

    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.CIVIL_SOCIETY
    )

    history = audited()

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        default_related_name = "partners"
        constraints = TaxonomyTerm.unique_constraints("partner")


class StrategicGoal(models.Model):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="strategic_goals"
    )
    code = models.CharField(_("code"), max_length=10, help_text=_("For example 1 (SD 1)."))
    text = models.TextField(_("text"))
    text_en = models.TextField(_("text (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = audited()

    class Meta:
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")
        ordering = ["plan", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="strategicgoal_unique_code"),
            models.CheckConstraint(condition=~Q(code=""), name="strategicgoal_code_not_empty"),
        ]

    def __str__(self) -> str:
        return f"SD {self.code}"


class OperationalGoal(models.Model):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="operational_goals"
    )
    strategic_goal = models.ForeignKey(
        StrategicGoal,
        verbose_name=_("strategic goal"),
        on_delete=models.CASCADE,
        related_name="operational_goals",
    )
    code = models.CharField(_("code"), max_length=10, help_text=_("For example 1.2 (OD 1.2)."))
    text = models.TextField(_("text"))
    text_en = models.TextField(_("text (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = audited()

    class Meta:
        verbose_name = _("operational goal")
        verbose_name_plural = _("operational goals")
        ordering = ["plan", "strategic_goal__order", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="operationalgoal_unique_code"),
            models.CheckConstraint(condition=~Q(code=""), name="operationalgoal_code_not_empty"),
        ]

    def __str__(self) -> str:
        return f"OD {self.code}"


class ActionQuerySet(models.QuerySet["Action"]):
    def for_user(self, user) -> "ActionQuerySet":
        """Only the actions ``user`` may see (the permission policy decides)."""
        from planmonitor.accounts.policy import actions_for

        return actions_for(user, self)


class Action(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        STOPPED = "stopped", _("Stopped")

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="actions"
    )
    code = models.CharField(
        _("code"), max_length=limits.CODE_MAX_LENGTH, validators=[limits.CodeValidator()]
    )
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True, max_length=limits.NARRATIVE_MAX)
    # The public site: a plain-language summary shown first where given, and optional
    # English texts (an action's content stays Dutch without them).
    summary = models.TextField(
        _("plain-language summary"), blank=True, max_length=limits.SUMMARY_MAX
    )
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    summary_en = models.TextField(
        _("plain-language summary (English)"), blank=True, max_length=limits.SUMMARY_MAX
    )
    operational_goal = models.ForeignKey(
        OperationalGoal,
        verbose_name=_("operational goal"),
        on_delete=models.PROTECT,
        related_name="actions",
    )
    lead_minister = models.ForeignKey(
        Minister,
        verbose_name=_("lead minister"),
        on_delete=models.PROTECT,
        related_name="led_actions",
    )
    co_ministers = models.ManyToManyField(
        Minister, verbose_name=_("co-ministers"), blank=True, related_name="co_actions"
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_actions",
    )
    violence_forms = models.ManyToManyField(
        ViolenceForm, verbose_name=_("violence forms"), blank=True, related_name="actions"
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="actions"
    )
    partners = models.ManyToManyField(
        Partner, verbose_name=_("partners"), blank=True, related_name="actions"
    )
    istanbul_articles = models.ManyToManyField(
        IstanbulArticle,
        verbose_name=_("Istanbul Convention articles"),
        blank=True,
        related_name="actions",
    )
    beneficiaries = models.ManyToManyField(
        Beneficiary, verbose_name=_("beneficiaries"), blank=True, related_name="actions"
    )
    involves_local_governments = models.BooleanField(_("involves local governments"), default=False)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    has_budget_impact = models.BooleanField(_("budget impact"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    is_example = models.BooleanField(_("example data"), default=False)
    # Optimistic locking: every write bumps it; a write with a stale version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActionQuerySet.as_manager()
    # The links are history too: the diff shows which terms were added or removed.
    history = audited(
        m2m_fields=[
            "co_ministers",
            "violence_forms",
            "target_groups",
            "partners",
            "istanbul_articles",
            "beneficiaries",
        ]
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["plan", "code"]
        constraints = [
            models.UniqueConstraint(F("plan"), Lower("code"), name="action_unique_code"),
            models.CheckConstraint(condition=~Q(code=""), name="action_code_not_empty"),
            # The code is part of the action's URL (see core/limits.py).
            models.CheckConstraint(
                condition=limits.code_is_valid("code"), name="action_code_valid"
            ),
            *limits.length_checks(
                "action",
                {
                    "description": limits.NARRATIVE_MAX,
                    "summary": limits.SUMMARY_MAX,
                    "summary_en": limits.SUMMARY_MAX,
                },
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="action_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class FinanceAdvice(models.TextChoices):
    PENDING = "pending", _("Requested, pending")
    FAVOURABLE = "favourable", _("Favourable")
    UNFAVOURABLE = "unfavourable", _("Unfavourable")


class BudgetLine(models.Model):
    """Money for an action inside an existing appropriation (the plan has no budget line)."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2)
    policy_domain = models.ForeignKey(
        PolicyDomain,
        verbose_name=_("policy domain"),
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    # The budget procedure the note requires for every budget decision. Nullable so
    # SQLite adds the columns in place instead of rebuilding the triggered table.
    finance_advice_date = models.DateField(
        _("Inspectorate of Finance advice date"), null=True, blank=True
    )
    finance_advice_outcome = models.CharField(
        _("Inspectorate of Finance advice"),
        max_length=20,
        choices=FinanceAdvice.choices,
        null=True,
        blank=True,
    )
    budget_agreement_date = models.DateField(
        _("budget minister's agreement date"), null=True, blank=True
    )

    history = audited()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["action", "year", "policy_domain"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "year", "policy_domain"], name="budgetline_unique_year_domain"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budgetline_amount_positive"),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="budgetline_year_plausible"
            ),
            # What SQLite reads back exactly: a larger amount would be stored as a float.
            models.CheckConstraint(
                condition=limits.number_in_range(
                    "amount", limits.AMOUNT_PLACES, max_digits=14, null=False
                ),
                name="budgetline_amount_exact",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action.code} {self.year}: € {self.amount}"


class Indicator(models.Model):
    class Kind(models.TextChoices):
        QUANTITATIVE = "quantitative", _("Quantitative")
        QUALITATIVE = "qualitative", _("Qualitative")

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Increase")
        DECREASE = "decrease", _("Decrease")
        MAINTAIN = "maintain", _("Maintain")
        REACH = "reach", _("Reach")

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        SEMIANNUAL = "semiannual", _("Every six months")
        ANNUAL = "annual", _("Yearly")
        ONCE = "once", _("Once")
        OTHER = "other", _("Other")

    # What describes an indicator (everything but its action): edited together, compared together.
    CONTENT_FIELDS = (
        "code",
        "name",
        "kind",
        "unit",
        "baseline_value",
        "baseline_text",
        "baseline_date",
        "target_value",
        "target_text",
        "target_date",
        "direction",
        "source",
        "frequency",
    )

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=500)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    # Quantitative indicators carry numbers; qualitative ones a description.
    baseline_value = limits.indicator_number(_("baseline"))
    baseline_text = models.CharField(_("baseline (description)"), max_length=500, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = limits.indicator_number(_("target"))
    target_text = models.CharField(_("target (description)"), max_length=500, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    direction = models.CharField(
        _("desired direction"), max_length=20, choices=Direction.choices, default=Direction.REACH
    )
    source = models.CharField(_("data source"), max_length=300, blank=True)
    frequency = models.CharField(
        _("measurement frequency"),
        max_length=20,
        choices=Frequency.choices,
        default=Frequency.ANNUAL,
    )
    # Small counts can identify victims: in public (site, open data, API) a sensitive
    # indicator's numbers under the threshold show as "< threshold" (portal/public.py).
    is_sensitive = models.BooleanField(
        _("sensitive (protect small counts)"),
        default=False,
        help_text=_("In public, numbers under the threshold show as “< threshold”."),
    )
    suppression_threshold = models.PositiveSmallIntegerField(
        _("threshold for small counts"), default=limits.SUPPRESSION_THRESHOLD
    )

    history = audited()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["action", "code"]
        constraints = [
            models.UniqueConstraint(F("action"), Lower("code"), name="indicator_unique_code"),
            models.CheckConstraint(condition=~Q(code=""), name="indicator_code_not_empty"),
            models.CheckConstraint(
                condition=Q(baseline_date__isnull=True)
                | Q(target_date__isnull=True)
                | Q(target_date__gte=F("baseline_date")),
                name="indicator_target_after_baseline",
            ),
            models.CheckConstraint(
                condition=Q(kind="quantitative")
                | (Q(baseline_value__isnull=True) & Q(target_value__isnull=True)),
                name="indicator_qualitative_has_no_numbers",
            ),
            *(
                models.CheckConstraint(
                    condition=limits.number_in_range(name, limits.INDICATOR_PLACES),
                    name=f"indicator_{name}_exact",
                )
                for name in ("baseline_value", "target_value")
            ),
            models.CheckConstraint(
                condition=Q(suppression_threshold__gte=1),
                name="indicator_suppression_threshold_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ActionComment(models.Model):
    """A remark on an action by a contributor, network member, owner or coordinator."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        "accounts.User",
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="action_comments",
    )
    body = models.TextField(_("comment"), max_length=limits.REMARK_MAX)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = audited()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["action", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="actioncomment_body_not_empty"),
            *limits.length_checks("actioncomment", {"body": limits.REMARK_MAX}),
        ]

    def __str__(self) -> str:
        return f"{self.action.code}: {self.body[:40]}"


class SearchEntry(models.Model):
    """An action's texts as the search finds them: one row per action and scope.

    Derived data, rebuilt at will (``manage.py rebuild_search_index``); written only by
    ``plans/search.py``. The internal scope holds every registered text (the sheet's
    too); the public scope only published fields, so a public search cannot reveal
    internal texts. SQLite searches the ``stems_*`` columns through an FTS5 table kept
    in step by triggers; PostgreSQL searches ``vector`` (``to_tsvector('dutch', ...)``).
    """

    class Scope(models.TextChoices):
        INTERNAL = "internal", _("Internal")
        PUBLIC = "public", _("Public")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="search_entries")
    scope = models.CharField(max_length=10, choices=Scope.choices)
    # The texts by field ("title", "sheet.approach", ...): what the "found in" line quotes.
    fields = models.JSONField(default=dict)
    # Weighted A (code and title), B (description), C (everything else).
    head = models.TextField(blank=True)
    body = models.TextField(blank=True)
    extra = models.TextField(blank=True)
    stems_head = models.TextField(blank=True)
    stems_body = models.TextField(blank=True)
    stems_extra = models.TextField(blank=True)
    vector = SearchVectorField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action", "scope"], name="searchentry_unique_scope"),
        ]
        indexes = [models.Index(fields=["plan", "scope"], name="searchentry_plan_scope")]

    def __str__(self) -> str:
        return f"{self.action_id} ({self.scope})"
