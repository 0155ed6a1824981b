"""The publication page's forms: one per step, even a button's (its CSRF check and POST)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from planmonitor.core.forms import Textarea

from .services import REASON_MAX


class StepForm(forms.Form):
    """A publish or unpublish button: nothing to fill in, the URL names what."""


class WithholdForm(forms.Form):
    round = forms.TypedChoiceField(label=_("Reporting round"), coerce=int)
    action = forms.TypedChoiceField(label=_("Action"), coerce=int)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        widget=Textarea(attrs={"rows": 3}),
        help_text=_("Internal: the public site does not show it."),
    )

    def __init__(self, *args, rounds, actions, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["round"]).choices = rounds
        cast(forms.ChoiceField, self.fields["action"]).choices = actions


class EvaluationPublishForm(forms.Form):
    title = forms.CharField(
        label=_("Title on the public site"),
        max_length=300,
        help_text=_("Public: the list of evaluation reports and the feed show it."),
    )


class PreviewForm(forms.Form):
    rounds = forms.TypedMultipleChoiceField(
        label=_("Rounds to show as if published"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, rounds, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["rounds"]).choices = rounds
