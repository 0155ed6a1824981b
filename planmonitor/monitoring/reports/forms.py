"""Forms of the progress report pages: the report, its indicator rows, evidence, contributions."""

from __future__ import annotations

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from planmonitor.core import formatting, limits
from planmonitor.core.forms import Textarea
from planmonitor.monitoring.models import NEEDS_REASON, Milestone, ProgressReport, QualitativeLevel
from planmonitor.plans.models import Indicator

from ..rounds.forms import DATE_FORMATS, DATE_WIDGET
from . import uploads

NARRATIVE_HELP = _("Markdown: paragraphs, lists, links. HTML is shown as text.")


class DutchDecimalField(forms.DecimalField):
    """A number typed the Belgian way: "12,5" and "1.234,5" (also "12.5") are accepted."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = formatting.parse_localized(value)
        return super().to_python(value)


class MilestoneChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Milestone) -> str:
        return f"{obj.name} ({obj.planned_date:%d/%m/%Y})"


REPORT_FIELDS = (
    "implementation_status",
    "status_reason",
    "done",
    "obstacles",
    "next_steps",
    "public_text",  # the public site's text of the report (portal/public.py)
)


class ReportForm(forms.ModelForm):
    """The report's own fields. ``version`` makes a save on an old version a conflict."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    milestones_reached = MilestoneChoiceField(
        label=_("Milestones reached this period"),
        queryset=Milestone.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = ProgressReport
        fields = [*REPORT_FIELDS, "milestones_reached"]
        widgets = {
            "implementation_status": forms.RadioSelect,
            "status_reason": Textarea(attrs={"rows": 3}),
            "done": Textarea(attrs={"rows": 6}),
            "obstacles": Textarea(attrs={"rows": 4}),
            "next_steps": Textarea(attrs={"rows": 4}),
            "public_text": Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "status_reason": _("Required when the action is delayed or stopped."),
            "done": NARRATIVE_HELP,
            "obstacles": NARRATIVE_HELP,
            "next_steps": NARRATIVE_HELP,
        }

    def __init__(self, *args, milestones, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["milestones_reached"].queryset = milestones
        if not self.is_bound:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("implementation_status")
        if status in NEEDS_REASON and not (cleaned.get("status_reason") or "").strip():
            self.add_error(
                "status_reason", _("Give the reason: it is required for a delay or a stop.")
            )
        return cleaned

    @property
    def report_values(self) -> dict:
        """The report's own fields as ``services.report_update`` takes them."""
        return {name: self.cleaned_data[name] for name in REPORT_FIELDS}


class IndicatorValueForm(forms.Form):
    """One indicator's row: a number (quantitative) or a level plus text (qualitative)."""

    source = forms.CharField(label=_("Source"), max_length=300, required=False)
    remark = forms.CharField(label=_("Remark"), max_length=500, required=False)

    def __init__(self, *args, indicator: Indicator, instance=None, **kwargs) -> None:
        kwargs.setdefault("prefix", f"indicator-{indicator.pk}")
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "value": formatting.plain_decimal(instance.value),
                "level": instance.level,
                "text": instance.text,
                "source": instance.source,
                "remark": instance.remark,
            }
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.instance = instance
        if self.quantitative:
            label = _("Value")
            if indicator.unit:
                label = f"{label} ({indicator.unit})"
            self.fields["value"] = DutchDecimalField(
                label=label,
                required=False,
                validators=[limits.ExactNumberValidator(limits.INDICATOR_PLACES)],
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
        else:
            self.fields["level"] = forms.ChoiceField(
                label=_("Level"),
                choices=[("", _("— no data —")), *QualitativeLevel.choices],
                required=False,
            )
            self.fields["text"] = forms.CharField(
                label=_("Explanation"),
                required=False,
                max_length=limits.NARRATIVE_MAX,
                widget=Textarea(attrs={"rows": 2}),
            )
        self.order_fields(["value", "level", "text", "source", "remark"])

    @property
    def quantitative(self) -> bool:
        return self.indicator.kind == Indicator.Kind.QUANTITATIVE

    def clean(self):
        cleaned = super().clean()
        filled = any(value not in (None, "") for value in cleaned.values())
        if filled and self.quantitative and cleaned.get("value") is None and "value" in cleaned:
            self.add_error(
                "value", _("Give a number, or leave the whole row empty when there is no data.")
            )
        if filled and not self.quantitative and not cleaned.get("level"):
            self.add_error(
                "level", _("Choose a level, or leave the whole row empty when there is no data.")
            )
        return cleaned

    @property
    def values(self) -> dict:
        """The row as ``services.report_update`` takes it; all empty means "no data"."""
        kind = ("value",) if self.quantitative else ("level", "text")
        return {name: self.cleaned_data.get(name) for name in (*kind, "source", "remark")}


class TransitionForm(forms.Form):
    remarks = forms.CharField(
        label=_("Remarks for the action owner"),
        required=False,
        max_length=limits.REMARK_MAX,
        widget=Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        required=False,
        max_length=limits.REMARK_MAX,
        widget=Textarea(attrs={"rows": 3}),
    )


class ContributionForm(forms.Form):
    text = forms.CharField(
        label=_("Your contribution"),
        max_length=limits.CONTRIBUTION_MAX,
        widget=Textarea(attrs={"rows": 4}),
        help_text=NARRATIVE_HELP,
    )

    def __init__(self, *args, ministers=(), **kwargs) -> None:
        """``ministers``: the co-ministers the author may speak for; a choice only when
        there are several (with one, the contribution speaks for that one)."""
        super().__init__(*args, **kwargs)
        self.ministers = list(ministers)
        if len(self.ministers) > 1:
            self.fields["minister"] = forms.TypedChoiceField(
                label=_("On behalf of minister"),
                choices=[(m.pk, str(m)) for m in self.ministers],
                coerce=int,
            )

    def chosen_minister(self):
        """The chosen minister (None: the service takes the only one)."""
        chosen = self.cleaned_data.get("minister")
        return next((m for m in self.ministers if m.pk == chosen), None)


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    url = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    file = forms.FileField(
        label=_("or a file"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ",".join(sorted(uploads.KINDS))}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG, TXT or CSV; at most %(max)d MB."
        ) % {"max": uploads.MAX_BYTES // (1024 * 1024)}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            kind = uploads.check_upload(upload)
            upload.name = uploads.safe_name(upload.name)
            upload.content_type = kind.content_type  # what we checked, not what the browser said
        return upload

    def clean(self):
        cleaned = super().clean()
        has_url, has_file = bool(cleaned.get("url")), bool(cleaned.get("file"))
        if has_url == has_file and not self.errors:
            self.add_error(None, _("Give either a link or a file (one of the two)."))
        return cleaned


class DueDateExtensionForm(forms.Form):
    """The coordinator gives one report more time than its round (with a reason)."""

    due_date = forms.DateField(
        label=_("New due date"),
        input_formats=DATE_FORMATS,
        widget=DATE_WIDGET,
        help_text=_("dd/mm/yyyy, after the round's due date."),
    )
    reason = forms.CharField(
        label=_("Reason for the extension"),
        max_length=limits.REMARK_MAX,
        widget=Textarea(attrs={"rows": 3}),
        help_text=_("The action owners read it on the report; it stays in its history."),
    )
