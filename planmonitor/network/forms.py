"""The filters of the network's pages (GET)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .coverage import MATRIX_KEYS
from .smart import LETTER_NAMES, LETTERS


class SmartFilterForm(forms.Form):
    """Which actions the SMART list shows: all, or those failing one letter."""

    fails = forms.ChoiceField(label=_("Show"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["fails"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All actions"))] + [
            (
                letter,
                _("Failing %(letter)s (%(name)s)")
                % {"letter": letter, "name": LETTER_NAMES[letter]},
            )
            for letter in LETTERS
        ]

    def letter(self) -> str:
        """The letter to filter on, or "" (an invalid value shows all: the form says so)."""
        return self.cleaned_data.get("fails", "") if self.is_valid() else ""


class DrillForm(forms.Form):
    """Which matrix cell's actions the coverage page lists (``?matrix=…&row=…&col=…``)."""

    matrix = forms.ChoiceField(required=False)
    row = forms.CharField(required=False, max_length=60)
    col = forms.CharField(required=False, max_length=60)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["matrix"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(key, key) for key in MATRIX_KEYS]

    def cell(self) -> tuple[str, str, str] | None:
        if not self.is_valid() or not self.cleaned_data["matrix"]:
            return None
        data = self.cleaned_data
        return data["matrix"], data["row"], data["col"]


class AsOfForm(forms.Form):
    """The date the data-gap page judges on (``?op=YYYY-MM-DD``), like the dashboard's
    "as of": default today; an invalid date falls back to today and the form says so."""

    op = forms.DateField(
        label=_("As of"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def as_of(self) -> dt.date:
        if self.is_valid() and self.cleaned_data["op"]:
            return self.cleaned_data["op"]
        return timezone.localdate()


class DashboardFilterForm(AsOfForm):
    """The dashboard's filters (GET): they combine, and an unknown code is the form's error.

    The choices come from the rows the dashboard has read already, so the form costs no
    query of its own.
    """

    sd = forms.ChoiceField(label=_("Strategic goal"), required=False)
    od = forms.ChoiceField(label=_("Operational goal"), required=False)
    minister = forms.ChoiceField(label=_("Lead minister"), required=False)
    vorm = forms.ChoiceField(label=_("Form of violence"), required=False)
    doelgroep = forms.ChoiceField(label=_("Target group"), required=False)

    # field -> the keyword of ``status.filtered``
    FILTERS = {
        "sd": "sd",
        "od": "od",
        "minister": "minister",
        "vorm": "violence_form",
        "doelgroep": "target_group",
    }

    def __init__(self, *args, groups: dict[str, list], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, items in groups.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", _("All"))] + [(item.code, item.label) for item in items]
        self._pks = {name: {item.code: item.pk for item in items} for name, items in groups.items()}

    def filters(self) -> dict[str, int]:
        """``status.filtered``'s keywords for the valid, chosen filters."""
        if not self.is_bound:
            return {}
        self.is_valid()  # a wrong field drops out of cleaned_data; the others still filter
        return {
            self.FILTERS[name]: self._pks[name][self.cleaned_data[name]]
            for name in self.FILTERS
            if self.cleaned_data.get(name)
        }

    def as_of(self) -> dt.date:
        if not self.is_bound:
            return timezone.localdate()
        self.is_valid()
        return self.cleaned_data.get("op") or timezone.localdate()
