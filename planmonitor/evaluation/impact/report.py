"""The final evaluation's own sections (stub: replaced by the impact part)."""

from __future__ import annotations

from typing import Any

from planmonitor.evaluation.documents.blocks import Block


def final_blocks(payload: dict[str, Any], *, language: str) -> list[Block]:
    """Blocks the final report adds after the interim report's content: per quantitative
    indicator baseline -> target -> actual, achievement and trend; per SD what was
    achieved; the context series with the interrupted time series analysis.

    ``payload`` is a snapshot's payload: ``content`` (evaluation.content.plan_content),
    ``as_of`` (ISO date), ``indicator_values`` and ``context_series`` (see
    snapshots/freeze.py and impact/selectors.context_payload).
    """
    return []
