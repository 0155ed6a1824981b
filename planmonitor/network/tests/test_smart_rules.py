"""The SMART rules, letter by letter, on constructed actions (no database: the rules are pure)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any, cast

import pytest
from django.utils import translation

from planmonitor.network import smart
from planmonitor.plans.models import Partner

PLAN = SimpleNamespace(period_start=dt.date(2025, 10, 1), period_end=dt.date(2029, 12, 31))


@pytest.fixture(autouse=True)
def english():
    """The reasons read in English here; the Dutch ones in the page and command tests."""
    with translation.override("en"):
        yield


class Related(list):
    """A prefetched relation: ``.all()`` gives its rows."""

    def all(self):
        return self


def minister(pk: int, family_name: str, portfolio: str) -> SimpleNamespace:
    return SimpleNamespace(pk=pk, family_name=family_name, portfolio=portfolio)


# Three portfolios of the reference (shared/reference/ministers-2024-2029.csv).
DEMIR = minister(1, "Demir", "Onderwijs, Justitie en Werk")
GENNEZ = minister(2, "Gennez", "Welzijn en Armoedebestrijding, Cultuur en Gelijke Kansen")
CREVITS = minister(
    3,
    "Crevits",
    "Binnenland, Steden- en Plattelandsbeleid, Samenleven, Integratie en Inburgering, "
    "Bestuurszaken, Sociale Economie en Zeevisserij",
)
MINISTERS = [DEMIR, GENNEZ, CREVITS]
ONDERWIJS = SimpleNamespace(pk=10, label="Onderwijs en Vorming")
WELZIJN = SimpleNamespace(pk=11, label="Welzijn, Volksgezondheid en Gezin")


def action(**changes) -> SimpleNamespace:
    values = {
        "code": "X1",
        "title": "Een vormingspakket over toestemming ontwikkelen voor leerkrachten",
        "lead_minister_id": GENNEZ.pk,
        "lead_minister": GENNEZ,
        "co_ministers": Related(),
        "lead_organisation": None,
        "partners": Related(),
        "involves_local_governments": False,
        "indicators": Related(),
        "budget_lines": Related(),
        "milestones": Related(),
        "has_budget_impact": False,
        "start_date": dt.date(2026, 1, 1),
        "end_date": dt.date(2027, 12, 31),
    }
    return SimpleNamespace(**(values | changes))


def indicator(code: str, target_value=None, target_text: str = "") -> SimpleNamespace:
    return SimpleNamespace(code=code, target_value=target_value, target_text=target_text)


def milestone(day: dt.date) -> SimpleNamespace:
    return SimpleNamespace(planned_date=day)


# --- S ---------------------------------------------------------------------------------


def test_s_passes_with_an_action_verb_an_object_and_enough_words():
    verdict = smart.specific(action())
    assert verdict.ok
    assert "“ontwikkelen”" in verdict.reason
    assert "toestemming" in verdict.reason


@pytest.mark.parametrize(
    "title, word",
    [
        ("Opleiding risicotaxatie bij partnergeweld voor justitiehuizen", "opleiding"),
        ("Vlaanderenbrede sensibiliseringscampagne rond toestemming bij jongeren", "campagne"),
        ("Développer une formation sur le consentement pour les enseignants", "développer"),
        ("Train youth workers to recognise online sexual violence", "train"),
    ],
)
def test_s_finds_verbs_their_nouns_compound_heads_and_french_or_english(title, word):
    verdict = smart.specific(action(title=title))
    assert verdict.ok, verdict.reason
    assert word in verdict.reason


def test_s_fails_on_only_vague_phrases_and_names_them():
    verdict = smart.specific(action(title="Verder inzetten op preventie van partnergeweld"))
    assert not verdict.ok
    assert "“inzetten op”" in verdict.reason
    assert "no action verb" in verdict.reason


def test_s_fails_without_an_action_verb():
    verdict = smart.specific(
        action(title="Kader voor veilige jeugdkampen en jeugdwerkinfrastructuur")
    )
    assert not verdict.ok
    assert "no action verb" in verdict.reason


def test_s_fails_on_too_few_words():
    verdict = smart.specific(action(title="Kwaliteitskader ontwikkelen"))
    assert not verdict.ok
    assert "2 words, at least 5" in verdict.reason
    assert "no concrete object" in verdict.reason


def test_s_does_not_take_a_stop_word_for_a_verb_with_the_same_stem():
    # "met" stems as "meten" does.
    verdict = smart.specific(action(title="Lokale ketenaanpak samen met steden en gemeenten"))
    assert not verdict.ok


# --- M ---------------------------------------------------------------------------------


def test_m_passes_with_an_indicator_with_a_number_or_a_described_target():
    verdict = smart.measurable(
        action(indicators=Related([indicator("I1"), indicator("I2", Decimal(80))]))
    )
    assert verdict.ok and "I2" in verdict.reason and "I1" not in verdict.reason
    assert smart.measurable(action(indicators=Related([indicator("I3", None, "Een kader")]))).ok


def test_m_fails_without_indicators_or_without_targets():
    none = smart.measurable(action())
    assert not none.ok and "No indicator" in none.reason
    without = smart.measurable(action(indicators=Related([indicator("I1"), indicator("I2")])))
    assert not without.ok and "2 indicators, none with a target" in without.reason


# --- A ---------------------------------------------------------------------------------


def test_a_passes_when_no_other_field_is_touched():
    verdict = smart.acceptable(action(), MINISTERS)
    assert verdict.ok
    assert verdict.reason == "Lead minister Gennez; the action touches no other minister's field."


def test_a_fails_when_a_budget_line_touches_another_ministers_field():
    line = SimpleNamespace(year=2026, policy_domain=ONDERWIJS)
    verdict = smart.acceptable(action(budget_lines=Related([line])), MINISTERS)
    assert not verdict.ok
    assert "Onderwijs en Vorming (budget line 2026): Demir" in verdict.reason


def test_a_passes_when_that_minister_is_a_co_minister():
    line = SimpleNamespace(year=2026, policy_domain=ONDERWIJS)
    verdict = smart.acceptable(
        action(budget_lines=Related([line]), co_ministers=Related([DEMIR])), MINISTERS
    )
    assert verdict.ok
    assert "Onderwijs en Vorming (budget line 2026): Demir" in verdict.reason


def test_a_reads_the_lead_organisations_domain_and_local_government_partners():
    organisation = SimpleNamespace(code="DWVG", policy_domain=WELZIJN)
    vvsg = SimpleNamespace(code="VVSG", kind=Partner.Kind.LOCAL_GOVERNMENT)
    verdict = smart.acceptable(
        action(lead_organisation=organisation, partners=Related([vvsg])), MINISTERS
    )
    assert not verdict.ok
    assert "local government (partner VVSG): Crevits" in verdict.reason
    assert "no minister involved for Welzijn" not in verdict.reason  # Gennez leads


def test_a_fails_without_a_lead_minister():
    assert not smart.acceptable(action(lead_minister_id=None, lead_minister=None), MINISTERS).ok


# --- R ---------------------------------------------------------------------------------


def test_r_passes_with_milestones_in_both_halves_and_no_budget_impact():
    spread = Related([milestone(dt.date(2026, 3, 1)), milestone(dt.date(2027, 10, 1))])
    verdict = smart.realistic(action(milestones=spread), PLAN)
    assert verdict.ok
    assert "2 milestones, before and after" in verdict.reason


def test_r_fails_with_milestones_all_in_one_half():
    early = Related([milestone(dt.date(2026, 3, 1)), milestone(dt.date(2026, 4, 1))])
    verdict = smart.realistic(action(milestones=early), PLAN)
    assert not verdict.ok
    assert "all in the first half" in verdict.reason


def test_r_without_milestones_says_so_and_uses_the_dates():
    verdict = smart.realistic(action(), PLAN)
    assert verdict.ok and "no milestones yet" in verdict.reason.lower()
    undated = smart.realistic(action(start_date=None, end_date=None), PLAN)
    assert not undated.ok


def test_r_fails_on_budget_impact_without_a_budget_line():
    verdict = smart.realistic(action(has_budget_impact=True), PLAN)
    assert not verdict.ok
    assert "budget impact but no budget line" in verdict.reason
    line = SimpleNamespace(year=2026, policy_domain=WELZIJN)
    assert smart.realistic(action(has_budget_impact=True, budget_lines=Related([line])), PLAN).ok


# --- T ---------------------------------------------------------------------------------


def test_t_passes_with_an_end_date_inside_the_plan_period():
    verdict = smart.time_bound(action(), PLAN)
    assert verdict.ok
    assert "31/12/2027" in verdict.reason and "01/10/2025–31/12/2029" in verdict.reason


@pytest.mark.parametrize("end", [None, dt.date(2030, 6, 30), dt.date(2025, 6, 30)])
def test_t_fails_without_an_end_date_or_outside_the_period(end):
    assert not smart.time_bound(action(end_date=end), PLAN).ok


def test_weakest_first_orders_by_letters_passed_then_code():
    def result(code: str, passed: int) -> smart.ActionVerdicts:
        letters = {letter: smart.Verdict(n < passed, "") for n, letter in enumerate(smart.LETTERS)}
        return smart.ActionVerdicts(action=cast(Any, SimpleNamespace(code=code)), letters=letters)

    ordered = smart.weakest_first([result("A3", 5), result("A2", 1), result("A1", 5)])
    assert [r.action.code for r in ordered] == ["A2", "A1", "A3"]
