"""Example monitoring data for the 115 example actions: sheets, milestones, rounds, reports.

Called at the end of ``planmonitor.demo.plan.demo_load`` (and its removal from
``demo_remove``). Like the example actions it is generated from fixed texts and
a seeded random generator, one per action (``Random(f"2025-{code}")``), so two
loads in two fresh databases give the same data, a deleted example action comes
back with the same monitoring data, and nothing depends on the clock.

The story it tells, seen from the demo's "today" (30/06/2026):

* "2025 – nulmeting" (first half of 2025, before the plan started): closed; every
  action reported its starting point, values close to the baseline.
* "2025 – tweede semester": closed; every report accepted, values moving toward
  the target (faster or slower per indicator), some delays with their reason.
* "2026 – eerste semester": open until 31/07/2026; a mix of empty drafts, drafts
  being written, submitted, returned (with remarks) and accepted reports.

Rows are written with ``bulk_create`` and their history with
``record_bulk_history``, so the demo has an audit trail without a save() per row.
"""

# The tables below are data, one row a line.
# ruff: noqa: E501

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db import models, transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext_noop

from planmonitor.accounts.models import User
from planmonitor.audit.history import record_bulk_history
from planmonitor.monitoring.models import (
    ActionSheet,
    Contribution,
    Evidence,
    ImplementationStatus,
    IndicatorValue,
    Milestone,
    ProgressReport,
    QualitativeLevel,
    ReportingRound,
    ReportState,
    RoundStatus,
    SheetStatus,
    SheetVersion,
)
from planmonitor.monitoring.sheets.services import sheet_snapshot
from planmonitor.plans.models import Action, Indicator, Plan

SEED = 2025
AS_OF = dt.date(2026, 6, 30)  # the demo's "today", the same as the example actions'
BRUSSELS = ZoneInfo("Europe/Brussels")

COORDINATOR_NAME = "Demo Coördinator"
OWNER_NAME = "Demo Actietrekker"
CONTRIBUTOR_USERNAME = "demo-contributor"
OWNER_MINISTER = "gennez"  # the demo owner's minister: their actions show every report state


@dataclass(frozen=True)
class RoundSpec:
    name: str
    period_start: dt.date
    period_end: dt.date
    due_date: dt.date
    status: str
    # How far along the way from baseline to target values are, for an indicator at
    # normal speed; the open round's reports are mixed (see _open_round_state).
    share: float


ROUNDS = [
    RoundSpec(
        "2025 – nulmeting",
        dt.date(2025, 1, 1),
        dt.date(2025, 6, 30),
        dt.date(2025, 9, 30),
        RoundStatus.CLOSED,
        0.0,
    ),
    RoundSpec(
        "2025 – tweede semester",
        dt.date(2025, 7, 1),
        dt.date(2025, 12, 31),
        dt.date(2026, 1, 31),
        RoundStatus.CLOSED,
        0.2,
    ),
    RoundSpec(
        "2026 – eerste semester",
        dt.date(2026, 1, 1),
        dt.date(2026, 6, 30),
        dt.date(2026, 7, 31),
        RoundStatus.OPEN,
        0.45,
    ),
]

MILESTONE_FIRST = "Plan van aanpak afgestemd met de partners"
MILESTONE_LAST = "Resultaten en evaluatie opgeleverd aan het lerend netwerk"
MILESTONES_MIDDLE = [
    "Werkgroep samengesteld",
    "Bestek gepubliceerd en uitvoerder aangesteld",
    "Eerste versie van het materiaal getest met de doelgroep",
    "Opleiding van de eerste groep professionals",
    "Campagne gelanceerd",
    "Samenwerkingsakkoord met de partners ondertekend",
    "Tussentijdse bevraging afgerond",
    "Online platform in gebruik genomen",
]

