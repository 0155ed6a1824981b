"""Overlap detection: text features, the detector on a constructed plan, ``find_overlaps``."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from planmonitor.network.overlap import detector, fragmentation, text
from planmonitor.network.overlap.detector import Item

from .overlap_data import pair_plan_create


def test_fold_lowercases_drops_accents_and_numbers():
    assert text.fold("Prévenir 2025 les Violences!") == "prevenir les violences"


def test_the_language_guess_and_its_stemmer():
    nl = text.features("De slachtoffers van het geweld worden begeleid")
    fr = text.features("Les victimes de la violence sont accompagnées")
    assert (nl.lang, fr.lang) == ("nl", "fr")
    assert "slachtoffer" in nl.stems  # dutch_porter drops the plural
    assert "victim" in fr.stems  # French stemmer


def test_character_ngrams_let_compounds_meet():
    compound = set(text.features("partnergeweld").ngrams)
    phrase = set(text.features("geweld door partners").ngrams)
    assert {"gewel", "weld ", " part", "partn"} <= compound & phrase


def test_thesaurus_maps_acronyms_and_languages_to_one_concept():
    for phrase in ("IFG", "intrafamiliaal geweld", "violence intrafamiliale", "domestic violence"):
        assert "intrafamily_violence" in text.features(phrase).concepts, phrase
    for phrase in ("ZSG", "CPVS", "Centre de Prise en charge des Violences Sexuelles"):
        assert "sexual_assault_centre" in text.features(phrase).concepts, phrase


def test_a_french_measure_meets_its_dutch_twin_and_an_unrelated_one_does_not():
    items = [
        Item("A1", "Een zorgcentrum na seksueel geweld (ZSG) in elke provincie openen"),
        Item("A2", "Ouvrir un centre de prise en charge des violences sexuelles (CPVS) partout"),
        Item("A3", "Veilige fietsroutes en verlichting aan schoolpoorten"),
    ]
    pairs = detector.find_pairs(items)
    assert [(p.a.code, p.b.code) for p in pairs] == [("A1", "A2")]
    thesaurus = [r for r in pairs[0].reasons() if "zorgcentrum na seksueel geweld = " in r]
    assert thesaurus and "centre de prise en charge des violences sexuelles" in thesaurus[0]


def test_fragmentation_needs_several_ministers():
    def pair(a: Item, b: Item) -> detector.Pair:
        return detector.Pair(a, b, 0.5, "overlap", 0.5, 0.0)

    one, two, three = Item("A", "", "X"), Item("B", "", "Y"), Item("C", "", "X")
    assert [c.as_dict() for c in fragmentation.clusters([pair(one, two), pair(two, three)])] == [
        {"actions": ["A", "B", "C"], "ministers": ["X", "Y"]}
    ]
    assert fragmentation.clusters([pair(one, three), pair(three, Item("D", "", "X"))]) == []


def test_fragmentation_is_not_chained_by_weak_pairs():
    # Flagged but weak pairs would chain a whole plan into one area: only strong ones count.
    one, two, three = Item("A", "", "X"), Item("B", "", "Y"), Item("C", "", "Z")
    strong = detector.Pair(one, two, fragmentation.STRONG, "overlap", 0.6, 0.0)
    weak = detector.Pair(two, three, fragmentation.STRONG - 0.01, "overlap", 0.3, 0.0)
    assert fragmentation.clusters([strong, weak]) == []
    stronger = detector.Pair(two, three, fragmentation.STRONG, "overlap", 0.6, 0.0)
    assert [c.as_dict()["actions"] for c in fragmentation.clusters([strong, stronger])] == [
        ["A", "B", "C"]
    ]


@pytest.fixture
def overlap_plan(plan):
    pair_plan_create(plan)
    return plan


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("find_overlaps", *args, stdout=out)
    return out.getvalue()


def test_find_overlaps_json_flags_the_duplicate_with_reasons(overlap_plan):
    payload = json.loads(_run("--plan", overlap_plan.short_name, "--format", "json"))
    assert set(payload) == {"pairs"}
    ours = [p for p in payload["pairs"] if {p["a"], p["b"]} <= {"X001", "X002", "X003"}]
    assert len(ours) == 1
    pair = ours[0]
    assert set(pair) == {"a", "b", "score", "kind", "reasons"}
    assert (pair["a"], pair["b"], pair["kind"]) == ("X001", "X002", "duplication")
    assert 0 < pair["score"] <= 1
    shared = [r for r in pair["reasons"] if "partnergeweld" in r]
    assert shared and "campagn" in shared[0]


def test_find_overlaps_text_lists_pairs_then_fragmentation(overlap_plan):
    out = _run("--plan", overlap_plan.short_name)
    assert "X001 ~ X002" in out
    assert out.index("X001 ~ X002") < out.index("Versnippering")


def test_boilerplate_neither_scores_nor_explains_a_pair():
    # In a corpus of 24 texts that all carry the same disclaimer, the disclaimer is no reason:
    # the two campaign texts meet on their own words, and the unrelated ones are not flagged.
    disclaimer = "Fictieve voorbeeldactie geen actie uit het officiele actieplan."
    topics = [f"Onderwerp{k} verkeersveiligheid fietspad{k} onderhoud{k}" for k in range(22)]
    items = [Item(f"B{k:02d}", f"{disclaimer} {t}") for k, t in enumerate(topics)]
    items += [
        Item("C1", f"{disclaimer} Campagne over partnergeweld voor jongeren"),
        Item("C2", f"{disclaimer} Campagne rond partnergeweld bij jongeren"),
    ]
    pairs = detector.find_pairs(items)
    assert [(p.a.code, p.b.code) for p in pairs if "C1" in (p.a.code, p.b.code)] == [("C1", "C2")]
    (pair,) = [p for p in pairs if p.a.code == "C1"]
    assert "partnergeweld" in pair.shared_terms
    assert not {"fictiev", "voorbeeldactie", "officiel"} & set(pair.shared_terms)


def test_pairs_come_cross_minister_first_then_by_score():
    items = [
        Item("A1", "Campagne over partnergeweld voor jongeren op sociale media", "X"),
        Item("A2", "Campagne over partnergeweld voor jongeren op sociale media", "X"),
        Item("A3", "Campagne over partnergeweld voor jongeren", "Y"),
    ]
    pairs = detector.find_pairs(items)
    assert [(p.a.code, p.b.code) for p in pairs] == [("A1", "A3"), ("A2", "A3"), ("A1", "A2")]
    assert pairs[0].cross_minister and not pairs[-1].cross_minister
    assert pairs[-1].score == pytest.approx(1.0)


def test_shared_tags_are_said_in_words_in_the_readers_language():
    from django.utils import translation

    tags = frozenset({"form:IFG", "beneficiary:professionals", "OD 2.2"})
    pair = detector.Pair(Item("A", "", tags=tags), Item("B", "", tags=tags), 0.5, "overlap", 0.5, 1)
    with translation.override("nl"):
        (said,) = [r for r in pair.reasons() if r.startswith("gedeelde kenmerken")]
    assert said == "gedeelde kenmerken: OD 2.2, Professionals, vorm van geweld IFG"
    with translation.override("en"):
        assert "form of violence IFG" in pair.reasons()[-1]
