"""Where a plan document's content comes from: the live plan, or one of its versions.

Plan versions (``revisions``) are built beside this part; until they are joined, only
the live plan prints and asking for a version number fails plainly. The lead wires
``content_for`` and ``version_label_for`` to the stored versions at the merge.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from planmonitor.plans.models import Plan

from ..content import plan_content
from .blocks import Document
from .plan_document import VersionLabel, plan_document


class NoSuchVersion(LookupError):
    """The plan has no version with that number (the message says which)."""

    def __init__(self, plan: Plan, number: int) -> None:
        super().__init__(
            _("The plan %(plan)s has no version %(number)s.")
            % {"plan": plan.short_name, "number": number}
        )


def content_for(plan: Plan, version: int | None) -> dict[str, Any]:
    """The live plan's content for None; a stored version's for a number."""
    if version is None:
        return plan_content(plan)
    raise NoSuchVersion(plan, version)


def version_label_for(plan: Plan, version: int | None) -> VersionLabel | None:
    """What the title page says about the version: None for the live plan."""
    if version is None:
        return None
    raise NoSuchVersion(plan, version)


def plan_document_for(plan: Plan, version: int | None, *, language: str) -> Document:
    """The plan document of the live plan or of version ``version`` (NoSuchVersion)."""
    return plan_document(
        content_for(plan, version), language=language, version=version_label_for(plan, version)
    )
