"""The filters of the network's pages (GET)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planmonitor.accounts.models import User
from planmonitor.core.forms import Textarea
from planmonitor.plans.models import Action

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


class SignalFilterForm(forms.Form):
    """The filters of the signal list (``?status=…&kind=…&owner=…&action=…``)."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=User.objects.none(), required=False, empty_label=_("All")
    )
    action = forms.CharField(label=_("Action (code)"), required=False, max_length=20)

    def __init__(self, *args, plan, **kwargs) -> None:
        from planmonitor.network.models import SignalKind, SignalStatus

        super().__init__(*args, **kwargs)
        all_ = [("", _("All"))]
        self.fields["status"].choices = all_ + list(SignalStatus.choices)  # type: ignore[attr-defined]
        self.fields["kind"].choices = all_ + list(SignalKind.choices)  # type: ignore[attr-defined]
        self.fields["owner"].queryset = plan_people(plan)  # type: ignore[attr-defined]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        result: dict = {}
        for name in ("status", "kind", "owner"):
            if data.get(name):
                result[name] = data[name]
        if data.get("action"):
            result["actions__code"] = data["action"].strip()
        return result


def plan_people(plan):
    """The plan's members, who may own a signal."""
    return User.objects.filter(memberships__plan=plan).distinct().order_by("last_name", "pk")


class SignalCreateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    detail = forms.CharField(label=_("Detail"), widget=Textarea, required=False)
    actions = forms.ModelMultipleChoiceField(
        label=_("Actions"), queryset=Action.objects.none(), required=False
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)

    def __init__(self, *args, plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = plan.actions.order_by("code")  # type: ignore[attr-defined]
        self.fields["owner"].queryset = plan_people(plan)  # type: ignore[attr-defined]


class SignalChangeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"))
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    reason = forms.CharField(label=_("Reason"), widget=Textarea, required=False, max_length=2000)

    def __init__(self, *args, plan, **kwargs) -> None:
        from planmonitor.network.models import SignalStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = SignalStatus.choices  # type: ignore[attr-defined]
        self.fields["owner"].queryset = plan_people(plan)  # type: ignore[attr-defined]


class SignalCommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=Textarea, max_length=4000)
