"""What the framework pages show, read through ``portal.public``: plain data for the
templates, a fixed number of queries per page whatever the number of actions.

English pages show the interface and the framework in English; an action's content stays
Dutch unless an English title or summary is given: ``Text.lang`` is "nl" for Dutch text
on an English page, so the template marks it (``lang="nl"``) for screen readers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from planmonitor.monitoring.models import ImplementationStatus, ReportingRound
from planmonitor.plans.models import Action, Plan
from planmonitor.portal import public

from . import paging

# "On track" read from the published implementation status: running as planned or done is
# on track; delayed or stopped is off track; not started or in preparation is neither yet.
ON_TRACK = {ImplementationStatus.ON_TRACK, ImplementationStatus.COMPLETED}
OFF_TRACK = {ImplementationStatus.DELAYED, ImplementationStatus.STOPPED}


@dataclass(frozen=True)
class Text:
    text: str
    lang: str = ""  # "nl": Dutch text shown on an English page

    def __str__(self) -> str:
        return self.text


def text(dutch: str, english_text: str = "") -> Text:
    if not public.english():
        return Text(dutch)
    if english_text:
        return Text(english_text)
    return Text(dutch, "nl" if dutch else "")


def plan_heading(plan: Plan) -> dict[str, Any]:
    return {
        "short_name": plan.short_name,
        "title": text(plan.title, plan.title_en),
        "description": text(plan.description, plan.description_en),
        "period_start": plan.period_start,
        "period_end": plan.period_end,
    }


def status_label(status: str) -> str:
    return str(ImplementationStatus(status).label) if status in ImplementationStatus.values else ""


def _light_actions(plan: Plan) -> QuerySet[Action]:
    """The plan's actions for lists: their goal and lead minister, nothing prefetched."""
    return public.actions(plan).prefetch_related(None)


def latest_round(plan: Plan, audience: public.Audience) -> ReportingRound | None:
    return public.rounds(plan, audience).last()


def latest_statuses(
    plan: Plan, audience: public.Audience, round_: ReportingRound | None, actions: list[Action]
) -> dict[int, str]:
    """The published implementation status in ``round_`` of ``actions`` (action id →
    status): one query, for a page's actions."""
    if round_ is None or not actions:
        return {}
    rows = public.reports(plan, audience).filter(
        round=round_, action_id__in=[a.pk for a in actions]
    )
    return dict(rows.values_list("action_id", "implementation_status"))


def action_item(action: Action, statuses: dict[int, str]) -> dict[str, Any]:
    status = statuses.get(action.pk, "")
    return {
        "code": action.code,
        "title": text(action.title, action.title_en),
        "operational_goal": action.operational_goal.code,
        "strategic_goal": action.operational_goal.strategic_goal.code,
        "lead_minister": action.lead_minister.name,
        "status": status,
        "status_label": status_label(status),
    }


# --- Figures: bars and their tables ---------------------------------------------------------


@dataclass
class Figure:
    key: str
    title: str
    label_heading: str
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(row["count"] for row in self.rows)


def figure(key: str, title: str, label_heading: str, counts: list[tuple[Any, int, str]]) -> Figure:
    """Bars scaled to the largest count (``percent`` is the bar's width)."""
    largest = max((count for _, count, _ in counts), default=0) or 1
    rows = [
        {"label": label, "count": count, "percent": round(100 * count / largest), "tone": tone}
        for label, count, tone in counts
    ]
    return Figure(key, title, label_heading, rows)


def figures(counts: Counts, goals: list[Any], round_: ReportingRound | None) -> list[Figure]:
    found = []
    if round_ is not None:
        by_status = counts.by_status
        unreported = counts.actions - sum(by_status.values())
        found.append(
            figure(
                "status",
                _("Actions by status"),
                _("Status"),
                [
                    (choice.label, by_status[choice.value], "")
                    for choice in ImplementationStatus
                    if by_status[choice.value]
                ]
                + ([(_("No published report"), unreported, "")] if unreported else []),
            )
        )
        on = sum(by_status[status] for status in ON_TRACK)
        off = sum(by_status[status] for status in OFF_TRACK)
        other = counts.actions - on - off
        found.append(
            figure(
                "track",
                _("On track or off track"),
                _("Assessment"),
                [
                    (_("On track"), on, "good"),
                    (_("Off track"), off, "bad"),
                    (_("Not assessable yet"), other, ""),
                ],
            )
        )
    by_goal = Counter[int]()
    for goal_id, count in counts.by_operational_goal.items():
        by_goal[counts.strategic_of[goal_id]] += count
    found.append(
        figure(
            "goal",
            _("Actions by strategic goal"),
            _("Strategic goal"),
            [(_("SG %(code)s") % {"code": g.code}, by_goal[g.pk], "") for g in goals],
        )
    )
    found.append(
        figure(
            "minister",
            _("Actions by lead minister"),
            _("Lead minister"),
            [(name, count, "") for name, count in sorted(counts.by_minister.items(), key=_most)],
        )
    )
    return found