GOALS = [
    "De actie zorgt dat {who} tegen eind {year} aantoonbaar beter gewapend zijn tegen gendergerelateerd geweld.",
    "Tegen eind {year} is het aanbod structureel verankerd en kennen {who} de weg ernaartoe.",
    "De actie levert tegen eind {year} een gedragen en toepasbaar kader op voor {who}.",
]
WHO = [
    "professionals in de eerstelijnszorg",
    "scholen en jeugdwerkingen",
    "lokale besturen",
    "slachtoffers en hun omgeving",
    "sportclubs en hun begeleiders",
]
APPROACH = """\
## Aanpak

1. **Voorbereiding**: we brengen de partners samen en leggen de taakverdeling vast.
2. **Uitvoering**: {step}.
3. **Opvolging**: we rapporteren elk semester aan het lerend netwerk.

Meer uitleg staat in de [nota van het actieplan](https://www.example.org/actieplan-ggg).
"""
STEPS = [
    "we ontwikkelen het materiaal samen met de doelgroep en testen het in drie regio's",
    "we bieden de opleiding aan in elke provincie, met terugkommomenten",
    "we lanceren de campagne online en via de partners, met een meting vooraf en achteraf",
    "we passen het kader toe in pilootorganisaties en sturen bij na de evaluatie",
]
RISKS = [
    "Beperkte capaciteit bij de partners; we plannen de piekmomenten samen.",
    "De doelgroep is moeilijk bereikbaar; we werken met vertrouwenspersonen.",
    "Vertraging bij de aanbesteding; we houden een alternatief scenario achter de hand.",
]
CONTACTS = [
    "An Peeters",
    "Bram Janssens",
    "Charlotte Maes",
    "Dirk Jacobs",
    "Els Mertens",
    "Fatima El Amrani",
    "Geert Willems",
    "Hanne Claes",
]

DONE = [
    "- Overleg met de partners over de planning\n- Eerste werkversie van het materiaal besproken",
    "- {n} sessies georganiseerd\n- Communicatie naar de doelgroep verstuurd",
    "- Opdracht gegund aan de uitvoerder\n- Startvergadering gehouden",
]
OBSTACLES = [
    "",
    "",
    "Ziekte in het projectteam vertraagde de planning enkele weken.",
    "De partners hadden minder capaciteit dan verwacht.",
]
NEXT_STEPS = [
    "- Evaluatie van de eerste fase\n- Bijsturing van het materiaal",
    "- Uitrol naar de andere provincies",
    "- Tweede meetmoment voorbereiden",
]
DELAY_REASONS = [
    "De aanbesteding liep drie maanden vertraging op door een bezwaarprocedure.",
    "De partnerorganisatie kon pas later starten door personeelstekort.",
    "Het advies van de Inspectie van Financiën kwam later dan gepland.",
]
STOP_REASON = "De actie is opgegaan in een bredere actie van hetzelfde beleidsdomein; de middelen zijn daarheen verschoven."
RETURN_REMARKS = [
    "Kunt u de daling van de indicator toelichten? Vermeld ook de bron van het cijfer.",
    "De reden voor de vertraging is niet duidelijk: wat is de nieuwe planning?",
]
QUALITATIVE_TEXTS = {
    QualitativeLevel.NONE: "Nog geen zichtbare vooruitgang: de voorbereiding loopt.",
    QualitativeLevel.LIMITED: "Eerste stappen gezet; de partners werken aan een gedragen tekst.",
    QualitativeLevel.SUBSTANTIAL: "Ontwerp besproken in het lerend netwerk; de meeste partners steunen het.",
    QualitativeLevel.ACHIEVED: "Het kader is goedgekeurd en wordt toegepast.",
}
CONTRIBUTIONS = [
    "Vanuit ons beleidsdomein hebben we de campagne verspreid via onze nieuwsbrief.",
    "Onze administratie leverde de cijfers voor de indicator aan; zie de bijlage van het jaarverslag.",
    "We stellen voor om de opleiding ook aan te bieden aan de onthaalmedewerkers.",
]


def _rng(code: str, part: str) -> random.Random:
    # One generator per action and per part: recreating one action's data, or adding
    # a part later, never shifts the random draws of the others.
    return random.Random(f"{SEED}-{code}-{part}")


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=BRUSSELS)


def _example_actions(plan: Plan) -> list[Action]:
    return list(
        Action.objects.filter(plan=plan, is_example=True)
        .select_related("lead_minister")
        .prefetch_related(
            "co_ministers",
            "partners",
            Prefetch("indicators", queryset=Indicator.objects.order_by("code")),
            Prefetch("milestones", queryset=Milestone.objects.order_by("planned_date", "order")),
        )
        .order_by("code")
    )


# --- milestones --------------------------------------------------------------------


def _milestones_for(action: Action) -> list[Milestone]:
    rng = _rng(action.code, "milestones")
    count = rng.randint(2, 4)
    names = [MILESTONE_FIRST, *rng.sample(MILESTONES_MIDDLE, count - 2), MILESTONE_LAST]
    days = (action.end_date - action.start_date).days
    milestones = []
    for order, name in enumerate(names, start=1):
        planned = action.start_date + dt.timedelta(days=round(days * order / (count + 0.5)))
        done = None
        if planned <= AS_OF and action.status != Action.Status.STOPPED and rng.random() < 0.8:
            done = min(AS_OF, planned + dt.timedelta(days=rng.randint(-14, 45)))
        milestones.append(
            Milestone(action=action, name=name, planned_date=planned, done_date=done, order=order)
        )
    return milestones


