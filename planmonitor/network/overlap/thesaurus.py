"""The detector's thesaurus from the database: the terms coordinators edit in the UI."""

from __future__ import annotations

import csv

from .text import THESAURUS_CSV, Thesaurus, default_thesaurus


def plan_thesaurus() -> Thesaurus:
    """The thesaurus of the ``ThesaurusTerm`` rows (one query), in the order they were added
    (the first term of a concept found in a text is the one the reasons name). An empty table
    (a database flushed after the seed migration) falls back to ``network/data/thesaurus.csv``."""
    from ..models import ThesaurusTerm

    rows = list(ThesaurusTerm.objects.order_by("pk").values_list("concept", "term"))
    return Thesaurus.from_rows(rows) if rows else default_thesaurus()


def csv_rows() -> list[tuple[str, str, str]]:
    """(concept, language, term) of the shipped CSV, without blanks and repeats: the seed."""
    with THESAURUS_CSV.open(encoding="utf-8") as handle:
        rows = [
            (r["concept"], r["lang"], " ".join(r["term"].split())) for r in csv.DictReader(handle)
        ]
    return list(dict.fromkeys(row for row in rows if row[2]))
