"""Optimistic locking: a save is refused when the row changed since the editor loaded it."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

_M = TypeVar("_M", bound=models.Model)


class EditConflict(Exception):
    """Someone else saved the object after the editor loaded it."""

    def __init__(self, current: models.Model) -> None:
        super().__init__("edit conflict")
        self.current = current


def locked_current(model: type[_M], pk: int, expected_version: int) -> _M:
    """The row, locked for this transaction, if nobody saved it since ``expected_version``.

    PostgreSQL locks the row; SQLite's write transaction (BEGIN IMMEDIATE) is
    already exclusive. Either way two saves cannot both pass the check.
    """
    current = model._default_manager.select_for_update().get(pk=pk)
    if current.version != expected_version:  # type: ignore[attr-defined]  # every locked model has version
        raise EditConflict(current)
    return current


def apply_changes(obj: models.Model, values: dict[str, Any]) -> None:
    """Set ``values``, bump the version, validate and save."""
    for name, value in values.items():
        setattr(obj, name, value)
    obj.version += 1  # type: ignore[attr-defined]  # every locked model has version
    obj.full_clean()
    obj.save()