# --- sheets ----------------------------------------------------------------------------


def _sheet_for(action: Action) -> ActionSheet:
    rng = _rng(action.code, "sheet")
    draw = rng.random()
    if action.status == Action.Status.PLANNED and action.start_date > AS_OF:
        status = SheetStatus.DRAFT if draw < 0.6 else SheetStatus.SUBMITTED
    elif draw < 0.6:
        status = SheetStatus.APPROVED
    elif draw < 0.8:
        status = SheetStatus.SUBMITTED
    elif draw < 0.87:
        status = SheetStatus.RETURNED
    else:
        status = SheetStatus.DRAFT
    contact = rng.choice(CONTACTS)
    return ActionSheet(
        action=action,
        content_goal=rng.choice(GOALS).format(who=rng.choice(WHO), year=action.end_date.year),
        approach=APPROACH.format(step=rng.choice(STEPS)),
        risks=rng.choice(RISKS),
        contact_name=contact,
        contact_email=f"{contact.split()[0].lower()}@example.invalid",
        status=status,
        remarks=(
            "Vul de mijlpalen aan met een datum voor de tussentijdse evaluatie."
            if status == SheetStatus.RETURNED
            else ""
        ),
    )


def _approved_version(sheet: ActionSheet) -> SheetVersion:
    rng = _rng(sheet.action.code, "sheet-version")
    return SheetVersion(
        sheet=sheet,
        number=1,
        content=sheet_snapshot(sheet),
        approved_at=_at(dt.date(2025, 11, 3) + dt.timedelta(days=rng.randint(0, 60)), 14),
        approved_by_name=COORDINATOR_NAME,
    )


# --- reports -------------------------------------------------------------------------


@dataclass
class PlannedReport:
    """A report with what hangs off it, before the ids exist."""

    report: ProgressReport
    values: list[IndicatorValue]
    milestones_reached: list[Milestone]
    evidence: list[Evidence]
    contributions: list[Contribution]


def _implementation_status(action: Action, spec: RoundSpec, rng: random.Random) -> tuple[str, str]:
    """(status, reason) of the action in the round's period, consistent with its story."""
    if spec.period_end < action.start_date:
        near = (action.start_date - spec.period_end).days < 120
        return (ImplementationStatus.PREPARING if near else ImplementationStatus.NOT_STARTED), ""
    if action.end_date <= spec.period_end and action.status == Action.Status.COMPLETED:
        return ImplementationStatus.COMPLETED, ""
    if action.status == Action.Status.STOPPED and spec.status == RoundStatus.OPEN:
        return ImplementationStatus.STOPPED, STOP_REASON
    if action.status == Action.Status.PLANNED:  # started late
        return ImplementationStatus.DELAYED, rng.choice(DELAY_REASONS)
    if rng.random() < 0.18:
        return ImplementationStatus.DELAYED, rng.choice(DELAY_REASONS)
    return ImplementationStatus.ON_TRACK, ""


def _open_round_state(action: Action, index: int, rng: random.Random) -> tuple[str, bool]:
    """(state, filled in?) of a report in the open round."""
    if action.lead_minister.key == OWNER_MINISTER:
        # The demo owner sees every state on "Mijn acties", in a fixed order.
        cycle = [
            (ReportState.DRAFT, False),
            (ReportState.DRAFT, True),
            (ReportState.SUBMITTED, True),
            (ReportState.RETURNED, True),
            (ReportState.ACCEPTED, True),
        ]
        return cycle[index % len(cycle)]
    draw = rng.random()
    if draw < 0.3:
        return ReportState.DRAFT, False
    if draw < 0.45:
        return ReportState.DRAFT, True
    if draw < 0.7:
        return ReportState.SUBMITTED, True
    if draw < 0.8:
        return ReportState.RETURNED, True
    return ReportState.ACCEPTED, True


def _quantity(indicator: Indicator, share: float) -> Decimal:
    baseline, target = indicator.baseline_value, indicator.target_value
    if indicator.direction == Indicator.Direction.MAINTAIN or target == baseline:
        value = float(target) * (1 + share)  # share is only noise here
    else:
        value = float(baseline) + share * float(target - baseline)
    places = Decimal("0.1") if indicator.unit == "%" else Decimal(1)
    number = Decimal(str(max(0.0, value))).quantize(places, rounding=ROUND_HALF_UP)
    return min(number, Decimal(100)) if indicator.unit == "%" else number


