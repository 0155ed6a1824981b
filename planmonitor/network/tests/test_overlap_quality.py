"""The detector's text scoring on the labelled set's test split stays at the reported level
(docs/network.md, "Overlap"): rounded down from what was measured."""

from __future__ import annotations

from planmonitor.network.overlap import quality


def test_precision_and_recall_on_the_test_split_stay_at_the_reported_level():
    rows = quality.load_rows()
    assert len(rows) >= 60
    result = quality.report()
    assert result["test"].precision >= 0.9
    assert result["test"].recall >= 0.45
    assert result["test_cross_language"].precision >= 1.0
    assert result["test_cross_language"].recall >= 0.6
