"""The upload form: a workbook or actions CSV, plus optional indicators and budget lines CSVs."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from .reading import max_bytes, too_large


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Workbook (.xlsx) or actions (.csv)"),
        validators=[FileExtensionValidator(["xlsx", "csv"])],
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    indicators = forms.FileField(
        label=_("Indicators (.csv), optional"),
        help_text=_("Only with a CSV of actions, or to replace the workbook's Indicatoren sheet."),
        required=False,
        validators=[FileExtensionValidator(["csv"])],
        widget=forms.ClearableFileInput(attrs={"accept": ".csv"}),
    )
    budget_lines = forms.FileField(
        label=_("Budget lines (.csv), optional"),
        required=False,
        validators=[FileExtensionValidator(["csv"])],
        widget=forms.ClearableFileInput(attrs={"accept": ".csv"}),
    )

    def clean(self) -> dict:
        data = super().clean()
        for name in ("file", "indicators", "budget_lines"):
            upload: UploadedFile | None = data.get(name)
            if upload is not None and upload.size is not None and upload.size > max_bytes():
                self.add_error(name, too_large(upload.size).message)
        return data

    def files_by_role(self) -> dict[str, UploadedFile | None]:
        return {
            "main": self.cleaned_data["file"],
            "indicators": self.cleaned_data.get("indicators"),
            "budget_lines": self.cleaned_data.get("budget_lines"),
        }
