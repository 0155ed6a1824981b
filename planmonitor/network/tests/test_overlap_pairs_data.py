"""Shape checks on the labelled overlap pairs, so the detector's evaluation set stays usable."""

import csv
from collections import Counter
from pathlib import Path

PAIRS = Path(__file__).resolve().parent.parent / "data" / "overlap_pairs.csv"
COLUMNS = [
    "pair_id",
    "split",
    "label",
    "lang_a",
    "text_a",
    "source_a",
    "url_a",
    "lang_b",
    "text_b",
    "source_b",
    "url_b",
    "note",
]
LABELS = {"duplication", "overlap", "unrelated"}


def _rows() -> list[dict[str, str]]:
    with PAIRS.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def test_enough_pairs_with_unique_ids() -> None:
    rows = _rows()
    assert len(rows) >= 60
    assert len({r["pair_id"] for r in rows}) == len(rows)


def test_every_text_has_a_url_or_is_demo_data() -> None:
    for r in _rows():
        for side in ("a", "b"):
            assert r[f"text_{side}"].strip(), r["pair_id"]
            assert r[f"lang_{side}"] in {"nl", "fr", "en"}, r["pair_id"]
            has_url = r[f"url_{side}"].startswith("http")
            assert has_url or r[f"source_{side}"] == "demo", r["pair_id"]


def test_labels_and_splits() -> None:
    rows = _rows()
    assert {r["label"] for r in rows} == LABELS
    by_split = Counter((r["split"], r["label"]) for r in rows)
    for split in ("tune", "test"):
        for label in LABELS:
            assert by_split[(split, label)] > 0, (split, label)
    assert {r["split"] for r in rows} == {"tune", "test"}


def test_cross_language_pairs_in_test_both_related_and_unrelated() -> None:
    cross = [r for r in _rows() if r["lang_a"] != r["lang_b"] and r["split"] == "test"]
    assert {r["label"] for r in cross} >= {"duplication", "unrelated"}
