"""Forms of the action sheet pages. Dates are typed dd/mm/jjjj, numbers the Belgian way."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from planmonitor.core import formatting, limits
from planmonitor.core.forms import Textarea, show_refusal
from planmonitor.monitoring.models import ActionSheet, Milestone
from planmonitor.plans.models import (
    Action,
    BudgetLine,
    FinanceAdvice,
    Indicator,
    Partner,
    PolicyDomain,
)

from .services import (
    BUDGET_LINE_FIELDS,
    INDICATOR_FIELDS,
    MILESTONE_FIELDS,
    budget_procedure_validate,
    fingerprint,
    indicator_validate,
)

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date_widget() -> forms.DateInput:
    return forms.DateInput(
        format="%d/%m/%Y", attrs={"placeholder": "dd/mm/jjjj", "class": "sheet-input-date"}
    )


def _label(model, name: str):
    """The model field's own (translated) name, capitalised like a form label."""
    return capfirst(model._meta.get_field(name).verbose_name)


class BelgianDecimalField(forms.DecimalField):
    """A decimal typed with a decimal comma and optional thousands dots."""

    widget = forms.TextInput

    def __init__(self, *args, places: int | None = None, **kwargs) -> None:
        self.places = places
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        return {"inputmode": "decimal", "class": "sheet-input-number"}

    def to_python(self, value):
        if isinstance(value, str):
            value = formatting.parse_belgian(value)
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return formatting.belgian(value, places=self.places)
        return value


class SheetForm(forms.ModelForm):
    """The sheet's own text. ``version`` travels along: an older version is a conflict."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = ActionSheet
        fields = ["content_goal", "approach", "risks", "contact_name", "contact_email"]
        widgets = {
            "content_goal": Textarea(attrs={"rows": 4}),
            "approach": Textarea(attrs={"rows": 12}),
            "risks": Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version


class ItemForm(forms.ModelForm):
    """A part of the sheet (milestone, indicator, budget line) on its own form.

    ``loaded`` carries a fingerprint of the values the editor started from, so
    a save over someone else's change is refused instead of overwriting it.
    """

    loaded = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    FINGERPRINT_FIELDS: tuple[str, ...] = ()

    def __init__(self, *args, action: Action, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.action = action
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.input_formats = DATE_INPUT_FORMATS
        if self.instance.pk and not self.is_bound:
            self.initial["loaded"] = fingerprint(self.instance, self.FINGERPRINT_FIELDS)

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FINGERPRINT_FIELDS}

    def _validated_by(self, validate, names: tuple[str, ...]) -> dict:
        """The part's rules are the service's: show its refusals on the fields they name."""
        cleaned = super().clean() or {}
        try:
            validate(**{name: cleaned.get(name) for name in names})
        except ValidationError as error:
            show_refusal(self, error)
        return cleaned


class MilestoneForm(ItemForm):
    FINGERPRINT_FIELDS = MILESTONE_FIELDS

    class Meta:
        model = Milestone
        fields = list(MILESTONE_FIELDS)
        widgets = {"planned_date": _date_widget(), "done_date": _date_widget()}


class IndicatorForm(ItemForm):
    FINGERPRINT_FIELDS = INDICATOR_FIELDS

    baseline_value = BelgianDecimalField(
        label=_label(Indicator, "baseline_value"),
        required=False,
        validators=[limits.ExactNumberValidator(limits.INDICATOR_PLACES)],
    )
    target_value = BelgianDecimalField(
        label=_label(Indicator, "target_value"),
        required=False,
        validators=[limits.ExactNumberValidator(limits.INDICATOR_PLACES)],
    )

    class Meta:
        model = Indicator
        fields = list(INDICATOR_FIELDS)
        widgets = {"baseline_date": _date_widget(), "target_date": _date_widget()}
        help_texts = {
            "baseline_value": _("Quantitative indicators only. Decimals with a comma: 12,5."),
            "target_value": _("Quantitative indicators only. Decimals with a comma: 12,5."),
        }

    def clean(self):
        return self._validated_by(
            indicator_validate,
            ("kind", "baseline_value", "target_value", "baseline_date", "target_date"),
        )


class BudgetLineForm(ItemForm):
    FINGERPRINT_FIELDS = BUDGET_LINE_FIELDS

    year = forms.IntegerField(
        label=_label(BudgetLine, "year"),
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "sheet-input-year"}),
    )
    amount = BelgianDecimalField(
        label=_label(BudgetLine, "amount"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        places=2,
        help_text=_("For example 12.500,00"),
    )
    finance_advice_outcome = forms.ChoiceField(
        label=_label(BudgetLine, "finance_advice_outcome"),
        choices=[("", "—"), *FinanceAdvice.choices],
        required=False,
    )

    class Meta:
        model = BudgetLine
        fields = list(BUDGET_LINE_FIELDS)
        widgets = {
            "finance_advice_date": _date_widget(),
            "budget_agreement_date": _date_widget(),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["policy_domain"].queryset = PolicyDomain.objects.filter(
            plan_id=self.action.plan_id
        )

    def clean_finance_advice_outcome(self) -> str | None:
        return self.cleaned_data["finance_advice_outcome"] or None

    def clean(self):
        return self._validated_by(
            budget_procedure_validate,
            ("finance_advice_date", "finance_advice_outcome", "budget_agreement_date"),
        )


class PartnersForm(forms.Form):
    """The action's partners, chosen on the sheet; locked with the action's version."""

    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"),
        queryset=Partner.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, action: Action, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["partners"].queryset = Partner.objects.filter(plan_id=action.plan_id).order_by(
            "label"
        )
        if not self.is_bound:
            self.initial = {"partners": list(action.partners.all()), "version": action.version}


class TransitionForm(forms.Form):
    remarks = forms.CharField(
        label=_("Remarks"),
        widget=Textarea(attrs={"rows": 4}),
        required=False,
        max_length=limits.REMARK_MAX,
    )
