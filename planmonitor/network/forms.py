"""The filters of the network's pages (GET)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

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
