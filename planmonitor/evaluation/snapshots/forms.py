"""Inputs of the snapshot pages."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planmonitor.core.forms import Textarea

from .models import SnapshotSection


class SnapshotForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        help_text=_(
            "Empty: today. An earlier date only labels the snapshot and judges the "
            "figures on it; the data are those of now."
        ),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_as_of(self):
        as_of = self.cleaned_data["as_of"] or timezone.localdate()
        if as_of > timezone.localdate():
            raise forms.ValidationError(_("A snapshot cannot be dated in the future."))
        return as_of


class SectionForm(forms.Form):
    text = forms.CharField(
        label=_("Text (Markdown)"),
        required=False,
        max_length=SnapshotSection._meta.get_field("text").max_length,
        widget=Textarea(attrs={"rows": 12}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Report"),
        choices=[("interim", _("Interim evaluation")), ("final", _("Final evaluation"))],
    )
    format = forms.ChoiceField(label=_("Format"), choices=[("docx", "DOCX"), ("pdf", "PDF")])
    language = forms.ChoiceField(
        label=_("Language"), choices=[("nl", _("Dutch")), ("en", _("English"))]
    )
