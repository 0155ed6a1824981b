"""The API's refusals, as ``ErrorOut``: the status, what went wrong, and per field the
same messages the web forms show."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError


class ApiRefusal(Exception):
    def __init__(
        self,
        status: int,
        detail: Any,
        *,
        errors: dict[str, list[str]] | None = None,
        etag: int | None = None,
    ) -> None:
        super().__init__(str(detail))
        self.status = status
        self.detail = str(detail)
        self.errors = errors or {}
        self.etag = etag


def form_errors(source: forms.BaseForm | ValidationError) -> dict[str, list[str]]:
    """A form's errors (or a service's refusal) by field; "__all__" for the whole form."""
    if isinstance(source, forms.BaseForm):
        return {
            (name.rsplit("-", 1)[-1] if name != "__all__" else name): [str(m) for m in messages]
            for name, messages in source.errors.items()
        }
    if hasattr(source, "error_dict"):
        return {
            name: [str(m) for m in ValidationError(errs).messages]
            for name, errs in source.error_dict.items()
        }
    return {"__all__": [str(m) for m in source.messages]}
