"""What is public: the one place that decides it, for the site, open data and the API.

- A plan is public once the coordinator published it (``Plan.is_published``): its
  framework (SD, OD, forms of violence, target groups), its decisions and calendar, its
  actions and their indicators (definitions) and its versions.
- A reporting round is public once published (``RoundPublication``). Of a published
  round only **accepted** reports show, minus those held back (``WithheldReport``); a
  re-opened report is no longer accepted and disappears until it is accepted again.
- Of a public report only its public fields show: the implementation status, the public
  progress text and its indicator values (number or level, and source). Never the other
  texts, remarks, contributions, evidence, people's names or e-mail addresses.
- A sensitive indicator's numbers under its threshold show as "< threshold"
  (``shown_number``), everywhere the public reads numbers.

Read public data only through these functions and records: a page, download or API
route that reads the models itself can leak what is not published.

``Audience`` is who reads: the public (``PUBLIC``), or a coordinator previewing a plan
or a round before publishing it (the same pages, never cached).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import get_language

from planmonitor.evaluation.models import PlanVersion
from planmonitor.monitoring.models import (
    IndicatorValue,
    ProgressReport,
    ReportingRound,
    ReportState,
)
from planmonitor.plans.models import Action, Indicator, OperationalGoal, Plan, StrategicGoal

from .models import EvaluationPublication, WithheldReport


@dataclass(frozen=True)
class Audience:
    """Who reads the public data: the public, or a coordinator's preview of what a
    publication would show (``plan_ids``: plans shown as if published; ``round_ids``:
    rounds shown as if published)."""

    plan_ids: frozenset[int] = field(default_factory=frozenset)
    round_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_preview(self) -> bool:
        return bool(self.plan_ids or self.round_ids)


PUBLIC = Audience()


# --- Plans and their framework --------------------------------------------------------------


def plans(audience: Audience = PUBLIC) -> QuerySet[Plan]:
    return (
        Plan.objects.filter(Q(is_published=True) | Q(pk__in=audience.plan_ids))
        .select_related("coordinating_minister", "coordinating_agency")
        .order_by("-period_start", "short_name")
    )


def plan(short_name: str, audience: Audience = PUBLIC) -> Plan | None:
    """The public plan of that name, or None (unknown or not published: the same 404)."""
    return plans(audience).filter(short_name=short_name).first()


def strategic_goals(plan: Plan) -> QuerySet[StrategicGoal]:
    return StrategicGoal.objects.filter(plan=plan).order_by("order", "code")


def operational_goals(plan: Plan) -> QuerySet[OperationalGoal]:
    return (
        OperationalGoal.objects.filter(plan=plan)
        .select_related("strategic_goal")
        .order_by("strategic_goal__order", "order", "code")
    )


def decisions(plan: Plan) -> QuerySet[Any]:
    return plan.decisions.order_by("date", "pk")


# --- Actions and indicators -----------------------------------------------------------------


def actions(plan: Plan) -> QuerySet[Action]:
    """Every action of a public plan (published means all of them), with what its public
    page and records show."""
    return (
        Action.objects.filter(plan=plan)
        .select_related("operational_goal__strategic_goal", "lead_minister", "lead_organisation")
        .prefetch_related("co_ministers", "violence_forms", "target_groups", "beneficiaries")
        .order_by("code")
    )


def indicators(plan: Plan) -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(action__plan=plan)
        .select_related("action")
        .order_by("action__code", "code")
    )


# --- Rounds, reports and values -------------------------------------------------------------


def rounds(plan: Plan, audience: Audience = PUBLIC) -> QuerySet[ReportingRound]:
    """The plan's published reporting rounds (and those previewed), oldest first."""
    return (
        ReportingRound.objects.filter(plan=plan)
        .filter(Q(publication__isnull=False) | Q(pk__in=audience.round_ids))
        .order_by("period_end", "pk")
    )


def reports(plan: Plan, audience: Audience = PUBLIC) -> QuerySet[ProgressReport]:
    """The public reports: accepted, of a public round, not held back."""
    withheld = WithheldReport.objects.filter(round=OuterRef("round"), action=OuterRef("action"))
    return (
        ProgressReport.objects.filter(round__in=rounds(plan, audience), state=ReportState.ACCEPTED)
        .exclude(Exists(withheld))
        .select_related("round", "action")
        .only(*REPORT_FIELDS)
        .order_by("action__code", "round__period_end", "round_id")
    )


