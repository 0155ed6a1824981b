"""Forms of the people-change pages."""

from __future__ import annotations

import json
from typing import ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from planmonitor.accounts.forms import RolesChangeForm

from ..models import Action, Minister, Organisation, Plan


class PairForm(forms.Form):
    """Whose work moves to whom: two different choices of one kind (``pair`` names the
    fields). On GET the page lists what names the first."""

    pair: ClassVar[tuple[str, str]]
    same_choice: ClassVar[Promise]

    @classmethod
    def for_plan(cls, data, *, plan: Plan) -> PairForm:
        form = cls(data)
        form.limit_to(plan)
        return form

    def limit_to(self, plan: Plan) -> None:
        """Offer only the choices that belong to ``plan`` (ministers belong to none)."""

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        source, target = (cleaned.get(name) for name in self.pair)
        if source and source == target:
            raise ValidationError(str(self.same_choice))
        return cleaned

    def chosen(self) -> tuple:
        """The (from, to) pair once valid."""
        return tuple(self.cleaned_data[name] for name in self.pair)


class MinisterChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Minister) -> str:
        if obj.in_office_to is None:
            return obj.name
        return _("%(name)s (until %(date)s)") % {
            "name": obj.name,
            "date": obj.in_office_to.strftime("%d/%m/%Y"),
        }


class MinisterPairForm(PairForm):
    pair = ("from_minister", "to_minister")
    same_choice = _("Choose two different ministers.")

    from_minister = MinisterChoice(
        label=_("From minister"), queryset=Minister.objects.order_by("family_name", "name")
    )
    to_minister = MinisterChoice(
        label=_("To minister"), queryset=Minister.objects.order_by("family_name", "name")
    )


class OrganisationPairForm(PairForm):
    pair = ("from_organisation", "to_organisation")
    same_choice = _("Choose two different organisations.")

    from_organisation = forms.ModelChoiceField(
        label=_("From organisation"), queryset=Organisation.objects.none()
    )
    to_organisation = forms.ModelChoiceField(
        label=_("To organisation"), queryset=Organisation.objects.none()
    )

    def limit_to(self, plan: Plan) -> None:
        organisations = Organisation.objects.filter(plan=plan).order_by("label")
        for name in self.pair:
            self.fields[name].queryset = organisations  # type: ignore[attr-defined]


class ReassignForm(RolesChangeForm):
    """The actions and roles to move, mixed with a ``PairForm`` (whose work to whom);
    ``seen`` also holds the previewed action versions."""

    actions = forms.ModelMultipleChoiceField(
        label=_("Actions"), queryset=Action.objects.none(), required=False
    )

    def __init__(self, *args, plan: Plan, **kwargs) -> None:
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["actions"].queryset = Action.objects.filter(plan=plan)  # type: ignore[attr-defined]
        self.limit_to(plan)

    def limit_to(self, plan: Plan) -> None:
        """The pair form's (first in the method order)."""

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


class MinisterReassignForm(MinisterPairForm, ReassignForm):
    pass


class OrganisationReassignForm(OrganisationPairForm, ReassignForm):
    pass
