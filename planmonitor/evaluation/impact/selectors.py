"""Reads of the context series (stub: replaced by the impact part)."""

from __future__ import annotations

from typing import Any

from planmonitor.plans.models import Plan


def context_payload(plan: Plan) -> list[dict[str, Any]]:
    """The plan's context series as plain data, for a snapshot::

    [{"key", "name", "area", "unit", "is_example": bool,
      "points": [{"year": int, "value": "decimal string", "source": url, "note"}]}]
    """
    return []
