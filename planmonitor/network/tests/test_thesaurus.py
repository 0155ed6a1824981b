"""The editable thesaurus: seeded from the CSV, read by the detector from the database,
extended and pruned by coordinators on ``/plans/<plan>/netwerk/thesaurus/``, audited."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from planmonitor.network.models import ThesaurusTerm
from planmonitor.network.overlap import text
from planmonitor.network.overlap.thesaurus import csv_rows, plan_thesaurus
from planmonitor.network.signals import sources
from planmonitor.plans.models import Minister
from planmonitor.tests.html import parse_html

from .conftest import smart_action_create

pytestmark = pytest.mark.django_db


def _url(plan) -> str:
    return reverse("network:thesaurus", args=[plan.short_name])


def _pairs(plan) -> list[tuple[str, str]]:
    out = io.StringIO()
    call_command("find_overlaps", "--plan", plan.short_name, "--format", "json", stdout=out)
    return [(p["a"], p["b"]) for p in json.loads(out.getvalue())["pairs"]]


def test_the_migration_seeds_the_csv_and_the_detector_reads_the_table():
    rows = csv_rows()
    assert ThesaurusTerm.objects.count() == len(rows) > 100
    assert plan_thesaurus().terms == text.default_thesaurus().terms
    ThesaurusTerm.objects.create(concept="stalking", language="nl", term="Belaging")
    assert plan_thesaurus().terms["stalking"] == ("belaging",)


def test_an_empty_table_falls_back_to_the_csv():
    ThesaurusTerm.objects.all().delete()
    assert plan_thesaurus() is text.default_thesaurus()


def test_a_term_added_on_the_page_makes_a_pair_appear(client, plan, coordinator):
    other = Minister.objects.exclude(key="gennez").first()
    smart_action_create(plan, "T001", title="Een meldpunt voor stalking openen")
    smart_action_create(
        plan, "T002", title="Belaging sneller vervolgen door het parket", lead_minister=other
    )
    assert ("T001", "T002") not in _pairs(plan)
    client.force_login(coordinator)
    new = {"new_concept": "Stalking", "language": "nl", "term": "stalking"}
    assert client.post(_url(plan), new).status_code == 302
    assert ThesaurusTerm.objects.get(term="stalking").concept == "stalking"
    assert ("T001", "T002") not in _pairs(plan)  # one term alone joins nothing
    response = client.post(
        _url(plan), {"concept": "stalking", "language": "nl", "term": "belaging"}
    )
    assert response.status_code == 302
    assert ("T001", "T002") in _pairs(plan)
    page = parse_html(client.get(reverse("network:overlap", args=[plan.short_name])))
    reasons = page.select_one('li[data-pair="T001~T002"]').get_text()
    assert "stalking = belaging" in reasons
    # Audited: who added it is in the history.
    record = ThesaurusTerm.objects.get(term="belaging").history.get()
    assert (record.history_type, record.history_user_id) == ("+", coordinator.pk)


def test_removing_a_term_takes_it_out_of_the_detector(client, plan, coordinator):
    term = ThesaurusTerm.objects.filter(concept="intrafamily_violence", term="IFG").get()
    client.force_login(coordinator)
    assert client.post(_url(plan), {"remove": term.pk}).status_code == 302
    assert not ThesaurusTerm.objects.filter(pk=term.pk).exists()
    assert "ifg" not in plan_thesaurus().terms["intrafamily_violence"]
    assert "IFG" not in text.features("IFG", plan_thesaurus()).concepts.values()
    assert term.history.filter(history_type="-").exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"concept": "intrafamily_violence", "language": "nl", "term": "ifg"}, "term"),  # folded
        ({"concept": "intrafamily_violence", "language": "nl", "term": "2025 !"}, "term"),
        ({"language": "nl", "term": "iets"}, "concept"),
        (
            {"concept": "intrafamily_violence", "new_concept": "x", "language": "nl", "term": "y"},
            "new_concept",
        ),
        ({"concept": "nope", "language": "nl", "term": "iets"}, "concept"),
        ({"new_concept": "x", "language": "de", "term": "etwas"}, "language"),
    ],
)
def test_bad_terms_are_refused_with_the_reason(client, plan, coordinator, values, field):
    before = ThesaurusTerm.objects.count()
    client.force_login(coordinator)
    response = client.post(_url(plan), values)
    assert response.status_code == 400
    assert ThesaurusTerm.objects.count() == before
    page = parse_html(response)
    assert page.select_one(".error-summary") is not None
    assert page.select_one(f"[name={field}]").find_parent(class_="field--error") or page.select(
        f'.error-summary a[href="#id_{field}"]'
    )


def test_network_members_and_evaluators_read_only(client, plan, network_member, evaluator):
    term = ThesaurusTerm.objects.first()
    for who in (network_member, evaluator):
        client.force_login(who)
        page = parse_html(client.get(_url(plan)))
        assert page.select_one(f'li[data-term="{term.pk}"]') is not None
        assert not page.select("main form[method=post]")
        assert client.post(_url(plan), {"remove": term.pk}).status_code == 403
        new = {"new_concept": "x", "language": "nl", "term": "iets"}
        assert client.post(_url(plan), new).status_code == 403
    assert ThesaurusTerm.objects.filter(pk=term.pk).exists()


def test_the_page_lists_terms_by_concept(client, plan, coordinator):
    client.force_login(coordinator)
    page = parse_html(client.get(_url(plan)))
    assert page.select("main form[method=post]")  # add, and remove per term
    concept = page.select_one("#concept-sexual_assault_centre")
    terms = concept.find_next_sibling("dd").get_text(" ", strip=True)
    assert "ZSG" in terms and "CPVS" in terms


def test_the_overlap_signals_use_the_stored_thesaurus(plan):
    other = Minister.objects.exclude(key="gennez").first()
    smart_action_create(plan, "T001", title="Een meldpunt voor stalking openen")
    smart_action_create(
        plan, "T002", title="Een meldpunt voor belaging openen", lead_minister=other
    )

    def keys() -> set[str]:
        return {f.key for f in sources.overlap_findings(plan, dt.date(2026, 6, 1))}

    assert "overlap:T001:T002" not in keys()  # overlap at most: no signal
    for term in ("stalking", "belaging"):
        ThesaurusTerm.objects.create(concept="stalking", language="nl", term=term)
    assert "overlap:T001:T002" in keys()  # now proposed as duplication across two ministers
