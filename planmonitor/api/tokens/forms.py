"""Forms of the token pages: a personal token, an organisation's token."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planmonitor.monitoring.rounds.forms import DATE_FORMATS, DATE_WIDGET

from .services import DEFAULT_LIFETIME, MAX_LIFETIME


def _end_of(day: dt.date) -> dt.datetime:
    """The token works until the end of the day it expires on."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the system that uses it."),
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        input_formats=DATE_FORMATS,
        widget=DATE_WIDGET,
        required=False,
    )
    expiry_required = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.expiry_required:
            self.fields["expires_on"].help_text = _(
                "dd/mm/yyyy; empty: in 90 days. At most one year from today."
            )
        else:
            self.fields["expires_on"].help_text = _(
                "dd/mm/yyyy; empty: until it is revoked. At most one year from today."
            )

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()

    def clean_expires_on(self) -> dt.date | None:
        day = self.cleaned_data.get("expires_on")
        today = timezone.localdate()
        if day is None:
            return (today + DEFAULT_LIFETIME) if self.expiry_required else None
        if day <= today:
            raise forms.ValidationError(_("Give an expiry date in the future."))
        if day > today + MAX_LIFETIME - dt.timedelta(days=1):
            raise forms.ValidationError(_("A token lives at most one year."))
        return day

    @property
    def expires_at(self) -> dt.datetime | None:
        day = self.cleaned_data.get("expires_on")
        return _end_of(day) if day else None


class PersonalTokenForm(TokenForm):
    pass


class OrganisationTokenForm(TokenForm):
    expiry_required = False
    organisation: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None
    )

    field_order = ["name", "organisation", "expires_on"]

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations
        self.order_fields(self.field_order)
