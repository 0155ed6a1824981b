"""SMART quality of an action: one rule per letter, each explaining its verdict.

Every function takes an action as ``selectors.smart_actions`` returns it (its
co-ministers, indicators, budget lines, partners and milestones prefetched) and gives a
``Verdict``: ``ok`` and a reason in the reader's language that names what matched or
what is missing. No function queries the database.

S – Specific. The title says what will be done: it holds an action verb (or the noun
    made from it: "opleiden" and "opleiding" share the stem ``opleid``; also as the head
    of a compound: "sensibiliseringscampagne"), a concrete
    object (at least ``MIN_OBJECT_WORDS`` other content words) and at least
    ``MIN_TITLE_WORDS`` words. Vague phrases ("inzetten op", "aandacht voor", "verder
    uitbouwen", ...) are no action verb: a title with only those fails. Words are
    compared by their Snowball ``dutch_porter`` stem (not Snowball 3's ``dutch``: see
    docs/stack notes), so a few French and English verbs and phrases are in the lists
    as well. There is no Dutch parser model that installs offline: lists, not grammar.
M – Measurable. At least one indicator with a target (a number or a description).
A – Acceptable. A lead minister, and where the action touches another minister's
    field, that minister involved. The fields an action touches are the policy domains
    of its budget lines and of its lead organisation, and local government when it has
    a local-government partner or involves local governments (partners carry no policy
    domain of their own). A field belongs to the ministers whose portfolio (the
    reference ``ministers-2024-2029.csv``, loaded as ``plans.Minister``) names it: a
    portfolio part ("Onderwijs", "Sociale Economie") whose every word's stem is in the
    field's name. Each field needs one of its ministers as lead or co-minister; a field
    no portfolio names asks for nobody.
R – Realistic. Two flags: a budget line when the action has budget impact; and
    milestones spread over the action's period (at least one planned in each half;
    one is enough for a period under six months). Without milestones (the action
    sheet adds them) the rule says so and asks for what exists instead: a start and
    an end date.
T – Time-bound. An end date inside the plan's period.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from planmonitor.core.formatting import date
from planmonitor.plans import search
from planmonitor.plans.models import Partner
from planmonitor.plans.search import words

if TYPE_CHECKING:
    from planmonitor.plans.models import Action, Minister, Plan

LETTERS = ("S", "M", "A", "R", "T")
LETTER_NAMES = {
    "S": gettext_lazy("Specific"),
    "M": gettext_lazy("Measurable"),
    "A": gettext_lazy("Acceptable"),
    "R": gettext_lazy("Realistic"),
    "T": gettext_lazy("Time-bound"),
}

MIN_TITLE_WORDS = 5
MIN_OBJECT_WORDS = 2
SHORT_PERIOD_DAYS = 183  # under six months one milestone is spread enough


def _listed(text: str) -> list[str]:
    """The words of a list written as text (easier to read and extend than quoted items)."""
    return text.split()


# Verbs that say what is done, as infinitives (the stem also finds the noun made from
# them: "ontwikkeling", "uitbreiding"). Dutch first; some French and English.
ACTION_VERBS = _listed("""
aanbieden aanpassen aanstellen afsluiten analyseren begeleiden bekendmaken bereiken
beschermen bieden bouwen communiceren coördineren creëren digitaliseren evalueren
financieren herzien implementeren informeren inrichten installeren integreren invoeren
lanceren maken meten monitoren onderzoeken ondersteunen ontwerpen ontwikkelen opleiden
oprichten opstellen opvangen opvolgen organiseren publiceren realiseren registreren
sensibiliseren subsidiëren trainen uitbreiden uitrollen uitvoeren uitwerken vastleggen
verankeren verbeteren verhogen verkleinen verminderen verplichten verspreiden versterken
verwijderen verzamelen voorzien vormen wijzigen zichtbaar
développer organiser renforcer former créer mettre élaborer évaluer lancer soutenir
informer sensibiliser publier financer
develop organise organize train create launch publish fund support inform evaluate
establish implement build design extend strengthen
""")
# Nouns that are the action itself, where no verb shares their stem.
ACTION_NOUNS = _listed("""
campagne opleiding training vorming nascholing workshop workshops lespakket module
onderzoek oprichting uitbreiding verankering registratie begeleiding ondersteuning
opvolging samenwerking afstemming invoering evaluatie
""")
# Phrases that announce an intention without saying what is done.
VAGUE_PHRASES = [
    "inzetten op",
    "aandacht voor",
    "aandacht besteden aan",
    "verder uitbouwen",
    "verder zetten",
    "verderzetten",
    "werk maken van",
    "streven naar",
    "bijdragen aan",
    "bijdragen tot",
    "stimuleren",
    "bevorderen",
    "faciliteren",
    "bewaken",
    "blijven inzetten",
    "nadenken over",
    "mettre l'accent sur",
    "attention à",
    "poursuivre",
    "focus on",
    "pay attention to",
    "further develop",
    "contribute to",
]
STOP_WORDS = set(
    _listed("""
