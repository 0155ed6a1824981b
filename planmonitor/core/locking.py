"""Optimistic locking: a save is refused when the row changed since the editor loaded it.

One mechanism for every edit page, in four parts:

- the check in the service: ``locked_current`` (rows with a ``version`` column)
  or ``locked_unchanged`` (rows without one: a ``fingerprint`` of the values
  the editor loaded); either raises ``EditConflict`` carrying the saved row;
- the view's save: ``attempt_save`` runs the service and turns a conflict, a
  locked object (``TransitionRefused``) or a refusal (``ValidationError``) into
  a ``SaveAttempt`` whose ``status`` is the page's (409 on a conflict or a lock);
- "what changed meanwhile": ``changed_fields`` lists the fields whose saved
  value differs from the editor's input, shown with ``display``;
- ``move_to`` rebinds the form to the saved version (or fingerprint), so that
  saving again is a deliberate overwrite and nothing typed is lost.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from . import formatting, text
from .errors import Conflict, TransitionRefused

_M = TypeVar("_M", bound=models.Model)


class EditConflict(Conflict):
    """Someone else saved the object after the editor loaded it; ``current`` is what is saved."""

    def __init__(self, current: models.Model) -> None:
        super().__init__()
        self.current = current


# --- in the service ------------------------------------------------------------------------


def locked_current(model: type[_M], pk: int, expected_version: int) -> _M:
    """The row, locked for this transaction, if nobody saved it since ``expected_version``.

    PostgreSQL locks the row; SQLite's write transaction (BEGIN IMMEDIATE) is
    already exclusive. Either way two saves cannot both pass the check.
    """
    current = model._default_manager.select_for_update().get(pk=pk)
    if current.version != expected_version:  # type: ignore[attr-defined]  # every locked model has version
        raise EditConflict(current)
    return current


def _concrete(obj: models.Model, name: str) -> models.Field[Any, Any]:
    """The model field ``name`` (a concrete field, never a relation's reverse side)."""
    field = obj._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field


def fingerprint(obj: models.Model, fields: Iterable[str]) -> str:
    """A short digest of ``obj``'s values in ``fields``: equal digests, equal values."""
    parts = []
    for name in fields:
        value = getattr(obj, _concrete(obj, name).attname)
        if isinstance(value, Decimal):
            value = format(value.normalize(), "f")  # 1.5 and 1.5000 are the same amount
        parts.append(None if value is None else str(value))
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:32]


def locked_unchanged(
    queryset: models.QuerySet[_M], pk: int, fields: Iterable[str], expected_fingerprint: str
) -> _M:
    """The row, locked as ``locked_current`` does, if its ``fields`` still hold what was loaded."""
    current = queryset.select_for_update().get(pk=pk)
    if fingerprint(current, fields) != expected_fingerprint:
        raise EditConflict(current)
    return current


def apply_changes(obj: models.Model, values: dict[str, Any]) -> None:
    """Set ``values`` (texts with LF line endings), bump the version, validate and save."""
    for name, value in values.items():
        setattr(obj, name, text.normalise_value(value))
    obj.version += 1  # type: ignore[attr-defined]  # every locked model has version
    obj.full_clean()
    obj.save()


# --- in the view ------------------------------------------------------------------------------


@dataclass
class SaveAttempt:
    """How a save went: ``done``, or refused for a conflict, a lock or invalid input."""

    done: bool = False
    saved: Any = None
    current: Any = None  # on a conflict: the row as it is saved now
    conflict: list[dict[str, Any]] | None = None  # on a conflict: what changed meanwhile
    locked: str | None = None  # the object cannot change now: why

    @property
    def status(self) -> int:
        return 409 if self.conflict is not None or self.locked else 200


def attempt_save(
    save: Callable[[], Any],
    *,
    on_conflict: Callable[[models.Model], list[dict[str, Any]]],
    on_invalid: Callable[[ValidationError], None] | None = None,
) -> SaveAttempt:
    """Run ``save``; a conflict, a lock or (with ``on_invalid``) a refusal becomes the attempt's.

    ``on_conflict`` receives the saved row and returns the rows the conflict
    page lists (it also moves the form to the saved version, see ``move_to``).
    """
    try:
        saved = save()
    except EditConflict as error:
        return SaveAttempt(current=error.current, conflict=on_conflict(error.current))
    except TransitionRefused as error:
        return SaveAttempt(locked=str(error))
    except ValidationError as error:
        if on_invalid is None:
            raise
        on_invalid(error)
        return SaveAttempt()
    return SaveAttempt(done=True, saved=saved)


def move_to(form: forms.BaseForm, name: str, value: Any) -> None:
    """Rebind ``form``'s field ``name`` to ``value``, keeping the rest of the editor's input."""
    data = form.data.copy()  # type: ignore[attr-defined]  # a bound form's QueryDict
    data[name] = value
    form.data = data


def comparable(value: Any) -> Any:
    """A form value in a form that compares: objects by pk, sets sorted, texts as a reader
    compares them (``text.comparable``: line endings do not count, blank is None)."""
    if hasattr(value, "all") or isinstance(value, list | tuple | set):
        return sorted(getattr(item, "pk", item) for item in value)
    return text.comparable(getattr(value, "pk", value))


def changed_fields(
    form: forms.BaseForm, fresh: forms.BaseForm, current: models.Model, names: Iterable[str]
) -> list[dict[str, Any]]:
    """The fields whose saved value (``fresh``: a form on ``current``) differs from the input."""
    rows = []
    for name in names:
        saved, mine = fresh[name].initial, form.cleaned_data.get(name)
        if comparable(saved) != comparable(mine):
            rows.append(
                {
                    "label": str(form.fields[name].label),
                    "saved": display(current, name),
                    # Inside a long text: how the saved text differs from the input.
                    "diff": text.text_diff(mine, saved),
                }
            )
    return rows


def display(obj: models.Model, name: str) -> str:
    """A saved field value as the conflict pages show it."""
    field = _concrete(obj, name)
    if field.many_to_many:
        return ", ".join(str(item) for item in getattr(obj, name).all()) or formatting.EMPTY
    value = getattr(obj, name)
    if value in (None, ""):
        return formatting.EMPTY
    if field.choices:
        return str(getattr(obj, f"get_{name}_display")())
    if hasattr(value, "strftime"):
        return formatting.date(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name == "amount":
        return formatting.euro(value)
    return str(value)
