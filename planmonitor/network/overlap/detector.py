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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from django.utils.translation import gettext as _
from scipy import sparse

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


def tag_label(tag: str) -> str:
    """A tag as a reader says it: "form:IFG" is "form of violence IFG", a beneficiary code
    its name in the reader's language; OD tags ("OD 2.2") are already words."""
    from planmonitor.plans.models import Beneficiary

    prefix, sep, code = tag.partition(":")
    if not sep:
        return tag
    if prefix == "beneficiary":
        try:
            return str(Beneficiary.Code(code).label)
        except ValueError:
            return code
    names = {"form": _("form of violence"), "group": _("target group"), "partner": _("partner")}
    return f"{names[prefix]} {code}" if prefix in names else tag


@dataclass
class Pair:
    a: Item
    b: Item
    score: float
    kind: str
    text_score: float
    tag_score: float
    # The two texts' features, kept so the explanation is worked out only for the pairs someone
    # reads (a 5,000-action plan flags far more pairs than a page shows).
    feats: tuple[TextFeatures, TextFeatures] | None = field(default=None, repr=False)
    # Stems left out of the vectors as boilerplate: not shown as a reason either.
    boilerplate: frozenset[str] = field(default=frozenset(), repr=False)

    @property
    def cross_minister(self) -> bool:
        return self.a.lead_minister != self.b.lead_minister

    @cached_property
    def shared_terms(self) -> list[str]:
        """The stems both texts use, the most used first (at most eight)."""
        if self.feats is None:
            return []
        fa, fb = self.feats
        shared = sorted(
            (set(fa.stems) & set(fb.stems)) - self.boilerplate,
            key=lambda s: (-(fa.stems[s] + fb.stems[s]), s),
        )
        return shared[:8]

    @cached_property
    def concepts(self) -> list[str]:
        """The thesaurus concepts both texts name, as "term = other term" where they differ."""
        if self.feats is None:
            return []
        fa, fb = self.feats
        return sorted(
            {
                f"{fa.concepts[c]} = {fb.concepts[c]}" if fa.concepts[c] != fb.concepts[c] else c
                for c in set(fa.concepts) & set(fb.concepts)
            }
        )

    @property
    def shared_tags(self) -> list[str]:
        return sorted(self.a.tags & self.b.tags)

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
            labels = ", ".join(tag_label(tag) for tag in self.shared_tags)
            out.append(_("shared tags: %(tags)s") % {"tags": labels})
        return out

    def as_dict(self) -> dict[str, object]:
        return {
            "a": self.a.code,
            "b": self.b.code,
            "score": round(self.score, 3),
            "kind": self.kind,
            "reasons": self.reasons(),
        }


def _count_matrix(counts: Sequence[Mapping[str, int]]) -> sparse.csr_matrix:
    """Documents × features of one block, raw counts, built in one pass."""
    columns: dict[str, int] = {}
    indptr, indices, data = [0], list[int](), list[int]()
    for c in counts:
        indices.extend(columns.setdefault(k, len(columns)) for k in c)
        data.extend(c.values())
        indptr.append(len(indices))
    return sparse.csr_matrix(
        (np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64), np.array(indptr)),
        shape=(len(counts), max(1, len(columns))),
    )


def _block_matrix(counts: Sequence[Mapping[str, int]], weight: float) -> sparse.csr_matrix:
    """One block's sublinear TF-IDF, rows L2-normalised and scaled by sqrt(weight), so the
    product of the stacked blocks is the weighted sum of the per-block cosines. Features in
    more than MAX_DF of a large corpus are left out (boilerplate)."""
    matrix = _count_matrix(counts)
    n = matrix.shape[0]
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    idf = np.log((1 + n) / (1 + df)) + 1
    if n >= MIN_CORPUS_FOR_MAX_DF:
        idf[df > MAX_DF * n] = 0.0
    matrix.data = (1 + np.log(matrix.data)) * idf[matrix.indices]
    matrix.eliminate_zeros()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(math.sqrt(weight) / norms) @ matrix