de het een en of van voor in op aan met over rond bij tot naar door om te als die dat
deze dit er zijn is wordt worden ook niet nog meer via zoals tussen binnen na elk elke
alle andere hun haar zijn le la les des du un une et ou pour dans sur avec à au aux
tegen zonder the a an and or of for in on at with to by from as
""")
)

# Partners of this kind touch local government, a field without a policy domain term.
LOCAL_GOVERNMENT = gettext_lazy("local government")
LOCAL_GOVERNMENT_WORDS = "Binnenlands Bestuur"  # how Flemish portfolios name the field


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "reason": self.reason}


@dataclass(frozen=True)
class ActionVerdicts:
    action: Action
    letters: dict[str, Verdict]

    @property
    def passed(self) -> int:
        return sum(verdict.ok for verdict in self.letters.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.action.code,
            "letters": {letter: self.letters[letter].as_dict() for letter in LETTERS},
        }


# Snowball's pure-Python stemmer costs ~0.3 ms a word; a plan repeats its words (the same
# portfolios, domains, verbs) thousands of times, so each word is stemmed once.
stem = lru_cache(maxsize=100_000)(search.stem)


def _stems(texts: Iterable[str]) -> set[str]:
    return {stem(word) for text in texts for word in words(text)}


@cache
def _verb_stems() -> frozenset[str]:
    return frozenset(_stems(ACTION_VERBS + ACTION_NOUNS))


def _is_action_word(word: str) -> bool:
    """An action verb or noun, also as the head of a compound: Dutch puts the head last,
    so "sensibiliseringscampagne" and "basisopleiding" are a campaign and a training."""
    if word in STOP_WORDS:  # "met" is no form of "meten", though it stems the same
        return False
    if stem(word) in _verb_stems():
        return True
    return any(word.endswith(noun) and len(word) > len(noun) for noun in ACTION_NOUNS)


def _quoted(items: Iterable[str]) -> str:
    return ", ".join(f"“{item}”" for item in items)


def _vague_in(text: str) -> list[str]:
    folded = " ".join(words(text))
    return [p for p in VAGUE_PHRASES if re.search(rf"\b{re.escape(p)}\b", folded)]


def specific(action: Action) -> Verdict:
    title = action.title
    title_words = words(title)
    vague = _vague_in(title)
    vague_words = {word for phrase in vague for word in words(phrase)}
    verbs = [w for w in title_words if _is_action_word(w) and w not in vague_words]
    verbs = list(dict.fromkeys(verbs))
    objects = [
        w
        for w in title_words
        if w not in STOP_WORDS and w not in vague_words and w not in verbs and not w.isdigit()
    ]
    problems = []
    if not verbs:
        if vague:
            problems.append(
                _("only vague phrases (%(phrases)s), no action verb") % {"phrases": _quoted(vague)}
            )
        else:
            problems.append(_("no action verb (such as “ontwikkelen”, “opleiding”)"))
    if len(objects) < MIN_OBJECT_WORDS:
        problems.append(
            ngettext(
                "no concrete object (at least %(min)d other word)",
                "no concrete object (at least %(min)d other words)",
                MIN_OBJECT_WORDS,
            )
            % {"min": MIN_OBJECT_WORDS}
        )
    if len(title_words) < MIN_TITLE_WORDS:
        problems.append(
            _("the title has %(count)d words, at least %(min)d are needed")
            % {"count": len(title_words), "min": MIN_TITLE_WORDS}
        )
    if problems:
        return Verdict(False, _("Title: %(problems)s.") % {"problems": "; ".join(problems)})
    reason = _("Action word %(verbs)s, object %(object)s, %(count)d words.") % {
        "verbs": _quoted(verbs),
        "object": _quoted([" ".join(objects)]),
        "count": len(title_words),
    }
    if vague:
        reason += " " + _("Also vague: %(phrases)s.") % {"phrases": _quoted(vague)}
    return Verdict(True, reason)


def _has_target(indicator: Any) -> bool:
    return indicator.target_value is not None or bool(indicator.target_text.strip())


def measurable(action: Action) -> Verdict:
    indicators = list(action.indicators.all())
    with_target = [i.code for i in indicators if _has_target(i)]
    if with_target:
        return Verdict(
            True,
            ngettext(
                "Indicator with a target: %(codes)s.",
                "Indicators with a target: %(codes)s.",
                len(with_target),
            )
            % {"codes": ", ".join(with_target)},
        )
    if not indicators:
        return Verdict(False, _("No indicator: add one with a target."))
    return Verdict(
        False,
        ngettext(
            "%(count)d indicator, without a target.",
            "%(count)d indicators, none with a target.",
            len(indicators),
        )
        % {"count": len(indicators)},
    )


# --- A: the fields an action touches, against the ministers' portfolios ---------------


@lru_cache(maxsize=1024)
def _portfolio_parts(portfolio: str) -> list[frozenset[str]]:
    """ "Begroting en Financiën, Vlaamse Rand" -> the stems of each part: {begrot},
    {financien}, {vlam, rand}. A hyphenated first half ("Steden- en ...") is a part too."""
    parts = re.split(r",|\ben\b|\bet\b|\band\b", portfolio)
    return [frozenset(_stems([part])) for part in parts if words(part)]


def ministers_of_field(name: str, ministers: Sequence[Minister]) -> list[Minister]:
    """The ministers whose portfolio names the field ``name`` (a policy domain's label)."""
    field_stems = _stems([name])
    return [
        minister
        for minister in ministers
        if any(part <= field_stems for part in _portfolio_parts(minister.portfolio))
    ]


def touched_fields(action: Action) -> dict[str, tuple[str, str]]:
    """What the action touches: {field key: (the field's words, why it is touched)}."""
    fields: dict[str, tuple[str, str]] = {}
    for line in action.budget_lines.all():
        domain = line.policy_domain
        fields.setdefault(
            f"domain:{domain.pk}",
            (domain.label, _("budget line %(year)s") % {"year": line.year}),
        )
    organisation = action.lead_organisation
    if organisation is not None and organisation.policy_domain is not None:
        domain = organisation.policy_domain
        fields.setdefault(
            f"domain:{domain.pk}",
            (domain.label, _("lead organisation %(code)s") % {"code": organisation.code}),
        )
    local = [p.code for p in action.partners.all() if p.kind == Partner.Kind.LOCAL_GOVERNMENT]
    if local:
        why = _("partner %(codes)s") % {"codes": ", ".join(local)}
        fields["local"] = (LOCAL_GOVERNMENT_WORDS, why)
    elif action.involves_local_governments:
        fields["local"] = (LOCAL_GOVERNMENT_WORDS, _("involves local governments"))
    return fields


def acceptable(action: Action, ministers: Sequence[Minister]) -> Verdict:
    if action.lead_minister_id is None:  # an action being imported may have none yet
        return Verdict(False, _("No lead minister."))
    lead = action.lead_minister
    involved = {lead.pk} | {m.pk for m in action.co_ministers.all()}
    missing, covered = [], []
    for key, (name, why) in touched_fields(action).items():
        label = str(LOCAL_GOVERNMENT) if key == "local" else name
        owners = ministers_of_field(name, ministers)
        if not owners:
            continue
        names = " / ".join(m.family_name for m in owners)
        if involved & {m.pk for m in owners}:
            covered.append(f"{label} ({why}): {names}")
        else:
            missing.append(f"{label} ({why}): {names}")
    # The rule itself is stated once, on the page and in docs/network.md, not per action.
    if missing:
        return Verdict(
            False,
            _("Lead minister %(lead)s; no minister involved for %(fields)s.")
            % {"lead": lead.family_name, "fields": "; ".join(missing)},
        )
    if covered:
        reason = _("Lead minister %(lead)s; involved for every field touched: %(fields)s.") % {
            "lead": lead.family_name,
            "fields": "; ".join(covered),
        }
    else:
        reason = _("Lead minister %(lead)s; the action touches no other minister's field.") % {
            "lead": lead.family_name
        }
    return Verdict(True, reason)


# --- R and T ---------------------------------------------------------------------------


def _period(action: Action, plan: Plan) -> tuple[dt.date, dt.date]:
    return action.start_date or plan.period_start, action.end_date or plan.period_end


def _milestones_spread(action: Action, plan: Plan) -> tuple[bool | None, str]:
    milestones = list(action.milestones.all())
    if not milestones:
        if action.start_date and action.end_date:
            return True, _("no milestones yet; a start and an end date are set")
        return False, _("no milestones, and no start and end date instead")
    start, end = _period(action, plan)
    count = len(milestones)
    planned = ngettext("%(count)d milestone", "%(count)d milestones", count) % {"count": count}
    if (end - start).days < SHORT_PERIOD_DAYS:
        return True, _("%(planned)s in a period under six months") % {"planned": planned}
    middle = start + (end - start) / 2
    first = any(m.planned_date < middle for m in milestones)
    second = any(m.planned_date >= middle for m in milestones)
    spread = {"planned": planned, "middle": date(middle)}
    if first and second:
        return True, _("%(planned)s, before and after %(middle)s") % spread
    half = _("the first half") if first else _("the second half")
    return False, _("%(planned)s, all in %(half)s of the period (middle %(middle)s)") % {
        **spread,
        "half": half,
    }


def realistic(action: Action, plan: Plan) -> Verdict:
    spread_ok, spread_reason = _milestones_spread(action, plan)
    lines = len(action.budget_lines.all())
    if not action.has_budget_impact:
        budget_ok, budget_reason = True, _("no budget impact")
    elif lines:
        budget_ok = True
        budget_reason = ngettext(
            "budget impact with %(count)d budget line",
            "budget impact with %(count)d budget lines",
            lines,
        ) % {"count": lines}
    else:
        budget_ok, budget_reason = False, _("budget impact but no budget line")
    ok = bool(spread_ok) and budget_ok
    reason = f"{spread_reason[:1].upper()}{spread_reason[1:]}; {budget_reason}."
    return Verdict(ok, reason)


def time_bound(action: Action, plan: Plan) -> Verdict:
    period = {"start": date(plan.period_start), "end": date(plan.period_end)}
    if action.end_date is None:
        return Verdict(False, _("No end date (plan period %(start)s–%(end)s).") % period)
    values = {**period, "date": date(action.end_date)}
    if plan.period_start <= action.end_date <= plan.period_end:
        return Verdict(True, _("Ends %(date)s, inside the plan period %(start)s–%(end)s.") % values)
    return Verdict(False, _("Ends %(date)s, outside the plan period %(start)s–%(end)s.") % values)


def verdicts_of(action: Action, *, plan: Plan, ministers: Sequence[Minister]) -> ActionVerdicts:
    return ActionVerdicts(
        action=action,
        letters={
            "S": specific(action),
            "M": measurable(action),
            "A": acceptable(action, ministers),
            "R": realistic(action, plan),
            "T": time_bound(action, plan),
        },
    )


def weakest_first(results: Iterable[ActionVerdicts]) -> list[ActionVerdicts]:
    """Fewest letters passed first, then by code."""
    return sorted(results, key=lambda r: (r.passed, r.action.code.lower(), r.action.code))
