"""Forms of the plan pages. Every input, query-string filters included, goes through one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Action, Minister, OperationalGoal, Plan, TargetGroup, ViolenceForm


class OverviewFilterForm(forms.Form):
    """Filters of the plan overview (GET). Field names are the selector's keyword arguments.

    Choices travel by code (``?violence_form=SG``), not by database id, so a filtered
    link stays readable and keeps working across installations.
    """

    q = forms.CharField(label=_("Code or title contains"), required=False, max_length=100)
    operational_goal = forms.ModelChoiceField(
        label=_("Operational goal"),
        queryset=OperationalGoal.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All operational goals"),
    )
    violence_form = forms.ModelChoiceField(
        label=_("Violence form"),
        queryset=ViolenceForm.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All violence forms"),
    )
    target_group = forms.ModelChoiceField(
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
