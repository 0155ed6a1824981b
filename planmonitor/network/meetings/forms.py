"""The forms of the meeting pages: every input goes through one."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planmonitor.accounts.models import User
from planmonitor.core.forms import Textarea
from planmonitor.plans.models import Action

from ..forms import plan_people
from ..models import AgendaItem, MeetingStatus, Signal, SignalStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _actions(plan):
    return plan.actions.order_by("code")


class ActionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Action) -> str:
        return f"{obj.code} {obj.title}"


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    participants = forms.ModelMultipleChoiceField(
        label=_("Participants"), queryset=User.objects.none(), required=False
    )
    outside_participants = forms.CharField(
        label=_("Other participants"),
        help_text=_("People without an account, one per line."),
        widget=Textarea,
        required=False,
        max_length=4000,
    )

    def __init__(self, *args, plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = plan_people(plan)  # type: ignore[attr-defined]


class MeetingChangeForm(MeetingForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=MeetingStatus.choices)
    minutes = forms.CharField(label=_("Minutes"), widget=Textarea, required=False, max_length=20000)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    note = forms.CharField(label=_("Note"), widget=Textarea, required=False, max_length=8000)
    actions = ActionChoiceField(label=_("Actions"), queryset=Action.objects.none(), required=False)
    signals = forms.ModelMultipleChoiceField(
        label=_("Signals"), queryset=Signal.objects.none(), required=False
    )

    def __init__(self, *args, plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = _actions(plan)  # type: ignore[attr-defined]
        # The open signals, and those the item already links (closed since).
        linked = kwargs.get("initial", {}).get("signals", [])
        self.fields["signals"].queryset = Signal.objects.filter(  # type: ignore[attr-defined]
            Q(status__in=[SignalStatus.OPEN, SignalStatus.IN_DISCUSSION]) | Q(pk__in=linked),
            plan=plan,
        ).order_by("title", "pk")


class AgendaItemChangeForm(AgendaItemForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DeleteForm(forms.Form):
    """A delete names the version the person saw."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=Textarea, max_length=4000)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    deadline = forms.DateField(
        label=_("Deadline"), required=False, input_formats=["%Y-%m-%d"], widget=DATE
    )
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False
    )
    actions = ActionChoiceField(label=_("Actions"), queryset=Action.objects.none(), required=False)

    def __init__(self, *args, meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = plan_people(meeting.plan)  # type: ignore[attr-defined]
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("order")  # type: ignore[attr-defined]
        self.fields["actions"].queryset = _actions(meeting.plan)  # type: ignore[attr-defined]


class DecisionChangeForm(DecisionForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DecisionDoneForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    done_on = forms.DateField(
        label=_("Done on"), input_formats=["%Y-%m-%d"], widget=DATE, initial=timezone.localdate
    )

    def clean_done_on(self):
        done_on = self.cleaned_data["done_on"]
        if done_on > timezone.localdate():
            raise forms.ValidationError(_("A decision cannot be done in the future."))
        return done_on