def text_matrix(feats: Sequence[TextFeatures]) -> sparse.csr_matrix:
    """Documents × (all blocks' features): one row per text, the weighted normalised TF-IDF."""
    blocks: dict[str, list[Mapping[str, int]]] = {
        "c": [f.ngrams for f in feats],
        "s": [f.stems for f in feats],
        "t": [dict.fromkeys(f.concepts, 1) for f in feats],
    }
    return sparse.hstack(
        [_block_matrix(counts, BLOCK_WEIGHTS[name]) for name, counts in blocks.items()],
        format="csr",
    )


def _similar(
    feats: Sequence[TextFeatures], min_score: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, columns (row < column) and weighted cosines of the pairs at or above ``min_score``:
    one sparse matrix product, no Python loop over the n² pairs."""
    matrix = text_matrix(feats)
    product = sparse.triu(matrix @ matrix.T, k=1).tocoo()
    keep = product.data >= min_score if min_score > 0 else product.data > 0
    return product.row[keep], product.col[keep], product.data[keep]


def text_similarities(
    feats: Sequence[TextFeatures], *, min_score: float
) -> dict[tuple[int, int], float]:
    """(i, j) with i < j -> weighted cosine, for pairs at or above ``min_score``."""
    rows, cols, values = _similar(feats, min_score)
    return {(int(i), int(j)): float(v) for i, j, v in zip(rows, cols, values, strict=True)}


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def _boilerplate_stems(feats: Sequence[TextFeatures]) -> frozenset[str]:
    """The stems the vectors leave out (in more than MAX_DF of a large corpus)."""
    n = len(feats)
    if n < MIN_CORPUS_FOR_MAX_DF:
        return frozenset()
    df = Counter(s for f in feats for s in f.stems)
    return frozenset(s for s, k in df.items() if k > MAX_DF * n)


def _tag_scores(
    items: Sequence[Item], rows: np.ndarray, cols: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per candidate pair: the Jaccard overlap of the two items' tags, and whether either has
    any, as arrays (a sparse item × tag matrix, no Python loop over the pairs)."""
    matrix = _count_matrix([dict.fromkeys(item.tags, 1) for item in items])
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    shared = np.asarray(matrix[rows].multiply(matrix[cols]).sum(axis=1)).ravel()
    union = sizes[rows] + sizes[cols] - shared
    jaccard = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    return jaccard, union > 0


def find_pairs(
    items: Sequence[Item],
    *,
    threshold: float = THRESHOLD,
    thesaurus: Thesaurus | None = None,
    extra_corpus: Iterable[str] = (),
) -> list[Pair]:
    """Every flagged pair, cross-minister pairs first, then highest score first.
    ``extra_corpus`` only widens the IDF statistics."""
    feats = [features(item.text, thesaurus) for item in items]
    extra = [features(text, thesaurus) for text in extra_corpus]
    # A pair with no tags is judged on text alone; with tags text weighs TEXT_WEIGHT, so the
    # text floor for a candidate is threshold * TEXT_WEIGHT.
    corpus = feats + extra
    rows, cols, text = _similar(corpus, threshold * TEXT_WEIGHT)
    boilerplate = _boilerplate_stems(corpus)
    inside = cols < len(items)
    rows, cols, text = rows[inside], cols[inside], text[inside]
    tags, tagged = _tag_scores(items, rows, cols)
    score = np.where(tagged, TEXT_WEIGHT * text + (1 - TEXT_WEIGHT) * tags, text)
    keep = score >= threshold
    rows, cols, text, tags, tagged, score = (
        a[keep] for a in (rows, cols, text, tags, tagged, score)
    )
    # Duplication: very similar text and, when the actions are tagged, something in common.
    duplication = (text >= DUPLICATION_TEXT) & ((tags > 0) | ~tagged)
    codes = np.array([item.code for item in items] or [""], dtype=str)
    ministers = np.array([item.lead_minister for item in items] or [""], dtype=str)
    same_minister = ministers[rows] == ministers[cols]
    order = np.lexsort((codes[cols], codes[rows], -score, same_minister))
    return [
        Pair(
            items[i],
            items[j],
            min(float(s), 1.0),
            "duplication" if d else "overlap",
            float(t),
            float(g),
            (feats[i], feats[j]),
            boilerplate,
        )
        for i, j, s, d, t, g in zip(
            rows[order].tolist(),
            cols[order].tolist(),
            score[order],
            duplication[order],
            text[order],
            tags[order],
            strict=True,
        )
    ]
