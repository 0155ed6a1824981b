"""Where a plan document's content comes from: the live plan, or one of its versions.

A version prints from the content it froze on approval (``revisions.PlanVersion``), so
version 1 prints years later as it was approved, whatever revisions followed.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from planmonitor.plans.models import Plan

from ..content import plan_content
from ..revisions import selectors
from ..revisions.models import PlanVersion
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
    try:
        return selectors.version_content(plan, version)
    except PlanVersion.DoesNotExist:
        raise NoSuchVersion(plan, version) from None


def version_label_for(plan: Plan, version: int | None) -> VersionLabel | None:
    """What the title page says about the version: None for the live plan."""
    if version is None:
        return None
    stored = PlanVersion.objects.filter(plan=plan, number=version).only("effective_date").first()
    if stored is None:
        raise NoSuchVersion(plan, version)
    return VersionLabel(number=version, effective_date=stored.effective_date)


def plan_document_for(plan: Plan, version: int | None, *, language: str) -> Document:
    """The plan document of the live plan or of version ``version`` (NoSuchVersion)."""
    return plan_document(
        content_for(plan, version), language=language, version=version_label_for(plan, version)
    )
