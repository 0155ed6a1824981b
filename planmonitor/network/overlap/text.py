"""Text features for overlap: folded words, stems, character n-grams and thesaurus concepts.

Pure functions: no database. The thesaurus is read from ``network/data/thesaurus.csv`` (the app
cannot read ../shared at run time), so a French or English measure meets its Dutch twin through
shared concepts as well as through shared names, acronyms and n-grams.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import snowballstemmer

THESAURUS_CSV = Path(__file__).resolve().parent.parent / "data" / "thesaurus.csv"

STOP_WORDS = {
    "nl": set(
        [
            "de",
            "het",
            "een",
            "en",
            "van",
            "in",
            "op",
            "te",
            "voor",
            "met",
            "door",
            "aan",
            "bij",
            "als",
            "om",
            "over",
            "of",
            "dat",
            "die",
            "dit",
            "deze",
            "er",
            "zijn",
            "is",
            "wordt",
            "worden",
            "hun",
            "hen",
            "ook",
            "naar",
            "tot",
            "uit",
            "zo",
            "niet",
            "meer",
            "waar",
            "waarbij",
            "zich",
            "ze",
            "we",
            "wij",
        ]
    ),
    "fr": set(
        [
            "le",
            "la",
            "les",
            "un",
            "une",
            "des",
            "de",
            "du",
            "et",
            "en",
            "au",
            "aux",
            "pour",
            "par",
            "sur",
            "dans",
            "avec",
            "a",
            "l",
            "d",
            "qui",
            "que",
            "ces",
            "ce",
            "cette",
            "son",
            "sa",
            "ses",
            "leur",
            "leurs",
            "est",
            "sont",
            "afin",
            "ainsi",
            "ne",
            "pas",
            "plus",
            "y",
            "compris",
            "se",
            "ou",
        ]
    ),
    "en": set(
        [
            "the",
            "a",
            "an",
            "and",
            "of",
            "in",
            "on",
            "to",
            "for",
            "with",
            "by",
            "at",
            "as",
            "from",
            "that",
            "this",
            "these",
            "is",
            "are",
            "be",
            "their",
            "them",
            "or",
            "not",
            "more",
            "its",
            "it",
            "into",
            "through",
        ]
    ),
}
_STEMMERS = {"nl": "dutch_porter", "fr": "french", "en": "english"}
_WORD = re.compile(r"[a-z]+")


def fold(text: str) -> str:
    """Lowercase, accents folded, numbers and punctuation dropped."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORD.findall(plain))


def guess_language(words: list[str]) -> str:
    """The language whose stop words occur most (Dutch on a tie): cheap, good enough here."""
    counts = {lang: sum(w in stops for w in words) for lang, stops in STOP_WORDS.items()}
    best = max(counts.values())
    return "nl" if counts["nl"] == best else max(counts, key=lambda lang: counts[lang])


@cache
def _stemmer(lang: str) -> Any:  # snowballstemmer ships no types
    return snowballstemmer.stemmer(_STEMMERS[lang])


@lru_cache(maxsize=200_000)
def stem(lang: str, word: str) -> str:
    """A word's stem, remembered: a plan's vocabulary repeats, and Snowball in pure Python is
    most of the time the features take on a large plan."""
    return str(_stemmer(lang).stemWord(word))


def char_ngrams(word: str, low: int = 3, high: int = 5) -> list[str]:
    """Character n-grams inside word boundaries (scikit-learn's ``char_wb``), so compounds
    such as "partnergeweld" meet "geweld door partners"."""
    padded = f" {word} "
    return [padded[i : i + n] for n in range(low, high + 1) for i in range(len(padded) - n + 1)]


@dataclass(frozen=True)
class Thesaurus:
    """concept -> its folded terms; acronyms are single-token terms."""

    terms: dict[str, tuple[str, ...]]

    @classmethod
    def from_rows(cls, rows: list[tuple[str, str]]) -> Thesaurus:
        terms: dict[str, list[str]] = {}
        for concept, term in rows:
            folded = fold(term)
            if folded:
                terms.setdefault(concept, []).append(folded)
        return cls({c: tuple(t) for c, t in terms.items()})

    def concepts_in(self, folded_text: str) -> dict[str, str]:
        """concept -> the first term of it found in ``folded_text`` (whole words)."""
        padded = f" {folded_text} "
        found: dict[str, str] = {}
        for concept, terms in self.terms.items():
            for term in terms:
                if f" {term} " in padded:
                    found[concept] = term
                    break
        return found


@cache
def default_thesaurus() -> Thesaurus:
    with THESAURUS_CSV.open(encoding="utf-8") as handle:
        rows = [(row["concept"], row["term"]) for row in csv.DictReader(handle)]
    return Thesaurus.from_rows(rows)


@dataclass(frozen=True)
class TextFeatures:
    lang: str
    stems: Counter[str]
    ngrams: Counter[str]
    concepts: dict[str, str]  # concept -> the term that matched


def features(text: str, thesaurus: Thesaurus | None = None) -> TextFeatures:
    thesaurus = thesaurus or default_thesaurus()
    folded = fold(text)
    words = folded.split()
    lang = guess_language(words)
    stops = STOP_WORDS[lang]
    content = [w for w in words if w not in stops and len(w) > 1]
    stems = Counter(stem(lang, w) for w in content)
    ngrams: Counter[str] = Counter()
    for word in content:
        ngrams.update(char_ngrams(word))
    return TextFeatures(lang, stems, ngrams, thesaurus.concepts_in(folded))
