"""The forms of the context series pages: every input goes through one."""

from __future__ import annotations

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from planmonitor.core import limits
from planmonitor.core.forms import Textarea
from planmonitor.monitoring.reports.forms import DutchDecimalField

from .importing import series_key
from .models import ContextSeries, ContextValue


class ContextValueForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200)
    value = DutchDecimalField(
        label=_("Value"),
        max_digits=limits.MAX_SIGNIFICANT_DIGITS,
        decimal_places=limits.INDICATOR_PLACES,
    )
    source = forms.URLField(
        label=_("Source"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("The web page that published the figure."),
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, series: ContextSeries, current: ContextValue | None = None, **kw):
        super().__init__(*args, **kw)
        self.series, self.current = series, current

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        taken = ContextValue.objects.filter(series=self.series, year=year)
        if self.current is not None:
            taken = taken.exclude(pk=self.current.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("This series already has a value for %(year)d."), params={"year": year}
            )
        return year


class ContextValueChangeForm(ContextValueForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DeleteForm(forms.Form):
    """A delete names the version the person saw."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class ContextSeriesForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    area = forms.CharField(label=_("Area"), max_length=100, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False)
    description = forms.CharField(
        label=_("Description"), widget=Textarea, max_length=4000, required=False
    )

    def __init__(self, *args, plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean(self) -> dict:
        data = super().clean() or {}
        if "name" in data:
            data["key"] = series_key(data["name"], data.get("area", ""))
            if ContextSeries.objects.filter(plan=self.plan, key=data["key"]).exists():
                raise forms.ValidationError(_("The plan already has this series for this area."))
        return data


class ContextUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Figures (.csv or .xlsx)"),
        help_text=_("Columns: indicator, area, year, value, unit, note, source."),
        validators=[FileExtensionValidator(["csv", "xlsx"])],
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