def values(plan: Plan, audience: Audience = PUBLIC) -> QuerySet[IndicatorValue]:
    """The indicator values of the public reports (suppress with ``shown_number``)."""
    return (
        IndicatorValue.objects.filter(report__in=reports(plan, audience))
        .select_related("indicator__action", "report__round")
        .only(*VALUE_FIELDS)
        .order_by("indicator__action__code", "indicator__code", "report__round__period_end")
    )


def action_reports(action: Action, audience: Audience = PUBLIC) -> list[ProgressReport]:
    """One action's public reports, oldest first, each with its values prefetched."""
    return list(
        reports(action.plan, audience)
        .filter(action=action)
        .prefetch_related(
            Prefetch(
                "values",
                queryset=IndicatorValue.objects.select_related("indicator").only(*VALUE_FIELDS),
            )
        )
        .order_by("round__period_end", "round_id")
    )


# --- Versions and evaluation reports --------------------------------------------------------


def versions(plan: Plan) -> QuerySet[PlanVersion]:
    """The plan's versions (each the frozen content of the plan a decision approved)."""
    return PlanVersion.objects.filter(plan=plan).order_by("number")


def evaluation_reports(plan: Plan) -> QuerySet[EvaluationPublication]:
    """The evaluation reports the coordinator published (the file, not the snapshot)."""
    return (
        EvaluationPublication.objects.filter(plan=plan)
        .select_related("job")
        .defer("job__file")
        .order_by("-published_at")
    )


# --- Small counts -----------------------------------------------------------------------


@dataclass(frozen=True)
class PublicNumber:
    """A number as the public may read it: ``value`` is None when it is suppressed (or
    missing); ``text`` is what to show ("< 5" for a suppressed small count)."""

    value: Decimal | None
    suppressed: bool
    text: str

    def __str__(self) -> str:
        return self.text


def shown_number(indicator: Indicator, value: Decimal | None) -> PublicNumber:
    """``value`` as the public may read it: a sensitive indicator's numbers under its
    threshold (default 5) become "< threshold". Zero is a small count too."""
    if value is None:
        return PublicNumber(None, False, "")
    threshold = indicator.suppression_threshold
    if indicator.is_sensitive and value < threshold:
        return PublicNumber(None, True, f"< {threshold}")
    return PublicNumber(value, False, _plain(value))


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return text if "." not in text else text.rstrip("0").rstrip(".")


# --- Records: the public fields as plain data (open data and the API) ----------------------

# The model fields a record may read; ``.only()`` keeps the rest out of memory.
REPORT_FIELDS = (
    "id",
    "round_id",
    "action_id",
    "implementation_status",
    "public_text",
    "state",
    "updated_at",
    "round__id",
    "round__name",
    "round__period_start",
    "round__period_end",
    "action__id",
    "action__code",
    "action__plan_id",
)
VALUE_FIELDS = (
    "id",
    "report_id",
    "indicator_id",
    "value",
    "level",
    "source",
    "indicator__id",
    "indicator__code",
    "indicator__is_sensitive",
    "indicator__suppression_threshold",
    "indicator__action_id",
    "indicator__action__id",
    "indicator__action__code",
    "report__id",
    "report__round_id",
    "report__round__id",
    "report__round__name",
    "report__round__period_start",
    "report__round__period_end",
)


def english() -> bool:
    return (get_language() or "nl").startswith("en")


def localized(dutch: str, english_text: str) -> str:
    """The English text in English where one is given, the Dutch one otherwise."""
    return english_text if english() and english_text else dutch


def action_record(action: Action) -> dict[str, Any]:
    """An action's public fields (``actions(plan)`` prefetches what this reads)."""
    goal = action.operational_goal
    return {
        "code": action.code,
        "title": action.title,
        "title_en": action.title_en,
        "summary": action.summary,
        "summary_en": action.summary_en,
        "description": action.description,
        "strategic_goal": goal.strategic_goal.code,
        "operational_goal": goal.code,
        "lead_minister": action.lead_minister.name,
        "co_ministers": [m.name for m in action.co_ministers.all()],
        "lead_organisation": action.lead_organisation.label if action.lead_organisation else "",
        "violence_forms": [term.code for term in action.violence_forms.all()],
        "target_groups": [term.code for term in action.target_groups.all()],
        "beneficiaries": [b.code for b in action.beneficiaries.all()],
        "involves_local_governments": action.involves_local_governments,
        "start_date": action.start_date.isoformat() if action.start_date else None,
        "end_date": action.end_date.isoformat() if action.end_date else None,
        "status": action.status,
    }


