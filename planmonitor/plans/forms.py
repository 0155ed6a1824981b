"""Forms of the plan pages. Every input, query-string filters included, goes through one."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from planmonitor.accounts import policy
from planmonitor.core import limits
from planmonitor.core.forms import Textarea, show_refusal
from planmonitor.core.locking import display, fingerprint

from . import guards, services
from .models import (
    Action,
    IstanbulArticle,
    Minister,
    OperationalGoal,
    Organisation,
    Partner,
    Plan,
    PlanDecision,
    TargetGroup,
    ViolenceForm,
)

# The fields whose rules ``services.action_validate`` holds.
CHECKED_BY_SERVICE = ("code", "co_ministers", "start_date", "end_date")


class TermChoiceField(forms.ModelChoiceField):
    """A taxonomy term named by its code or its label, case-insensitively (``?vorm=sg``)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        match = (
            self.queryset.filter(code__iexact=text).first()
            or self.queryset.filter(label__iexact=text).first()
        )
        if match is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return match


class OverviewFilterForm(forms.Form):
    """Filters of the plan overview (GET). Field names are the selector's keyword arguments.

    Choices travel by code (``?violence_form=SG``), not by database id, so a filtered
    link stays readable and keeps working across installations.
    """

    q = forms.CharField(
        label=_("Search (code, title, description, action sheet)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    operational_goal = forms.ModelChoiceField(
        label=_("Operational goal"),
        queryset=OperationalGoal.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All operational goals"),
    )
    violence_form = TermChoiceField(
        label=_("Violence form"),
        queryset=ViolenceForm.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All violence forms"),
    )
    target_group = TermChoiceField(
        label=_("Target group"),
        queryset=TargetGroup.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All target groups"),
    )
    lead_minister = forms.ModelChoiceField(
        label=_("Lead minister"),
        queryset=Minister.objects.none(),
        to_field_name="key",
        required=False,
        empty_label=_("All ministers"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *Action.Status.choices],
        required=False,
    )

    def __init__(self, *args, plan: Plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["operational_goal"].queryset = OperationalGoal.objects.filter(plan=plan).order_by(
            "strategic_goal__order", "order", "code"
        )
        fields["violence_form"].queryset = ViolenceForm.objects.filter(plan=plan)
        fields["target_group"].queryset = TargetGroup.objects.filter(plan=plan)
        fields["lead_minister"].queryset = Minister.objects.order_by("family_name")


DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date_widget() -> forms.DateInput:
    return forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy")})


class GroupedCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes in groups, each a fieldset with its legend (Django's own markup gives a
    group a bare label that labels nothing)."""

    template_name = "plans/widgets/grouped_checkboxes.html"


def _articles_by_chapter() -> list[tuple[str, list[tuple[int, str]]]]:
    """The Istanbul Convention's articles as checkboxes grouped by chapter, in treaty order
    (one query; the field's queryset still validates what is posted)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for article in IstanbulArticle.objects.order_by("number"):
        groups.setdefault(article.chapter, []).append((article.pk, str(article)))
    return list(groups.items())


class ActionForm(forms.ModelForm):
    """Edit an action. Its place in the plan (code, lead minister, operational goal) is
    the coordinator's to change: for others those fields show as text, not as inputs.

    ``version`` travels with the form: a save based on an older version is a
    conflict, not a silent overwrite (optimistic locking).
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Action
        fields = [
            "code",
            "title",
            "description",
            "operational_goal",
            "lead_minister",
            "co_ministers",
            "lead_organisation",
            "violence_forms",
            "target_groups",
            "partners",
            "istanbul_articles",
            "beneficiaries",
            "involves_local_governments",
            "start_date",
            "end_date",
            "has_budget_impact",
            "status",
        ]
        widgets = {
            "description": Textarea(attrs={"rows": 14}),
            "co_ministers": forms.CheckboxSelectMultiple,
            "violence_forms": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
            "istanbul_articles": GroupedCheckboxSelectMultiple,
            "beneficiaries": forms.CheckboxSelectMultiple,
            "start_date": forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/jjjj"}),
            "end_date": forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/jjjj"}),
        }

    COORDINATOR_ONLY = services.ACTION_STRUCTURE_FIELDS

    def __init__(self, *args, plan: Plan, may_restructure: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        fields = self.fields
        fields["operational_goal"].queryset = OperationalGoal.objects.filter(plan=plan).order_by(
            "strategic_goal__order", "order"
        )
        fields["lead_organisation"].queryset = Organisation.objects.filter(plan=plan)
        fields["violence_forms"].queryset = ViolenceForm.objects.filter(plan=plan)
        fields["target_groups"].queryset = TargetGroup.objects.filter(plan=plan)
        fields["partners"].queryset = Partner.objects.filter(plan=plan)
        fields["istanbul_articles"].widget.choices = _articles_by_chapter()
        fields["co_ministers"].queryset = Minister.objects.order_by("family_name")
        fields["lead_minister"].queryset = Minister.objects.order_by("family_name")
        for name in ("start_date", "end_date"):
            fields[name].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        if not may_restructure:
            # Disabled fields keep their stored value whatever is posted (and the service
            # refuses a change from whoever may not restructure, see action_update).
            for name in self.COORDINATOR_ONLY:
                fields[name].disabled = True
                fields[name].readonly_text = display(self.instance, name)
        self.guard = guards.rule_for(plan) if self.instance.pk else None
        if self.guard is not None:
            # After version 1 these change only through an approved revision (guards.py).
            for name in guards.governed_names(self.guard, fields):
                fields[name].disabled = True
                fields[name].readonly_text = display(self.instance, name)
            if "status" in fields and self.guard.statuses:
                if self.instance.status in self.guard.statuses:
                    fields["status"].disabled = True
                    fields["status"].readonly_text = display(self.instance, "status")
                else:
                    fields["status"].choices = [
                        choice
                        for choice in fields["status"].choices
                        if choice[0] not in self.guard.statuses
                    ]
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean(self):
        cleaned = super().clean()
        # The rules of an action are the service's: the form shows its refusals field by field.
        try:
            services.action_validate(
                plan_id=self.plan.pk,
                action_id=self.instance.pk,
                lead_minister_id=getattr(cleaned.get("lead_minister"), "pk", None),
                **{name: cleaned.get(name) for name in CHECKED_BY_SERVICE},
            )
        except ValidationError as error:
            show_refusal(self, error)
        return cleaned

    def validate_unique(self):
        # The code's uniqueness (per plan, case-insensitively) was the service's, in clean().
        self.instance.plan = self.plan


class ActionCreateForm(ActionForm):
    """A new action, by the coordinator: every field open, no version yet."""

    version = None  # type: ignore[assignment]  # removes the inherited field

    def __init__(self, *args, plan: Plan, **kwargs) -> None:
        kwargs.setdefault("instance", Action(plan=plan))
        super().__init__(*args, plan=plan, may_restructure=True, **kwargs)


class FingerprintedForm(forms.ModelForm):
    """An edit form of a row without a version column: ``loaded`` carries a fingerprint of
    the values the editor started from, so a save over someone else's is a conflict."""

    loaded = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    FINGERPRINT_FIELDS: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.input_formats = DATE_INPUT_FORMATS
        if self.instance.pk and not self.is_bound:
            self.initial["loaded"] = fingerprint(self.instance, self.FINGERPRINT_FIELDS)

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FINGERPRINT_FIELDS}


class PlanForm(FingerprintedForm):
    """The plan's own data and calendar (its publication has its own page)."""

    FINGERPRINT_FIELDS = services.PLAN_FIELDS

    class Meta:
        model = Plan
        fields = list(services.PLAN_FIELDS)
        widgets = {
            "description": Textarea(attrs={"rows": 8}),
            **{name: _date_widget() for name in services.PLAN_DATE_FIELDS},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["coordinating_minister"].queryset = Minister.objects.order_by("family_name")
        fields["coordinating_agency"].queryset = Organisation.objects.filter(plan=self.instance)
        fields["interim_evaluation_due"].help_text = _("The note foresees it mid-2027.")
        fields["final_evaluation_due"].help_text = _("The note foresees it in 2029.")

    def clean(self):
        cleaned = super().clean()
        try:
            services.plan_validate(
                **{name: cleaned.get(name) for name in services.PLAN_DATE_FIELDS}
            )
        except ValidationError as error:
            show_refusal(self, error)
        return cleaned


class DecisionForm(FingerprintedForm):
    """A decision or advice the plan rests on."""

    FINGERPRINT_FIELDS = services.DECISION_FIELDS

    class Meta:
        model = PlanDecision
        fields = list(services.DECISION_FIELDS)
        widgets = {"date": _date_widget(), "description": Textarea(attrs={"rows": 5})}

    def validate_unique(self):
        pass  # one decision per kind and date: the service's check, shown at the date


class PublicationForm(forms.Form):
    """The confirmation step of publishing or unpublishing a plan."""

    confirm = forms.BooleanField(
        label=_("I have checked what the public site will show, and confirm."),
        required=True,
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        widget=Textarea(attrs={"rows": 3}),
        max_length=limits.REMARK_MAX,
        help_text=policy.COMMENT_READERS_TEXT,
    )
