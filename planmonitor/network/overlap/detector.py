"""Score every pair of a plan's actions for overlap (GAO-15-49SP: duplication, overlap).

TF-IDF over three blocks of text features (character n-grams, stems, thesaurus concepts), each
block L2-normalised and weighted, so one sparse dot product is the weighted sum of the three
cosines, computed for all pairs at once as a scipy sparse product. Structured signals (forms
of violence, target groups, partners, OD, indicator names, beneficiaries) add their Jaccard
overlap.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _
from scipy import sparse  # type: ignore[import-untyped]

from .text import TextFeatures, Thesaurus, features

# Weights and threshold, tuned on the labelled set's "tune" split only (see quality.py).
BLOCK_WEIGHTS = {"c": 0.4, "s": 0.2, "t": 0.4}
TEXT_WEIGHT = 0.8  # the rest goes to shared structured tags when the actions have any
THRESHOLD = 0.20
# A feature in more than this share of a large corpus (boilerplate such as "actie", "plan van
# aanpak") says nothing about two texts being alike: it is left out of the vectors.
MAX_DF = 0.5
MIN_CORPUS_FOR_MAX_DF = 20
DUPLICATION_TEXT = 0.55  # text similarity above which, with shared tags, we propose duplication


@dataclass(frozen=True)
class Item:
    """What the detector reads of an action (or of one text of the labelled set)."""

    code: str
    text: str
    lead_minister: str = ""
    tags: frozenset[str] = frozenset()  # e.g. "form:IFG", "group:1", "OD 1.1"
    title: str = ""


@dataclass
class Pair:
    a: Item
    b: Item
    score: float
    kind: str
    text_score: float
    tag_score: float
    shared_terms: list[str] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)
    shared_tags: list[str] = field(default_factory=list)

    @property
    def cross_minister(self) -> bool:
        return self.a.lead_minister != self.b.lead_minister

    def reasons(self) -> list[str]:
        out = [
            _("text similarity %(text).2f, shared tags %(tags).2f")
            % {"text": self.text_score, "tags": self.tag_score}
        ]
        if self.shared_terms:
            out.append(_("shared terms: %(terms)s") % {"terms": ", ".join(self.shared_terms)})
        if self.concepts:
            out.append(_("thesaurus: %(terms)s") % {"terms": ", ".join(self.concepts)})
        if self.shared_tags:
            out.append(_("shared tags: %(tags)s") % {"tags": ", ".join(self.shared_tags)})
        return out

    def as_dict(self) -> dict[str, object]:
        return {
            "a": self.a.code,
            "b": self.b.code,
            "score": round(self.score, 3),
            "kind": self.kind,
            "reasons": self.reasons(),
        }


def _block_vectors(feats: Sequence[TextFeatures]) -> list[dict[str, float]]:
    """One sparse vector per document: the weighted, per-block normalised TF-IDF."""
    blocks = {
        "c": [f.ngrams for f in feats],
        "s": [f.stems for f in feats],
        "t": [Counter(f.concepts.keys()) for f in feats],
    }
    n = len(feats)
    vectors: list[dict[str, float]] = [{} for _ in feats]
    for block, counts in blocks.items():
        df: Counter[str] = Counter()
        for c in counts:
            df.update(c.keys())
        scale = math.sqrt(BLOCK_WEIGHTS[block])
        limit = MAX_DF * n if n >= MIN_CORPUS_FOR_MAX_DF else n
        for i, c in enumerate(counts):
            weights = {
                k: (1 + math.log(v)) * (math.log((1 + n) / (1 + df[k])) + 1)
                for k, v in c.items()
                if df[k] <= limit
            }
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            for k, w in weights.items():
                vectors[i][f"{block}:{k}"] = scale * w / norm
    return vectors


def text_similarities(
    feats: Sequence[TextFeatures], *, min_score: float
) -> dict[tuple[int, int], float]:
    """(i, j) with i < j -> weighted cosine, for pairs at or above ``min_score``: one sparse
    matrix product, no Python loop over the n² pairs."""
    vectors = _block_vectors(feats)
    columns: dict[str, int] = {}
    indptr, indices, data = [0], [], []
    for vector in vectors:
        for k, w in vector.items():
            indices.append(columns.setdefault(k, len(columns)))
            data.append(w)
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (np.array(data), np.array(indices), np.array(indptr)),
        shape=(len(vectors), max(1, len(columns))),
    )
    product = sparse.triu(matrix @ matrix.T, k=1).tocoo()
    keep = product.data >= min_score if min_score > 0 else product.data > 0
    return {
        (int(i), int(j)): float(v)
        for i, j, v in zip(product.row[keep], product.col[keep], product.data[keep], strict=True)
    }


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def find_pairs(
    items: Sequence[Item],
    *,
    threshold: float = THRESHOLD,
    thesaurus: Thesaurus | None = None,
    extra_corpus: Iterable[str] = (),
) -> list[Pair]:
    """Every flagged pair, highest score first. ``extra_corpus`` only widens the IDF statistics."""
    feats = [features(item.text, thesaurus) for item in items]
    extra = [features(text, thesaurus) for text in extra_corpus]
    # A pair with no tags is judged on text alone; with tags text weighs TEXT_WEIGHT, so the
    # text floor for a candidate is threshold * TEXT_WEIGHT.
    sims = text_similarities(feats + extra, min_score=threshold * TEXT_WEIGHT)
    pairs = []
    for (i, j), text_score in sims.items():
        if j >= len(items):
            continue
        a, b = items[i], items[j]
        if a.tags or b.tags:
            tag_score = _jaccard(a.tags, b.tags)
            score = TEXT_WEIGHT * text_score + (1 - TEXT_WEIGHT) * tag_score
        else:
            tag_score, score = 0.0, text_score
        if score < threshold:
            continue
        shared_tags = sorted(a.tags & b.tags)
        kind = (
            "duplication"
            if text_score >= DUPLICATION_TEXT and (shared_tags or not (a.tags or b.tags))
            else "overlap"
        )
        fa, fb = feats[i], feats[j]
        shared = sorted(set(fa.stems) & set(fb.stems), key=lambda s: -(fa.stems[s] + fb.stems[s]))
        concepts = sorted(
            {
                f"{fa.concepts[c]} = {fb.concepts[c]}" if fa.concepts[c] != fb.concepts[c] else c
                for c in set(fa.concepts) & set(fb.concepts)
            }
        )
        pair = Pair(a, b, min(score, 1.0), kind, text_score, tag_score)
        pair.shared_terms, pair.concepts, pair.shared_tags = shared[:8], concepts, shared_tags
        pairs.append(pair)
    pairs.sort(key=lambda p: (not p.cross_minister, -p.score, p.a.code, p.b.code))
    return pairs
