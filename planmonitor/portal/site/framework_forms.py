"""The public search's form: words and combinable filters, all in the URL (GET, no CSRF
token: the result pages are cached and shared). A filter value the form does not know is
ignored, with a message, never an error page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from planmonitor.monitoring.models import ImplementationStatus
from planmonitor.plans.models import Plan
from planmonitor.portal import public

from .framework_pages import text

ALL = ("", _("All"))


class ActionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    vorm = forms.ChoiceField(label=_("Form of violence"), required=False)
    doelgroep = forms.ChoiceField(label=_("Target group"), required=False)
    minister = forms.ChoiceField(label=_("Lead minister"), required=False)
    sd = forms.ChoiceField(label=_("Strategic goal"), required=False)
    od = forms.ChoiceField(label=_("Operational goal"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, data: Any, *, plan: Plan, audience: public.Audience) -> None:
        super().__init__(data)
        fields = self.fields
        fields["vorm"].choices = [ALL] + [  # type: ignore[attr-defined]
            (t.code, str(text(t.label, t.label_en))) for t in public.violence_forms(plan)
        ]
        fields["doelgroep"].choices = [ALL] + [  # type: ignore[attr-defined]
            (t.code, str(text(t.label, t.label_en))) for t in public.target_groups(plan)
        ]
        fields["minister"].choices = [ALL] + [  # type: ignore[attr-defined]
            (m.key, m.name) for m in public.lead_ministers(plan)
        ]
        fields["sd"].choices = [ALL] + [  # type: ignore[attr-defined]
            (g.code, _("SG %(code)s") % {"code": g.code}) for g in public.strategic_goals(plan)
        ]
        fields["od"].choices = [ALL] + [  # type: ignore[attr-defined]
            (g.code, _("OG %(code)s") % {"code": g.code}) for g in public.operational_goals(plan)
        ]
        fields["status"].choices = [ALL, *ImplementationStatus.choices]  # type: ignore[attr-defined]

    def valid_filters(self) -> tuple[dict[str, Any], list[str]]:
        """The filters that hold a known value, and the labels of those ignored."""
        self.is_valid()
        ignored = [str(self.fields[name].label) for name in self.errors if name in self.fields]
        filters = {
            name: value
            for name, value in self.cleaned_data.items()
            if value and name not in self.errors
        }
        return filters, ignored