def _values(
    report: ProgressReport,
    action: Action,
    spec: RoundSpec,
    rng: random.Random,
) -> list[IndicatorValue]:
    values = []
    # Before the action starts, values stay close to the baseline.
    started = action.start_date <= spec.period_end
    for indicator in action.indicators.all():
        speed = _rng(indicator.code, "speed").uniform(0.4, 1.4)  # per indicator, every round alike
        if rng.random() < 0.08:
            continue  # no figure this time: "no data", never a silent zero
        if indicator.kind == Indicator.Kind.QUANTITATIVE:
            if indicator.direction == Indicator.Direction.MAINTAIN:
                share = rng.uniform(-0.25, 0.15)
            elif started:
                share = spec.share * speed + rng.uniform(-0.04, 0.05)
            else:
                share = rng.uniform(-0.01, 0.02)
            values.append(
                IndicatorValue(
                    report=report,
                    indicator=indicator,
                    value=_quantity(indicator, share),
                    source=indicator.source,
                    remark="Voorlopig cijfer" if rng.random() < 0.1 else "",
                )
            )
        else:
            levels = list(QualitativeLevel)
            step = round(spec.share * speed * 4 + rng.random() * 0.8) if started else 0
            level = levels[min(len(levels) - 1, step)]
            values.append(
                IndicatorValue(
                    report=report,
                    indicator=indicator,
                    level=level,
                    text=QUALITATIVE_TEXTS[level],
                    source=indicator.source,
                )
            )
    return values


def _report(
    action: Action,
    reporting_round: ReportingRound,
    spec: RoundSpec,
    round_index: int,
    open_index: int,
    contributor: User | None,
) -> PlannedReport:
    rng = _rng(action.code, f"report-{spec.name}")
    if spec.status == RoundStatus.OPEN:
        state, filled = _open_round_state(action, open_index, rng)
    else:
        state, filled = ReportState.ACCEPTED, True
    report = ProgressReport(round=reporting_round, action=action, state=state)
    planned = PlannedReport(report, [], [], [], [])
    if not filled:
        return planned
    status, reason = _implementation_status(action, spec, rng)
    report.implementation_status = status
    report.status_reason = reason
    report.done = rng.choice(DONE).format(n=rng.randint(2, 12))
    report.obstacles = rng.choice(OBSTACLES)
    report.next_steps = rng.choice(NEXT_STEPS)
    if state != ReportState.DRAFT:
        late = rng.random() < 0.15
        offset = rng.randint(1, 10) if late else -rng.randint(0, 20)
        report.submitted_at = _at(spec.due_date + dt.timedelta(days=offset))
        report.first_submitted_at = report.submitted_at  # one submission in the example
    if state == ReportState.RETURNED:
        report.remarks = rng.choice(RETURN_REMARKS)
    planned.values = _values(report, action, spec, rng)
    planned.milestones_reached = [
        m
        for m in action.milestones.all()
        if m.done_date and spec.period_start <= m.done_date <= spec.period_end
    ]
    if state in (ReportState.SUBMITTED, ReportState.ACCEPTED) and rng.random() < 0.15:
        planned.evidence.append(
            Evidence(
                report=report,
                title=f"Verslag {action.code} – {spec.name}",
                url=f"https://www.example.org/actieplan-ggg/{action.code.lower()}/verslag-{round_index + 1}",
                added_by_name=OWNER_NAME,
            )
        )
    crevits = next((m for m in action.co_ministers.all() if m.key == "crevits"), None)
    if contributor is not None and crevits is not None and rng.random() < 0.5:
        planned.contributions.append(
            Contribution(
                report=report, author=contributor, minister=crevits, text=rng.choice(CONTRIBUTIONS)
            )
        )
    return planned


# --- writing ----------------------------------------------------------------------------


# What load_demo prints, like the example actions' counts.
LABELS = {
    Milestone: gettext_noop("milestones"),
    ActionSheet: gettext_noop("action sheets"),
    SheetVersion: gettext_noop("approved sheet versions"),
    ReportingRound: gettext_noop("reporting rounds"),
    ProgressReport: gettext_noop("progress reports"),
    IndicatorValue: gettext_noop("indicator values"),
    Evidence: gettext_noop("evidence links"),
    Contribution: gettext_noop("contributions"),
}