def indicator_record(indicator: Indicator) -> dict[str, Any]:
    baseline = shown_number(indicator, indicator.baseline_value)
    target = shown_number(indicator, indicator.target_value)
    return {
        "action": indicator.action.code,
        "code": indicator.code,
        "name": indicator.name,
        "kind": indicator.kind,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "frequency": indicator.frequency,
        "source": indicator.source,
        "sensitive": indicator.is_sensitive,
        "baseline_value": baseline.value,
        "baseline_shown": baseline.text,
        "baseline_text": indicator.baseline_text,
        "baseline_date": indicator.baseline_date.isoformat() if indicator.baseline_date else None,
        "target_value": target.value,
        "target_shown": target.text,
        "target_text": indicator.target_text,
        "target_date": indicator.target_date.isoformat() if indicator.target_date else None,
    }


def report_record(report: ProgressReport) -> dict[str, Any]:
    return {
        "action": report.action.code,
        "round": report.round.name,
        "period_start": report.round.period_start.isoformat(),
        "period_end": report.round.period_end.isoformat(),
        "implementation_status": report.implementation_status,
        "public_text": report.public_text,
    }


def value_record(value: IndicatorValue) -> dict[str, Any]:
    number = shown_number(value.indicator, value.value)
    return {
        "action": value.indicator.action.code,
        "indicator": value.indicator.code,
        "round": value.report.round.name,
        "period_start": value.report.round.period_start.isoformat(),
        "period_end": value.report.round.period_end.isoformat(),
        "value": number.value,
        "value_shown": number.text,
        "suppressed": number.suppressed,
        "level": value.level,
        "source": value.source,
    }


def records(rows: Iterable[Any], record: Any) -> list[dict[str, Any]]:
    return [record(row) for row in rows]


# --- site2: the record pages (a round's progress, versions, evaluation files, the feed) ----


def published_round(plan: Plan, pk: int, audience: Audience = PUBLIC) -> ReportingRound | None:
    """The plan's round ``pk`` when public (or previewed), else None (the same 404)."""
    return rounds(plan, audience).filter(pk=pk).first()


def round_reports(
    plan: Plan, reporting_round: ReportingRound, audience: Audience = PUBLIC
) -> QuerySet[ProgressReport]:
    """A public round's public reports by action code, with the action's titles and the
    values (and their indicators) prefetched: a fixed number of queries (per page: slice
    it before reading)."""
    return (
        reports(plan, audience)
        .filter(round=reporting_round)
        .only(*REPORT_FIELDS, "action__title", "action__title_en")
        .prefetch_related(
            Prefetch(
                "values",
                queryset=IndicatorValue.objects.select_related("indicator")
                .only(*VALUE_FIELDS, "indicator__name", "indicator__unit", "indicator__kind")
                .order_by("indicator__code"),
            )
        )
        .order_by("action__code")
    )


def version(plan: Plan, number: int) -> PlanVersion | None:
    return versions(plan).filter(number=number).first()


def previous_version(current: PlanVersion) -> PlanVersion | None:
    return (
        PlanVersion.objects.filter(plan_id=current.plan_id, number__lt=current.number)
        .order_by("-number")
        .first()
    )


def version_changes(current: PlanVersion, previous: PlanVersion | None) -> Any:
    """What changed in ``current`` since ``previous`` (the revisions' comparison, read from
    the stored content alone; the internal reasons of the changes are not passed on)."""
    from planmonitor.evaluation.revisions.comparing import compare
    from planmonitor.evaluation.revisions.models import RevisionChange

    if previous is None:
        return None
    changes = (
        RevisionChange.objects.filter(revision_id=current.revision_id).select_related(
            "action", "created_action", "merge_target"
        )
        if current.revision_id
        else RevisionChange.objects.none()
    )
    comparison = compare(previous.content, current.content, list(changes))
    for entry in [
        *comparison.added,
        *comparison.changed,
        *comparison.discontinued,
        *comparison.merged,
    ]:
        entry.reasons = []
    return comparison


