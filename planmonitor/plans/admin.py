from django.contrib import admin
from django.db.models import TextField

from planmonitor.core.forms import AdminTextarea

from . import models, search


class ModelAdmin(admin.ModelAdmin):
    """The plan's admin pages: their texts are stored with LF line endings, as everywhere."""

    formfield_overrides = {TextField: {"widget": AdminTextarea}}


class TaxonomyAdmin(ModelAdmin):
    list_display = ["code", "label", "plan", "order", "is_example"]
    list_filter = ["plan", "is_example"]
    search_fields = ["code", "label"]
    ordering = ["plan", "order", "code"]


for taxonomy in (models.ViolenceForm, models.TargetGroup, models.PolicyDomain, models.Partner):
    admin.site.register(taxonomy, TaxonomyAdmin)


@admin.register(models.Organisation)
class OrganisationAdmin(TaxonomyAdmin):
    list_display = [*TaxonomyAdmin.list_display, "kind", "policy_domain"]


@admin.register(models.Minister)
class MinisterAdmin(ModelAdmin):
    list_display = ["name", "role", "party", "in_office_from", "in_office_to"]
    search_fields = ["name", "key", "portfolio"]


class PlanDecisionInline(admin.TabularInline):
    formfield_overrides = {TextField: {"widget": AdminTextarea}}
    model = models.PlanDecision
    extra = 0


@admin.register(models.Plan)
class PlanAdmin(ModelAdmin):
    list_display = ["short_name", "title", "status", "period_start", "period_end"]
    inlines = [PlanDecisionInline]


@admin.register(models.PlanDecision)
class PlanDecisionAdmin(ModelAdmin):
    list_display = ["plan", "kind", "date", "reference"]
    list_filter = ["plan", "kind"]


class OperationalGoalInline(admin.TabularInline):
    formfield_overrides = {TextField: {"widget": AdminTextarea}}
    model = models.OperationalGoal
    extra = 0
    fields = ["code", "text", "order", "plan"]


@admin.register(models.StrategicGoal)
class StrategicGoalAdmin(ModelAdmin):
    list_display = ["__str__", "plan", "order"]
    list_filter = ["plan"]
    inlines = [OperationalGoalInline]


@admin.register(models.OperationalGoal)
class OperationalGoalAdmin(ModelAdmin):
    list_display = ["__str__", "strategic_goal", "plan", "order"]
    list_filter = ["plan", "strategic_goal"]
    list_select_related = ["strategic_goal", "plan"]


class IndicatorInline(admin.StackedInline):
    formfield_overrides = {TextField: {"widget": AdminTextarea}}
    model = models.Indicator
    extra = 0


class BudgetLineInline(admin.TabularInline):
    formfield_overrides = {TextField: {"widget": AdminTextarea}}
    model = models.BudgetLine
    extra = 0
    autocomplete_fields = ["policy_domain"]


@admin.register(models.Action)
class ActionAdmin(ModelAdmin):
    list_display = ["code", "title", "operational_goal", "lead_minister", "status", "is_example"]
    list_filter = ["plan", "status", "operational_goal", "lead_minister", "is_example"]
    list_select_related = ["operational_goal", "lead_minister"]
    search_fields = ["code", "title", "description"]
    filter_horizontal = ["co_ministers", "violence_forms", "target_groups", "partners"]
    autocomplete_fields = ["lead_organisation"]
    inlines = [IndicatorInline, BudgetLineInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        search.index_actions([form.instance.pk])  # the admin writes past the services


@admin.register(models.Indicator)
class IndicatorAdmin(ModelAdmin):
    list_display = ["code", "name", "action", "kind", "direction", "frequency"]
    list_filter = ["kind", "direction", "frequency"]
    list_select_related = ["action"]
    search_fields = ["code", "name", "action__code"]


@admin.register(models.BudgetLine)
class BudgetLineAdmin(ModelAdmin):
    list_display = ["action", "year", "amount", "policy_domain"]
    list_filter = ["year", "policy_domain"]
    list_select_related = ["action", "policy_domain"]