def _create(model: type[models.Model], objs: Sequence[models.Model], created: Counter) -> list:
    """bulk_create, counted. The caller records the history (after any many-to-many links)."""
    if not objs:
        return []
    saved = model.objects.bulk_create(objs)
    created[LABELS[model]] += len(saved)
    return saved


def _history(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    record_bulk_history(model, objs, update=False)


def _rounds_ensure(plan: Plan, created: Counter) -> list[ReportingRound]:
    existing = {r.name: r for r in ReportingRound.objects.filter(plan=plan)}
    missing = [
        ReportingRound(
            plan=plan,
            name=spec.name,
            period_start=spec.period_start,
            period_end=spec.period_end,
            due_date=spec.due_date,
            status=spec.status,
        )
        for spec in ROUNDS
        if spec.name not in existing
    ]
    _history(ReportingRound, _create(ReportingRound, missing, created))
    existing |= {r.name: r for r in missing}
    return [existing[spec.name] for spec in ROUNDS]


def _reports_create(actions: list[Action], rounds: list[ReportingRound], created: Counter) -> None:
    done = set(
        ProgressReport.objects.filter(round__in=rounds, action__in=actions).values_list(
            "round_id", "action_id"
        )
    )
    contributor = User.objects.filter(username=CONTRIBUTOR_USERNAME).first()
    open_index: Counter[str] = Counter()  # per minister, for the owner's fixed cycle
    planned: list[PlannedReport] = []
    for action in actions:
        for round_index, (spec, reporting_round) in enumerate(zip(ROUNDS, rounds, strict=True)):
            index = open_index[action.lead_minister.key]
            if spec.status == RoundStatus.OPEN:
                open_index[action.lead_minister.key] += 1
            if (reporting_round.pk, action.pk) in done:
                continue
            planned.append(_report(action, reporting_round, spec, round_index, index, contributor))
    if not planned:
        return
    reports = _create(ProgressReport, [p.report for p in planned], created)
    reached = ProgressReport.milestones_reached.through
    reached.objects.bulk_create(
        reached(progressreport_id=p.report.pk, milestone_id=m.pk)
        for p in planned
        for m in p.milestones_reached
    )
    _history(ProgressReport, reports)  # after the links: their history is read back
    for model, objs in (
        (IndicatorValue, [v for p in planned for v in p.values]),
        (Evidence, [e for p in planned for e in p.evidence]),
        (Contribution, [c for p in planned for c in p.contributions]),
    ):
        _history(model, _create(model, objs, created))


def monitoring_demo_load(plan: Plan | None = None) -> Counter[str]:
    """Add the example monitoring data for every example action that lacks it. Idempotent.

    Returns what was created, per kind (empty when everything was there).
    """
    from planmonitor.plans.data.gbv_plan import SHORT_NAME

    created: Counter[str] = Counter()
    with transaction.atomic():
        plan = plan or Plan.objects.filter(short_name=SHORT_NAME).first()
        if plan is None:
            return created
        actions = _example_actions(plan)
        if not actions:
            return created

        without_milestones = [a for a in actions if not a.milestones.all()]
        milestones = _create(
            Milestone, [m for a in without_milestones for m in _milestones_for(a)], created
        )
        _history(Milestone, milestones)
        if milestones:  # the sheets' snapshots and the reports read them
            actions = _example_actions(plan)

        with_sheet = set(
            ActionSheet.objects.filter(action__in=actions).values_list("action_id", flat=True)
        )
        sheets = _create(
            ActionSheet, [_sheet_for(a) for a in actions if a.pk not in with_sheet], created
        )
        _history(ActionSheet, sheets)
        _create(
            SheetVersion,
            [_approved_version(s) for s in sheets if s.status == SheetStatus.APPROVED],
            created,
        )

        rounds = _rounds_ensure(plan, created)
        _reports_create(actions, rounds, created)
    return created


# --- removing ----------------------------------------------------------------------------


def monitoring_demo_remove() -> Counter[str]:
    """Delete the rounds whose every report is about an example action (the demo's rounds).

    Sheets, milestones and reports go with the example actions (cascade); a round
    also holding a report on a real action stays. Call it before the actions are removed.
    """
    real_report = ProgressReport.objects.filter(round=OuterRef("pk"), action__is_example=False)
    demo_rounds = ReportingRound.objects.filter(
        Exists(ProgressReport.objects.filter(round=OuterRef("pk"), action__is_example=True))
    ).exclude(Exists(real_report))
    _, per_model = demo_rounds.delete()
    return Counter({label: n for label, n in per_model.items() if n})
