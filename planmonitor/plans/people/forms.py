"""Forms of the people-change pages."""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from planmonitor.accounts.forms import RolesChangeForm

from ..models import Action, Minister, Plan


class MinisterChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Minister) -> str:
        if obj.in_office_to is None:
            return obj.name
        return _("%(name)s (until %(date)s)") % {
            "name": obj.name,
            "date": obj.in_office_to.strftime("%d/%m/%Y"),
        }


class MinisterPairForm(forms.Form):
    """Whose work moves to whom (GET: the page lists what names the first minister)."""

    from_minister = MinisterChoice(
        label=_("From minister"), queryset=Minister.objects.order_by("family_name", "name")
    )
    to_minister = MinisterChoice(
        label=_("To minister"), queryset=Minister.objects.order_by("family_name", "name")
    )

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if cleaned.get("from_minister") and cleaned.get("from_minister") == cleaned.get(
            "to_minister"
        ):
            raise ValidationError(_("Choose two different ministers."))
        return cleaned


class MinisterReassignForm(MinisterPairForm, RolesChangeForm):
    """The actions and roles to move; ``seen`` also holds the previewed action versions."""

    actions = forms.ModelMultipleChoiceField(
        label=_("Actions"), queryset=Action.objects.none(), required=False
    )

    def __init__(self, *args, plan: Plan, **kwargs) -> None:
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["actions"].queryset = Action.objects.filter(plan=plan)  # type: ignore[attr-defined]

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if not cleaned.get("actions") and not cleaned.get("memberships"):
            raise ValidationError(_("Choose at least one action or role to move."))
        return cleaned

    def seen_state(self) -> dict[str, dict[int, object]]:
        """The versions and fingerprints the preview showed: {"actions": {pk: v}, ...}."""
        try:
            raw = json.loads(self.cleaned_data["seen"] or "{}")
            return {kind: {int(pk): v for pk, v in raw.get(kind, {}).items()} for kind in raw}
        except (ValueError, AttributeError):
            return {}