@dataclass(frozen=True)
class Counts:
    """The plan's actions counted in the database (grouped queries, no action rows read):
    the figures at a glance and the goals' counts, whatever the number of actions."""

    actions: int
    by_operational_goal: Counter[int]
    strategic_of: dict[int, int]  # operational goal id -> strategic goal id
    by_minister: Counter[str]
    by_status: Counter[str]  # published implementation status in the round -> actions


def counts(
    plan: Plan, audience: public.Audience, operational: list[Any], round_: ReportingRound | None
) -> Counts:
    grouped = (
        Action.objects.filter(plan=plan)
        .order_by()
        .values("operational_goal_id", "lead_minister__name")
        .annotate(n=Count("pk"))
    )
    by_goal: Counter[int] = Counter()
    by_minister: Counter[str] = Counter()
    for row in grouped:
        by_goal[row["operational_goal_id"]] += row["n"]
        by_minister[row["lead_minister__name"]] += row["n"]
    by_status: Counter[str] = Counter()
    if round_ is not None:
        published = (
            public.reports(plan, audience)
            .filter(round=round_)
            .order_by()
            .values("implementation_status")
            .annotate(n=Count("pk"))
        )
        by_status.update({row["implementation_status"]: row["n"] for row in published})
    return Counts(
        actions=sum(by_goal.values()),
        by_operational_goal=by_goal,
        strategic_of={od.pk: od.strategic_goal_id for od in operational},
        by_minister=by_minister,
        by_status=by_status,
    )


def _most(item: tuple[str, int]) -> tuple[int, str]:
    return (-item[1], item[0])


# --- Pages -----------------------------------------------------------------------------------


def _tree(
    goals: list[Any],
    operational: list[Any],
    items: list[tuple[Action, dict[str, Any]]],
    counts: Counter[int] | None = None,
) -> list[dict[str, Any]]:
    """The goals, each with its operational goals and their ``items`` and ``count`` (from
    ``counts`` when given, else the items)."""
    by_od: dict[int, list[dict[str, Any]]] = {}
    for action, item in items:
        by_od.setdefault(action.operational_goal_id, []).append(item)
    tree = []
    for goal in goals:
        ods = [
            {
                "code": od.code,
                "text": text(od.text, od.text_en),
                "actions": by_od.get(od.pk, []),
                "count": len(by_od.get(od.pk, [])) if counts is None else counts[od.pk],
            }
            for od in operational
            if od.strategic_goal_id == goal.pk
        ]
        tree.append({"code": goal.code, "text": text(goal.text, goal.text_en), "ods": ods})
    return tree


def overview(plan: Plan, audience: public.Audience) -> dict[str, Any]:
    """The plan page: its goals with their numbers of actions and the figures, all counted
    in the database (the page lists no action: the goals' pages and the search do)."""
    goals = list(public.strategic_goals(plan))
    operational = list(public.operational_goals(plan))
    round_ = latest_round(plan, audience)
    counted = counts(plan, audience, operational, round_)
    return {
        "tree": _tree(goals, operational, [], counted.by_operational_goal),
        "figures": figures(counted, goals, round_),
        "latest_round": round_,
        "action_count": counted.actions,
    }


def _page_items(page: Page, statuses: dict[int, str] | None = None) -> list[tuple[Action, Any]]:
    return [(a, action_item(a, statuses or {})) for a in page.object_list]


def strategic_goal(plan: Plan, code: str, request: HttpRequest) -> dict[str, Any] | None:
    """A strategic goal with its operational goals and a page of its actions (grouped
    under their operational goal; a goal without an action on this page shows only when
    the list has one page)."""
    goal = public.strategic_goals(plan).filter(code=code).first()
    if goal is None:
        return None
    operational = list(public.operational_goals(plan).filter(strategic_goal=goal))
    actions = _light_actions(plan).filter(operational_goal__strategic_goal=goal)
    page = paging.page_of(
        request,
        actions.order_by("operational_goal__order", "operational_goal__code", "code"),
    )
    items = _page_items(page)
    if page.paginator.num_pages > 1:
        shown = {action.operational_goal_id for action, _item in items}
        operational = [od for od in operational if od.pk in shown]
    return {**_tree([goal], operational, items)[0], "page": page}


def operational_goal(plan: Plan, code: str, request: HttpRequest) -> dict[str, Any] | None:
    goal = public.operational_goals(plan).filter(code=code).first()
    if goal is None:
        return None
    page = paging.page_of(request, _light_actions(plan).filter(operational_goal=goal))
    parent = goal.strategic_goal
    return {
        "code": goal.code,
        "text": text(goal.text, goal.text_en),
        "strategic_goal": {"code": parent.code, "text": text(parent.text, parent.text_en)},
        "actions": [item for _action, item in _page_items(page)],
        "page": page,
    }


