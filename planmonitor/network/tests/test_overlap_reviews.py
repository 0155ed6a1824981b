"""The coordinator's classification of overlap pairs: stored once per pair, audited, locked;
a dismissed pair stays away until one of its texts changes; ``find_overlaps`` follows."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from planmonitor.core.locking import EditConflict
from planmonitor.network.models import OverlapReview
from planmonitor.network.overlap import reviews, services
from planmonitor.network.overlap.reviews import text_fingerprint
from planmonitor.network.overlap.selectors import overlap_items

from .conftest import smart_action_create
from .overlap_data import pair_plan_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def actions(plan):
    return pair_plan_create(plan)


def _classify(plan, actions, classification, *, by=None, version=None, seen=None, a="X002"):
    other = "X001" if a == "X002" else "X002"
    return services.overlap_classify(
        plan=plan,
        action_a=actions[a],
        action_b=actions[other],
        classification=classification,
        note="Besproken op het netwerk",
        by=by,
        version=version,
        seen=seen,
    )


def _pair_row(plan, **options):
    rows = reviews.analyse(plan, **options).pairs
    return next((r for r in rows if (r.pair.a.code, r.pair.b.code) == ("X001", "X002")), None)


def test_a_pair_is_stored_once_in_id_order_with_the_fingerprints_of_both_texts(
    plan, actions, coordinator
):
    # Given in the other order: stored with the lower id first.
    review = _classify(plan, actions, "overlap", by=coordinator)
    assert (review.action_a, review.action_b) == (actions["X001"], actions["X002"])
    texts = {item.code: item.text for item in overlap_items(plan)}
    assert review.fingerprint_a == text_fingerprint(texts["X001"])
    assert review.fingerprint_b == text_fingerprint(texts["X002"])
    assert (review.classified_by, review.version) == (coordinator, 1)
    assert review.history.get().history_type == "+"


def test_the_database_refuses_a_pair_twice_or_in_the_wrong_order(plan, actions):
    values = {"plan": plan, "classification": "overlap", "fingerprint_a": "x", "fingerprint_b": "y"}
    a, b = actions["X001"], actions["X002"]
    OverlapReview.objects.create(action_a=a, action_b=b, classified_at=timezone.now(), **values)
    for first, second in ((a, b), (b, a)):
        with pytest.raises(IntegrityError), transaction.atomic():
            OverlapReview.objects.create(
                action_a=first, action_b=second, classified_at=timezone.now(), **values
            )


def test_a_first_classification_made_twice_is_a_conflict(plan, actions, coordinator):
    _classify(plan, actions, "overlap", by=coordinator)
    with pytest.raises(EditConflict):
        _classify(plan, actions, "unrelated", by=coordinator)


def test_reclassifying_names_the_version_it_started_from(plan, actions, coordinator):
    review = _classify(plan, actions, "overlap", by=coordinator)
    changed = _classify(plan, actions, "complementary", by=coordinator, version=review.version)
    assert (changed.pk, changed.version, changed.classification) == (review.pk, 2, "complementary")
    with pytest.raises(EditConflict):
        _classify(plan, actions, "duplication", by=coordinator, version=review.version)
    assert OverlapReview.objects.get().classification == "complementary"
    assert OverlapReview.objects.get().history.count() == 2


def test_a_classification_of_texts_the_person_did_not_see_is_refused(plan, actions):
    row = _pair_row(plan)
    seen = {"X001": row.fingerprint_a, "X002": row.fingerprint_b}
    actions["X002"].description = "Nu ook met affiches in de scholen"
    actions["X002"].save()
    with pytest.raises(services.TextsChanged):
        _classify(plan, actions, "unrelated", seen=seen)
    assert not OverlapReview.objects.exists()


def test_a_dismissed_pair_stays_away_until_one_of_its_texts_changes(plan, actions, coordinator):
    assert _pair_row(plan) is not None
    _classify(plan, actions, "unrelated", by=coordinator)
    assert _pair_row(plan) is None
    analysis = reviews.analyse(plan)
    assert analysis.dismissed == 1
    listed = _pair_row(plan, include_dismissed=True)
    assert listed.dismissed and not listed.text_changed
    # A change to a title, a description or an indicator name is a change of the text.
    actions["X001"].description = "Met een luik over online partnergeweld"
    actions["X001"].save()
    back = _pair_row(plan)
    assert back is not None and back.text_changed and not back.dismissed
    assert back.review.classification == "unrelated"


def test_duplication_and_overlap_stay_listed_with_their_classification(plan, actions):
    _classify(plan, actions, "duplication")
    row = _pair_row(plan)
    assert row.classified and not row.dismissed and row.review.classification == "duplication"


def test_pairs_classified_not_related_do_not_chain_fragmentation(plan, actions):
    # Three near-identical texts of two ministers: one cluster of three pairs.
    actions["X004"] = smart_action_create(plan, "X004", title=actions["X001"].title)

    def ours():
        return [
            c
            for c in reviews.analyse(plan).clusters
            if {"X001", "X002"} <= {i.code for i in c.actions}
        ]

    assert [{i.code for i in c.actions} for c in ours()] == [{"X001", "X002", "X004"}]
    for other in ("X002", "X004"):
        services.overlap_classify(
            plan=plan,
            action_a=actions["X001"],
            action_b=actions[other],
            classification="complementary",
            by=None,
        )
    assert ours(), "complementary actions are still one area"
    for review in OverlapReview.objects.all():
        services.overlap_classify(
            plan=plan,
            action_a=review.action_a,
            action_b=review.action_b,
            classification="unrelated",
            by=None,
            version=review.version,
        )
    # X002 ~ X004 alone is two actions: no longer a cluster.
    assert ours() == []


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("find_overlaps", *args, stdout=out)
    return out.getvalue()


def _ours(plan, *args: str) -> list[dict]:
    payload = json.loads(_run("--plan", plan.short_name, "--format", "json", *args))
    assert set(payload) == {"pairs"}
    return [p for p in payload["pairs"] if {p["a"], p["b"]} <= {"X001", "X002", "X003"}]


def test_find_overlaps_leaves_dismissed_pairs_out_unless_asked(plan, actions, coordinator):
    (pair,) = _ours(plan)
    assert set(pair) == {"a", "b", "score", "kind", "reasons"}  # no classification: no key
    _classify(plan, actions, "complementary", by=coordinator)
    assert _ours(plan) == []
    assert "X001 ~ X002" not in _run("--plan", plan.short_name)
    (pair,) = _ours(plan, "--include-dismissed")
    assert set(pair) == {"a", "b", "score", "kind", "reasons", "classification"}
    classification = pair["classification"]
    assert classification["kind"] == "complementary"
    assert classification["by"] == coordinator.get_full_name()
    assert classification["text_changed"] is False
    assert "X001 ~ X002" in _run("--plan", plan.short_name, "--include-dismissed")


def test_find_overlaps_lists_a_classified_overlap_with_its_classification(plan, actions):
    _classify(plan, actions, "overlap")
    (pair,) = _ours(plan)
    assert pair["classification"]["kind"] == "overlap"
    assert pair["classification"]["note"] == "Besproken op het netwerk"
