"""The change log's filter (GET): person, kind and a range of days, both ends included."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from planmonitor.audit.events import event_kinds

from ..models import Plan
from .selectors import people_in_log

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/jjjj"})


class ChangeLogFilterForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Person"), coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(label=_("What"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, input_formats=DATE_FORMATS, widget=DATE_WIDGET
    )
    until = forms.DateField(
        label=_("Until"), required=False, input_formats=DATE_FORMATS, widget=DATE_WIDGET
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = cast(forms.ChoiceField, self.fields["person"])
        person.choices = [("", _("Everyone"))] + [
            (str(pk), name) for pk, name in people_in_log(plan=plan)
        ]
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", _("Everything"))] + [
            (key, kind.label) for key, kind in event_kinds().items()
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end of the period is before its start."))
        return cleaned

    def filters(self) -> dict[str, Any]:
        """The valid filters, for ``selectors.events_for`` (none when the form is invalid)."""
        if not self.is_valid():
            return {}
        return {name: self.cleaned_data[name] for name in ("person", "kind", "since", "until")}