def action_list(
    plan: Plan, audience: public.Audience, filters: dict[str, Any], request: HttpRequest
) -> tuple[Page, list[dict[str, Any]]]:
    """A page of the plan's actions matching every filter (and the search words, best
    first), and its items. Filtered, counted and sliced in the database; the statuses and
    excerpts are read for the page's actions only."""
    from planmonitor.plans import search

    rows = _light_actions(plan)
    round_ = latest_round(plan, audience)
    # Subqueries, not joins: a many-to-many filter would need DISTINCT over every row.
    of_plan = Action.objects.filter(plan=plan)
    if form := filters.get("vorm"):
        rows = rows.filter(pk__in=of_plan.filter(violence_forms__code=form).values("pk"))
    if group := filters.get("doelgroep"):
        rows = rows.filter(pk__in=of_plan.filter(target_groups__code=group).values("pk"))
    if minister := filters.get("minister"):
        rows = rows.filter(lead_minister__key=minister)
    if sd := filters.get("sd"):
        rows = rows.filter(operational_goal__strategic_goal__code=sd)
    if od := filters.get("od"):
        rows = rows.filter(operational_goal__code=od)
    if status := filters.get("status"):
        reported = public.reports(plan, audience).filter(round=round_, implementation_status=status)
        rows = rows.filter(pk__in=reported.values("action_id"))
    query = filters.get("q", "")
    if not query:
        page = paging.page_of(request, rows)
        actions = list(page.object_list)
        statuses = latest_statuses(plan, audience, round_, actions)
        return page, [action_item(a, statuses) for a in actions]
    # The search ranks in Python (its hits hold the rank): the matching ids are ordered,
    # then only the page's actions are read.
    hits = {hit.action_id: hit for hit in public.search_hits(plan, query)}
    codes = dict(rows.filter(pk__in=list(hits)).values_list("pk", "code"))
    ordered = sorted(codes, key=lambda pk: (-hits[pk].rank, codes[pk]))
    page = paging.page_of(request, ordered)
    found = {a.pk: a for a in rows.filter(pk__in=list(page.object_list))}
    actions = [found[pk] for pk in page.object_list]
    statuses = latest_statuses(plan, audience, round_, actions)
    items = []
    for a in actions:
        item = action_item(a, statuses)
        item["excerpt"] = search.excerpt(hits[a.pk], query)
        items.append(item)
    return page, items


def action_page(plan: Plan, code: str, audience: public.Audience) -> dict[str, Any] | None:
    action = public.actions(plan).filter(code=code).first()
    if action is None:
        return None
    action.plan = plan  # known: no query for it
    goal = action.operational_goal
    indicators = list(public.indicators(plan).filter(action=action))
    reports = public.action_reports(action, audience)
    values: dict[int, list[dict[str, Any]]] = {}
    for report in reports:
        for value in report.values.all():
            values.setdefault(value.indicator_id, []).append(_value(value, report))
    return {
        "action": {
            "code": action.code,
            "title": text(action.title, action.title_en),
            "summary": text(action.summary, action.summary_en),
            "description": text(action.description),
            "lead_minister": action.lead_minister,
            "co_ministers": list(action.co_ministers.all()),
            "lead_organisation": action.lead_organisation,
            "violence_forms": [text(t.label, t.label_en) for t in action.violence_forms.all()],
            "target_groups": [text(t.label, t.label_en) for t in action.target_groups.all()],
            "beneficiaries": [str(b) for b in action.beneficiaries.all()],
            "start_date": action.start_date,
            "end_date": action.end_date,
        },
        "operational_goal": {"code": goal.code, "text": text(goal.text, goal.text_en)},
        "strategic_goal": {
            "code": goal.strategic_goal.code,
            "text": text(goal.strategic_goal.text, goal.strategic_goal.text_en),
        },
        "indicators": [_indicator(i, values.get(i.pk, [])) for i in indicators],
        "reports": [
            {
                "round": report.round,
                "status": report.implementation_status,
                "status_label": status_label(report.implementation_status),
                "public_text": text(report.public_text),
            }
            for report in reversed(reports)  # newest first
        ],
    }


def _value(value: Any, report: Any) -> dict[str, Any]:
    number = public.shown_number(value.indicator, value.value)
    return {
        "round": report.round.name,
        "period_end": report.round.period_end,
        "number": number,
        "level": value.get_level_display() if value.level else "",
    }


def _indicator(indicator: Any, values: list[dict[str, Any]]) -> dict[str, Any]:
    # A suppressed value gets no bar: its length would tell the number.
    shown = [v["number"].value for v in values if v["number"].value is not None]
    largest = max(shown, default=0) or 1
    for v in values:
        number = v["number"].value
        v["percent"] = 0 if number is None else max(0, round(100 * number / largest))
    return {
        "code": indicator.code,
        "name": text(indicator.name),
        "unit": indicator.unit,
        "kind": indicator.kind,
        "baseline": public.shown_number(indicator, indicator.baseline_value),
        "baseline_text": text(indicator.baseline_text),
        "target": public.shown_number(indicator, indicator.target_value),
        "target_text": text(indicator.target_text),
        "source": indicator.source,
        "values": values,
        "has_numbers": bool(shown) or any(v["number"].suppressed for v in values),
    }
