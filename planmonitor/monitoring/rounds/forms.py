"""Forms of the reporting-round pages: opening a round, filtering a round's reports."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from planmonitor.core.forms import show_refusal
from planmonitor.monitoring import workflow
from planmonitor.monitoring.workflow import OwnerState
from planmonitor.plans.models import Action, Plan

from .services import round_validate

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/jjjj"})
# The fields whose rules ``services.round_validate`` holds.
CHECKED = ("name", "period_start", "period_end", "due_date")


class RoundForm(forms.Form):
    """Open a round: name, period, due date, reminders and the actions it covers.

    The coverage is a checkbox per action, grouped by operational goal
    (``action_groups``); the page's buttons to select all, none, an OD or the
    actions running in the period are plain submit buttons, so they work
    without JavaScript.
    """

    name = forms.CharField(
        label=_("Name"), max_length=200, help_text=_("For example: 2026 – tweede semester")
    )
    period_start = forms.DateField(
        label=_("Period start"), input_formats=DATE_FORMATS, widget=DATE_WIDGET
    )
    period_end = forms.DateField(
        label=_("Period end"), input_formats=DATE_FORMATS, widget=DATE_WIDGET
    )
    due_date = forms.DateField(
        label=_("Due date"),
        input_formats=DATE_FORMATS,
        widget=DATE_WIDGET,
        help_text=_("On or after the end of the period."),
    )
    reminder_days = forms.IntegerField(
        label=_("Reminder, days before the due date"),
        min_value=0,
        max_value=90,
        initial=7,
        help_text=_("0: no reminder before the due date; late reports are reminded anyway."),
    )
    actions = forms.ModelMultipleChoiceField(
        label=_("Actions covered"),
        queryset=Action.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one action.")},
    )

    def __init__(self, *args, plan: Plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["actions"].queryset = (
            Action.objects.filter(plan=plan)
            .select_related("operational_goal", "lead_minister")
            .order_by(
                "operational_goal__strategic_goal__order",
                "operational_goal__order",
                "operational_goal__code",
                "code",
            )
        )

    def action_groups(self) -> list[tuple[object, list]]:
        """The action checkboxes per operational goal, in the plan's order: one query."""
        boxes = list(self["actions"])
        return [(goal, list(group)) for goal, group in groupby(boxes, key=_operational_goal)]

    def clean(self):
        cleaned = super().clean()
        # The rules of a round are the service's: the form shows its refusals field by field.
        try:
            round_validate(plan=self.plan, **{name: cleaned.get(name) for name in CHECKED})
        except ValidationError as error:
            show_refusal(self, error)
        return cleaned


def _operational_goal(box):
    return box.data["value"].instance.operational_goal


def default_period(today: dt.date) -> tuple[dt.date, dt.date, dt.date]:
    """The half-year ``today`` falls in and a due date a month after it ends."""
    if today.month <= 6:
        return dt.date(today.year, 1, 1), dt.date(today.year, 6, 30), dt.date(today.year, 7, 31)
    return dt.date(today.year, 7, 1), dt.date(today.year, 12, 31), dt.date(today.year + 1, 1, 31)


def default_name(start: dt.date) -> str:
    if start.month <= 6:
        return str(_("%(year)s – first semester") % {"year": start.year})
    return str(_("%(year)s – second semester") % {"year": start.year})


class RoundFilterForm(forms.Form):
    """Filter a round's reports by where they stand (GET)."""

    LATE = workflow.LATE
    STATES = [("", _("All")), *OwnerState.choices, (LATE, workflow.LATE_LABEL)]

    state = forms.ChoiceField(label=_("State"), choices=STATES, required=False)
