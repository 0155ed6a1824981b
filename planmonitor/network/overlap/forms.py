"""The overlap page's filters (GET) and its classify form (POST); the thesaurus page's forms."""

from __future__ import annotations

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from planmonitor.core.forms import Textarea

from ..models import OverlapClassification, ThesaurusLanguage, ThesaurusTerm
from .reviews import ReviewedPair

KINDS = (("duplication", _("Duplication")), ("overlap", _("Overlap")))


class OverlapFilterForm(forms.Form):
    """Which pairs the overlap page lists (``?kind=…&cross=1&classified=…&dismissed=1``).

    "Classified" is a classification that still holds: a pair whose text changed since its
    classification counts as unclassified (it asks for a new look)."""

    kind = forms.ChoiceField(
        label=_("Proposed kind"), required=False, choices=[("", _("All")), *KINDS]
    )
    cross = forms.BooleanField(label=_("Cross-minister pairs only"), required=False)
    classified = forms.ChoiceField(
        label=_("Classification"),
        required=False,
        choices=[("", _("All")), ("yes", _("Classified")), ("no", _("Not classified"))],
    )
    dismissed = forms.BooleanField(label=_("Include dismissed pairs"), required=False)

    FIELDS = ("kind", "cross", "classified", "dismissed")

    def values(self) -> dict:
        """The valid filters (a wrong field drops out; the form shows its error)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: self.cleaned_data[name] for name in self.FIELDS if self.cleaned_data.get(name)
        }

    def include_dismissed(self) -> bool:
        return bool(self.values().get("dismissed"))

    def keep(self, row: ReviewedPair) -> bool:
        values = self.values()
        if values.get("kind") and row.pair.kind != values["kind"]:
            return False
        if values.get("cross") and not row.pair.cross_minister:
            return False
        if values.get("classified") == "yes" and not row.classified:
            return False
        return not (values.get("classified") == "no" and row.classified)


class OverlapClassifyForm(forms.Form):
    """One pair's classification. ``seen_a``/``seen_b``: the fingerprints of the texts shown,
    so a classification is never kept for texts the person did not read."""

    a = forms.CharField(widget=forms.HiddenInput, max_length=40)
    b = forms.CharField(widget=forms.HiddenInput, max_length=40)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    seen_a = forms.CharField(widget=forms.HiddenInput, max_length=64)
    seen_b = forms.CharField(widget=forms.HiddenInput, max_length=64)
    classification = forms.ChoiceField(
        label=_("Classification"), choices=OverlapClassification.choices
    )
    note = forms.CharField(label=_("Note"), widget=Textarea, required=False, max_length=4000)

    @classmethod
    def for_row(cls, row: ReviewedPair) -> OverlapClassifyForm:
        pair, review = row.pair, row.review
        initial: dict[str, object] = {
            "a": pair.a.code,
            "b": pair.b.code,
            "seen_a": row.fingerprint_a,
            "seen_b": row.fingerprint_b,
            # Unclassified: the detector's proposal is the likely answer.
            "classification": review.classification if review else pair.kind,
        }
        if review is not None:
            initial |= {"version": review.version, "note": review.note}
        return cls(initial=initial, auto_id=cls.auto_id_for(pair.a.code, pair.b.code))

    @staticmethod
    def auto_id_for(a: str, b: str) -> str:
        return f"id_{slugify(a)}_{slugify(b)}_%s"


def concept_key(name: str) -> str:
    """A concept's key as the thesaurus stores it: "Online harassment" -> "online_harassment"."""
    return slugify(name).replace("-", "_")


class ThesaurusAddForm(forms.Form):
    """A term for an existing concept, or for a new one (its name becomes its key)."""

    concept = forms.ChoiceField(label=_("Concept"), required=False)
    new_concept = forms.CharField(label=_("or a new concept"), required=False, max_length=100)
    language = forms.ChoiceField(label=_("Language"), choices=ThesaurusLanguage.choices)
    term = forms.CharField(label=_("Term or acronym"), max_length=200)

    def __init__(self, *args, concepts: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["concept"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("(a new concept)"))] + [(c, c) for c in concepts]

    def clean(self) -> dict:
        data = super().clean() or {}
        concept, new = data.get("concept"), (data.get("new_concept") or "").strip()
        if concept and new:
            self.add_error("new_concept", _("Choose a concept or name a new one, not both."))
        elif not concept and not new:
            self.add_error("concept", _("Choose a concept or name a new one."))
        elif new:
            if not concept_key(new):
                self.add_error("new_concept", _("A concept's name needs letters or digits."))
            data["concept"] = concept_key(new)
        return data


class ThesaurusRemoveForm(forms.Form):
    remove = forms.ModelChoiceField(queryset=ThesaurusTerm.objects.all(), widget=forms.HiddenInput)
