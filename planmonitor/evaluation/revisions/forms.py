"""Forms of plan versions and revisions: every input goes through one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from planmonitor.core.forms import Textarea
from planmonitor.plans.models import Action, FinanceAdvice, Minister, OperationalGoal, Organisation

from .models import ChangeKind, RevisionChange

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date(label, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/jjjj"}),
    )


class FirstVersionForm(forms.Form):
    effective_date = _date(_("effective date"), required=True)
    decision_date = _date(_("decision date"))
    decision_reference = forms.CharField(
        label=_("decision reference"), max_length=100, required=False
    )


class RevisionOpenForm(forms.Form):
    name = forms.CharField(
        label=_("name"), max_length=200, help_text=_('For example "Actualisering 2027".')
    )


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ApproveForm(VersionedForm):
    """The plan decision that adopts the revision (the Flemish Government's)."""

    decision_date = _date(_("decision date"), required=True)
    decision_reference = forms.CharField(label=_("decision reference"), max_length=100)
    effective_date = _date(_("effective date"), required=True)
    finance_advice_date = _date(_("Inspectorate of Finance advice date"))
    finance_advice_outcome = forms.ChoiceField(
        label=_("Inspectorate of Finance advice"),
        choices=[("", "—"), *FinanceAdvice.choices],
        required=False,
    )
    budget_agreement_date = _date(_("budget agreement date"))
    budget_changes = forms.BooleanField(
        label=_("The revision changes the budget"),
        required=False,
        help_text=_(
            "Then the Inspectorate of Finance advice and the budget agreement are required."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("budget_changes"):
            for name in ("finance_advice_date", "finance_advice_outcome", "budget_agreement_date"):
                if not cleaned.get(name):
                    self.add_error(name, _("Required when the revision changes the budget."))
        return cleaned


class ChangeForm(forms.Form):
    """One proposed change: which action and how; the new values of the governed fields.

    Empty value fields propose nothing for a "change"; for a new action code, title,
    goal and lead minister are required (the service checks)."""

    kind = forms.ChoiceField(label=_("kind"), choices=ChangeKind.choices)
    action = forms.ModelChoiceField(
        label=_("action"), queryset=Action.objects.none(), required=False
    )
    code = forms.CharField(label=_("code (new action)"), max_length=20, required=False)
    title = forms.CharField(label=_("title"), max_length=500, required=False)
    description = forms.CharField(
        label=_("description"), widget=Textarea(attrs={"rows": 6}), required=False
    )
    operational_goal = forms.ModelChoiceField(
        label=_("operational goal"), queryset=OperationalGoal.objects.none(), required=False
    )
    lead_minister = forms.ModelChoiceField(
        label=_("lead minister"), queryset=Minister.objects.order_by("family_name"), required=False
    )
    co_ministers = forms.ModelMultipleChoiceField(
        label=_("co-ministers"),
        queryset=Minister.objects.order_by("family_name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    change_co_ministers = forms.BooleanField(label=_("Propose these co-ministers"), required=False)
    lead_organisation = forms.ModelChoiceField(
        label=_("lead organisation (new action)"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    start_date = _date(_("start"))
    end_date = _date(_("end"))
    merge_target = forms.ModelChoiceField(
        label=_("merged into"), queryset=Action.objects.none(), required=False
    )
    reason = forms.CharField(label=_("reason"), widget=Textarea(attrs={"rows": 4}), max_length=4000)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args, plan, change: RevisionChange | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        actions = (
            Action.objects.filter(plan=plan).exclude(status=Action.Status.STOPPED).order_by("code")
        )
        self._choices("action").queryset = actions
        self._choices("merge_target").queryset = actions
        self._choices("operational_goal").queryset = OperationalGoal.objects.filter(
            plan=plan
        ).order_by("strategic_goal__order", "order")
        self._choices("lead_organisation").queryset = Organisation.objects.filter(plan=plan)
        self.change = change
        if change is not None:
            # An existing proposal keeps its kind and action.
            self.fields["kind"].disabled = True
            self.fields["action"].disabled = True
            if not self.is_bound:
                self.initial.update(initial_of(change, plan))

    def _choices(self, name: str) -> forms.ModelChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        return field

    def proposed_values(self) -> dict[str, Any]:
        """The cleaned input as the plain values a change stores (keys, codes, ISO dates)."""
        data = self.cleaned_data
        kind = data["kind"]
        if kind in (ChangeKind.DISCONTINUE, ChangeKind.MERGE):
            return {}
        values: dict[str, Any] = {}
        for name in ("code", "title", "description"):
            if data.get(name):
                values[name] = data[name].replace("\r\n", "\n").strip()
        if kind != ChangeKind.ADD:
            values.pop("code", None)
        if data.get("operational_goal"):
            values["operational_goal"] = data["operational_goal"].code
        if data.get("lead_minister"):
            values["lead_minister"] = data["lead_minister"].key
        if kind == ChangeKind.ADD or data.get("change_co_ministers"):
            values["co_ministers"] = sorted(m.key for m in data.get("co_ministers") or [])
        if kind == ChangeKind.ADD and data.get("lead_organisation"):
            values["lead_organisation"] = data["lead_organisation"].pk
        for name in ("start_date", "end_date"):
            if data.get(name):
                values[name] = data[name].isoformat()
        return values


def initial_of(change: RevisionChange, plan) -> dict[str, Any]:
    values = change.values
    initial: dict[str, Any] = {
        "kind": change.kind,
        "action": change.action_id,
        "merge_target": change.merge_target_id,
        "reason": change.reason,
        "version": change.version,
    }
    for name in ("code", "title", "description"):
        initial[name] = values.get(name, "")
    if values.get("operational_goal"):
        goal = OperationalGoal.objects.filter(plan=plan, code=values["operational_goal"]).first()
        initial["operational_goal"] = goal.pk if goal else None
    if values.get("lead_minister"):
        minister = Minister.objects.filter(key=values["lead_minister"]).first()
        initial["lead_minister"] = minister.pk if minister else None
    if "co_ministers" in values:
        initial["co_ministers"] = list(
            Minister.objects.filter(key__in=values["co_ministers"]).values_list("pk", flat=True)
        )
        initial["change_co_ministers"] = True
    initial["lead_organisation"] = values.get("lead_organisation")
    for name in ("start_date", "end_date"):
        if values.get(name):
            initial[name] = dt.date.fromisoformat(values[name])
    return initial


class CompareForm(forms.Form):
    van = forms.IntegerField(min_value=1, required=False)
    naar = forms.IntegerField(min_value=1, required=False)
