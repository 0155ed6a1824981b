"""Precision and recall of the text scoring on the labelled set (network/data/overlap_pairs.csv).

Labelled external pairs have text only, so they are scored on text alone; the IDF corpus is the
set's own texts (plus, when given, the plan's action texts). "Related" = duplication or overlap.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import detector
from .text import features

PAIRS_CSV = Path(__file__).resolve().parent.parent / "data" / "overlap_pairs.csv"


@dataclass(frozen=True)
class Scored:
    pair_id: str
    split: str
    related: bool
    cross_language: bool
    score: float


@dataclass(frozen=True)
class Quality:
    pairs: int
    precision: float
    recall: float


def load_rows(path: Path = PAIRS_CSV) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def score_rows(rows: list[dict[str, str]], extra_corpus: Iterable[str] = ()) -> list[Scored]:
    texts = [t for row in rows for t in (row["text_a"], row["text_b"])]
    feats = [features(t) for t in [*texts, *extra_corpus]]
    sims = detector.text_similarities(feats, min_score=0.0)
    return [
        Scored(
            row["pair_id"],
            row["split"],
            row["label"] in ("duplication", "overlap"),
            row["lang_a"] != row["lang_b"],
            sims.get((2 * k, 2 * k + 1), 0.0),
        )
        for k, row in enumerate(rows)
    ]


def measure(scored: Iterable[Scored], threshold: float = detector.THRESHOLD) -> Quality:
    items = list(scored)
    flagged = [s for s in items if s.score >= threshold]
    hits = sum(s.related for s in flagged)
    related = sum(s.related for s in items)
    return Quality(
        len(items),
        hits / len(flagged) if flagged else 0.0,
        hits / related if related else 0.0,
    )


def report(threshold: float = detector.THRESHOLD) -> dict[str, Quality]:
    scored = score_rows(load_rows())
    test = [s for s in scored if s.split == "test"]
    return {
        "tune": measure([s for s in scored if s.split == "tune"], threshold),
        "test": measure(test, threshold),
        "test_cross_language": measure([s for s in test if s.cross_language], threshold),
    }
