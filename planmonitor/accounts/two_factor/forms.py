"""The forms of two-step login: a code typed at login, and the first code of a new app."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from planmonitor.accounts.services import two_factor_code_normalise


def _code_widget(**attrs) -> forms.TextInput:
    return forms.TextInput(
        attrs={
            "autocomplete": "one-time-code",
            "autocapitalize": "off",
            "spellcheck": "false",
            "autofocus": True,
            **attrs,
        }
    )


class SecondStepForm(forms.Form):
    """At login: the app's 6 digits, or one backup code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The 6 digits your authenticator app shows now, or one of your backup codes."),
        widget=_code_widget(),
    )

    def clean_code(self) -> str:
        return two_factor_code_normalise(self.cleaned_data["code"])


class EnrolForm(forms.Form):
    """Setting up: the first code the app shows proves it holds the secret."""

    code = forms.CharField(
        label=_("Code from the app"),
        max_length=12,
        help_text=_("The 6 digits the app shows for planmonitor."),
        widget=_code_widget(inputmode="numeric"),
    )