def evaluation_report(plan: Plan, pk: int) -> EvaluationPublication | None:
    return evaluation_reports(plan).filter(pk=pk).first()


def evaluation_file(publication: EvaluationPublication) -> bytes:
    """The published report's file (the job's bytes, read apart: they may be large)."""
    from planmonitor.evaluation.models import ReportJob

    data = ReportJob.objects.values_list("file", flat=True).get(pk=publication.job_id)
    return bytes(data or b"")


def publication_events(plan: Plan, limit: int = 50) -> QuerySet[Any]:
    """The plan's published updates, newest first (the feed)."""
    from .models import PublicationEvent

    return PublicationEvent.objects.filter(plan=plan).order_by("-published_at", "-pk")[:limit]


# --- site ---------------------------------------------------------------------------------
# The public site's framework pages (portal/site/framework_*): the plan's terms, its lead
# ministers and the public search. (Imports kept here, to keep this part's edits together.)


def violence_forms(plan: Plan) -> QuerySet[Any]:
    from planmonitor.plans.models import ViolenceForm

    return ViolenceForm.objects.filter(plan=plan).order_by("order", "code")


def target_groups(plan: Plan) -> QuerySet[Any]:
    from planmonitor.plans.models import TargetGroup

    return TargetGroup.objects.filter(plan=plan).order_by("order", "code")


def lead_ministers(plan: Plan) -> QuerySet[Any]:
    """The ministers who lead one of the plan's actions (ministers are public)."""
    from planmonitor.plans.models import Minister

    leads = Action.objects.filter(plan=plan, lead_minister=OuterRef("pk"))
    return Minister.objects.filter(Exists(leads)).order_by("family_name", "name")


def search_hits(plan: Plan, query: str) -> list[Any]:
    """The public search: only the ``public`` scope of the index (published fields)."""
    from planmonitor.plans import search

    return search.hits(plan=plan, query=query, scopes=[search.Scope.PUBLIC])


# --- open data ---------------------------------------------------------------------------


def plan_record(plan: Plan) -> dict[str, Any]:
    """The plan itself as the first row of its framework."""
    return {
        "level": "plan",
        "code": plan.short_name,
        "parent": "",
        "title": plan.title,
        "title_en": plan.title_en,
        "description": plan.description,
        "description_en": plan.description_en,
        "period_start": plan.period_start.isoformat(),
        "period_end": plan.period_end.isoformat(),
    }


def strategic_goal_record(goal: StrategicGoal) -> dict[str, Any]:
    return {
        "level": "strategic_goal",
        "code": goal.code,
        "parent": goal.plan.short_name,
        "title": goal.text,
        "title_en": goal.text_en,
        "description": "",
        "description_en": "",
        "period_start": None,
        "period_end": None,
    }


def operational_goal_record(goal: OperationalGoal) -> dict[str, Any]:
    return {
        "level": "operational_goal",
        "code": goal.code,
        "parent": goal.strategic_goal.code,
        "title": goal.text,
        "title_en": goal.text_en,
        "description": "",
        "description_en": "",
        "period_start": None,
        "period_end": None,
    }


def framework_records(plan: Plan) -> Iterable[dict[str, Any]]:
    """The plan, its strategic goals (SD) and its operational goals (OD), in that order."""
    yield plan_record(plan)
    for strategic in strategic_goals(plan).select_related("plan"):
        yield strategic_goal_record(strategic)
    for operational in operational_goals(plan):
        yield operational_goal_record(operational)


_NAME = "\x00short_name"  # a stand-in for the name while the query is compiled


@functools.cache
def _plan_pk_query() -> tuple[str, tuple[Any, ...], int]:
    """``plans()``'s query for one name's key, compiled once per process (the same rule as
    ``plans()``, not a copy): its SQL, its parameters and where the name goes in them."""
    query = plans().filter(short_name=_NAME).values_list("pk", flat=True)[:1].query
    sql, params = query.sql_with_params()
    return sql, tuple(params), list(params).index(_NAME)


def plan_pk(short_name: str) -> int | None:
    """The public plan's primary key, or None: ``plan()``'s answer at a fraction of its cost
    (no model, no joins, no query compiled), for a request served from the cache that must
    still see an unpublished plan at once (the open-data downloads)."""
    sql, params, at = _plan_pk_query()
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params[:at], short_name, *params[at + 1 :]))
        row = cursor.fetchone()
    return int(row[0]) if row else None
