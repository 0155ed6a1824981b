"""What every form shares: showing a service's refusal on the form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def show_refusal(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on ``form``: on the field it names where the form has it,
    else above the form. The forms ask the services, so both refuse alike."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
