"""Optimistic locking: a save is refused when the row changed since the editor loaded it."""

from __future__ import annotations

from django.db import models

from .errors import Conflict


class EditConflict(Conflict):
    """Someone else saved the object after the editor loaded it; ``current`` is what is saved."""

    def __init__(self, current: models.Model) -> None:
        super().__init__()
        self.current = current


def locked_current(model: type[models.Model], pk: int, expected_version: int):
    """The row, locked for this transaction, if nobody saved it since ``expected_version``.

    PostgreSQL locks the row; SQLite's write transaction (BEGIN IMMEDIATE) is
    already exclusive. Either way two saves cannot both pass the check.
    """
    current = model.objects.select_for_update().get(pk=pk)
    if current.version != expected_version:
        raise EditConflict(current)
    return current


def apply_changes(obj: models.Model, values: dict) -> None:
    """Set ``values``, bump the version, validate and save."""
    for name, value in values.items():
        setattr(obj, name, value)
    obj.version += 1
    obj.full_clean()
    obj.save()
