"""The detector's pairs joined with the coordinator's classifications (``OverlapReview``).

The rule of the issue: a dismissed pair (complementary, not related) does not return unless
one of its two texts changes. Each classification keeps a fingerprint of both texts as the
detector read them; while both still match, a dismissed pair is left out (unless asked for);
once either differs, the pair returns, marked as changed since its classification.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from planmonitor.plans.models import Plan

from ..models import OverlapClassification, OverlapReview
from . import detector, fragmentation
from .detector import Item, Pair
from .selectors import overlap_items
from .thesaurus import plan_thesaurus

UNRELATED = OverlapClassification.UNRELATED


def text_fingerprint(text: str) -> str:
    """The hash of an action's text as the detector reads it (``Item.text``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class ReviewedPair:
    pair: Pair
    fingerprint_a: str  # of pair.a's text now
    fingerprint_b: str
    review: OverlapReview | None = None

    @property
    def text_changed(self) -> bool:
        """A text changed since the classification: the classification no longer holds."""
        if self.review is None:
            return False
        review, pair = self.review, self.pair
        # The review stores the pair by action id, the detector by code: match by code.
        stored = {
            review.action_a.code: review.fingerprint_a,
            review.action_b.code: review.fingerprint_b,
        }
        return (stored.get(pair.a.code), stored.get(pair.b.code)) != (
            self.fingerprint_a,
            self.fingerprint_b,
        )

    @property
    def dismissed(self) -> bool:
        """Classified complementary or not related, on the texts as they are now."""
        return self.review is not None and self.review.dismissed and not self.text_changed

    @property
    def classified(self) -> bool:
        """A classification that still holds (a changed text asks for a new one)."""
        return self.review is not None and not self.text_changed


@dataclass
class OverlapAnalysis:
    pairs: list[ReviewedPair]  # dismissed ones only when asked for; cross-minister first
    clusters: list[fragmentation.Cluster]
    dismissed: int  # how many flagged pairs are dismissed (listed or not)


def reviewed(pairs: Sequence[Pair], reviews: Sequence[OverlapReview]) -> list[ReviewedPair]:
    by_codes = {frozenset((r.action_a.code, r.action_b.code)): r for r in reviews}
    return [
        ReviewedPair(
            pair,
            text_fingerprint(pair.a.text),
            text_fingerprint(pair.b.text),
            by_codes.get(frozenset((pair.a.code, pair.b.code))),
        )
        for pair in pairs
    ]


def analyse(
    plan: Plan, *, include_dismissed: bool = False, items: Sequence[Item] | None = None
) -> OverlapAnalysis:
    """The flagged pairs with their classifications, and the fragmentation clusters.

    A fixed number of queries: the items (7), the thesaurus (1), the classifications (1).
    Pairs classified "not related" (on unchanged texts) do not chain fragmentation clusters:
    the coordinator said they are not in one area."""
    items = overlap_items(plan) if items is None else items
    pairs = detector.find_pairs(items, thesaurus=plan_thesaurus())
    reviews = list(
        OverlapReview.objects.filter(plan=plan).select_related(
            "action_a", "action_b", "classified_by"
        )
    )
    rows = reviewed(pairs, reviews)
    related = [r.pair for r in rows if not (r.dismissed and r.review.classification == UNRELATED)]  # type: ignore[union-attr]  # dismissed implies a review
    dismissed = sum(r.dismissed for r in rows)
    if not include_dismissed:
        rows = [r for r in rows if not r.dismissed]
    return OverlapAnalysis(rows, fragmentation.clusters(related), dismissed)
