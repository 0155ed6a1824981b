"""What every form shares: showing a service's refusal on the form, the textarea."""

from __future__ import annotations

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import ValidationError

from .text import normalise_value


def show_refusal(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on ``form``: on the field it names where the form has it,
    else above the form. The forms ask the services, so both refuse alike."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class Textarea(forms.Textarea):
    """The textarea of every form: its text is stored with LF line endings only.

    Browsers send a textarea's line breaks as CRLF; stored text has LF. Read at the
    boundary, so validation (``max_length``), ``has_changed`` and the services all
    see the text as stored. A test (core/tests/test_text.py) keeps other textareas out.
    """

    def value_from_datadict(self, data, files, name):
        return normalise_value(super().value_from_datadict(data, files, name))


class AdminTextarea(Textarea, AdminTextareaWidget):
    """The admin's textarea (its look), storing LF line endings like every other form."""
