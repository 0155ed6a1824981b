"""The dashboard's figures: pure functions over the rows ``selectors.dashboard_data`` reads.

Rules (docs/network.md, "Dashboard"):

- An action's implementation status is the one in its latest accepted report (latest by
  the round's period) submitted on or before the "as of" date; the latest submitted report
  when none is accepted yet; "no report" otherwise. Reports carry no acceptance date, so
  a report counts from its submission date.
- On track / at risk / off track come from named rules (``RULES``); the worst finding wins.
- Progress: an indicator's progress is (latest value − baseline) / (target − baseline),
  clamped to 0..1; an action's progress is the mean over its quantitative indicators that
  have one, or a status-based score when none has; an OD's is the mean of its actions',
  an SD's the mean of its ODs'.
- Forecast: a least-squares line through an indicator's reported values (by the end of
  their round's period) extrapolated to the target date (the plan's end when it has
  none); fewer than three values is "too few values", never a guess.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ON_TRACK, AT_RISK, OFF_TRACK = "on_track", "at_risk", "off_track"
SIGNALS = (ON_TRACK, AT_RISK, OFF_TRACK)
SIGNAL_LABELS = {
    ON_TRACK: gettext_lazy("On track"),
    AT_RISK: gettext_lazy("At risk"),
    OFF_TRACK: gettext_lazy("Off track"),
}
NO_REPORT = "no_report"
MIN_POINTS = 3

# The score an action's implementation status gives when no indicator has values.
STATUS_SCORE = {
    "not_started": 0.0,
    "preparing": 0.1,
    "delayed": 0.25,
    "on_track": 0.5,
    "completed": 1.0,
    "stopped": 0.0,
}


@dataclass(frozen=True)
class ActionRow:
    pk: int
    code: str
    title: str
    od_id: int
    lead_minister_id: int
    end_date: dt.date | None
    # The plan's status of the action: a stopped one (discontinued or merged by a
    # revision) owes no more reports and is not late.
    status: str = ""


@dataclass(frozen=True)
class RoundRow:
    pk: int
    name: str
    period_start: dt.date
    period_end: dt.date
    due_date: dt.date
    closed: bool


@dataclass(frozen=True)
class ReportRow:
    action_id: int
    round_id: int
    state: str
    implementation_status: str
    status_reason: str
    submitted_on: dt.date | None  # the first submission
    extended_due_date: dt.date | None


@dataclass(frozen=True)
class IndicatorRow:
    pk: int
    action_id: int
    code: str
    name: str
    quantitative: bool
    baseline: Decimal | None
    target: Decimal | None
    target_date: dt.date | None
    direction: str


@dataclass(frozen=True)
class ValueRow:
    indicator_id: int
    round_id: int
    action_id: int
    value: Decimal | None
    state: str
    submitted_on: dt.date | None


@dataclass(frozen=True)
class MilestoneRow:
    action_id: int
    name: str
    planned_date: dt.date
    done_date: dt.date | None


@dataclass(frozen=True)
class Group:
    """A row of a breakdown: an SD, OD, minister, form of violence or target group."""

    pk: int
    code: str
    label: str
    parent_id: int | None = None  # an OD's SD


@dataclass
class DashboardData:
    plan_end: dt.date
    actions: list[ActionRow]
    strategic_goals: list[Group]
    operational_goals: list[Group]
    ministers: list[Group]
    violence_forms: list[Group]
    target_groups: list[Group]
    violence_forms_of: dict[int, set[int]]
    target_groups_of: dict[int, set[int]]
    rounds: list[RoundRow]
    reports: list[ReportRow]
    indicators: list[IndicatorRow]
    values: list[ValueRow]
    milestones: list[MilestoneRow]

    def only(self, keep: set[int]) -> DashboardData:
        """The same data limited to the actions in ``keep`` (the filters)."""
        return DashboardData(
            plan_end=self.plan_end,
            actions=[a for a in self.actions if a.pk in keep],
            strategic_goals=self.strategic_goals,
            operational_goals=self.operational_goals,
            ministers=self.ministers,
            violence_forms=self.violence_forms,
            target_groups=self.target_groups,
            violence_forms_of=self.violence_forms_of,
            target_groups_of=self.target_groups_of,
            rounds=self.rounds,
            reports=[r for r in self.reports if r.action_id in keep],
            indicators=[i for i in self.indicators if i.action_id in keep],
            values=[v for v in self.values if v.action_id in keep],
            milestones=[m for m in self.milestones if m.action_id in keep],
        )


# --- filters --------------------------------------------------------------------------


def filtered(
    data: DashboardData,
    *,
    sd: int | None = None,
    od: int | None = None,
    minister: int | None = None,
    violence_form: int | None = None,
    target_group: int | None = None,
) -> DashboardData:
    """The actions matching every filter given (they combine: AND)."""
    sd_of = {g.pk: g.parent_id for g in data.operational_goals}
    keep = {
        a.pk
        for a in data.actions
        if (sd is None or sd_of.get(a.od_id) == sd)
        and (od is None or a.od_id == od)
        and (minister is None or a.lead_minister_id == minister)
        and (violence_form is None or violence_form in data.violence_forms_of.get(a.pk, ()))
        and (target_group is None or target_group in data.target_groups_of.get(a.pk, ()))
    }
    return data.only(keep)


# --- implementation status --------------------------------------------------------------


def _counts(report: ReportRow, as_of: dt.date) -> bool:
    return report.submitted_on is not None and report.submitted_on <= as_of


def latest_reports(data: DashboardData, as_of: dt.date) -> dict[int, ReportRow]:
    """action pk -> the report its status comes from: latest accepted, else latest submitted."""
    period = {r.pk: r.period_end for r in data.rounds}
    accepted: dict[int, ReportRow] = {}
    submitted: dict[int, ReportRow] = {}
    for report in data.reports:
        if not _counts(report, as_of) or report.state == "draft":
            continue
        target = accepted if report.state == "accepted" else submitted
        current = target.get(report.action_id)
        if current is None or period[report.round_id] > period[current.round_id]:
            target[report.action_id] = report
    return submitted | accepted


def implementation_status(data: DashboardData, as_of: dt.date) -> dict[int, str]:
    """action pk -> its implementation status as of the date, or ``NO_REPORT``."""
    latest = latest_reports(data, as_of)
    return {
        a.pk: latest[a.pk].implementation_status if a.pk in latest else NO_REPORT
        for a in data.actions
    }


# --- forecast ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Forecast:
    indicator: IndicatorRow
    points: int
    verdict: str  # "reach", "miss", "too_few" or "no_target"
    projected: float | None = None


def _points(data: DashboardData, as_of: dt.date) -> dict[int, list[tuple[dt.date, float]]]:
    period = {r.pk: r.period_end for r in data.rounds}
    points: dict[int, list[tuple[dt.date, float]]] = {}
    for value in data.values:
        if value.value is None or value.state == "draft":
            continue
        if value.submitted_on is None or value.submitted_on > as_of:
            continue
        points.setdefault(value.indicator_id, []).append(
            (period[value.round_id], float(value.value))
        )
    for series in points.values():
        series.sort()
    return points


def linear_projection(points: list[tuple[dt.date, float]], when: dt.date) -> float:
    """The least-squares line through ``points`` evaluated at ``when``."""
    xs = [p[0].toordinal() for p in points]
    ys = [p[1] for p in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    slope = 0.0 if spread == 0 else covariance / spread
    return mean_y + slope * (when.toordinal() - mean_x)


def _reaches(indicator: IndicatorRow, value: float) -> bool:
    target = float(indicator.target or 0)
    decreasing = indicator.direction == "decrease" or (
        indicator.direction != "increase"
        and indicator.baseline is not None
        and indicator.target is not None
        and indicator.target < indicator.baseline
    )
    return value <= target if decreasing else value >= target


def forecasts(data: DashboardData, as_of: dt.date) -> list[Forecast]:
    """A forecast per quantitative indicator."""
    points = _points(data, as_of)
    result = []
    for indicator in data.indicators:
        if not indicator.quantitative:
            continue
        series = points.get(indicator.pk, [])
        if indicator.target is None:
            result.append(Forecast(indicator, len(series), "no_target"))
        elif len(series) < MIN_POINTS:
            result.append(Forecast(indicator, len(series), "too_few"))
        else:
            projected = linear_projection(series, indicator.target_date or data.plan_end)
            verdict = "reach" if _reaches(indicator, projected) else "miss"
            result.append(Forecast(indicator, len(series), verdict, projected))
    return result


# --- progress and roll-up -------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorProgress:
    indicator: IndicatorRow
    latest: float | None
    progress: float | None  # 0..1


def indicator_progress(data: DashboardData, as_of: dt.date) -> list[IndicatorProgress]:
    points = _points(data, as_of)
    result = []
    for indicator in data.indicators:
        if not indicator.quantitative:
            continue
        series = points.get(indicator.pk)
        latest = series[-1][1] if series else None
        progress = None
        if latest is not None and indicator.baseline is not None and indicator.target is not None:
            span = float(indicator.target - indicator.baseline)
            if span:
                progress = min(1.0, max(0.0, (latest - float(indicator.baseline)) / span))
        result.append(IndicatorProgress(indicator, latest, progress))
    return result


def _mean(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def action_progress(data: DashboardData, as_of: dt.date) -> dict[int, float | None]:
    """action pk -> progress 0..1 (indicators first, the status-based score otherwise)."""
    by_action: dict[int, list[float | None]] = {}
    for item in indicator_progress(data, as_of):
        by_action.setdefault(item.indicator.action_id, []).append(item.progress)
    statuses = implementation_status(data, as_of)
    result = {}
    for action in data.actions:
        measured = _mean(by_action.get(action.pk, []))
        result[action.pk] = (
            measured if measured is not None else STATUS_SCORE.get(statuses[action.pk])
        )
    return result


@dataclass(frozen=True)
class Rollup:
    group: Group
    progress: float | None
    actions: int


def rollup(data: DashboardData, as_of: dt.date) -> tuple[list[Rollup], list[Rollup]]:
    """(per OD, per SD): an OD's progress is the mean of its actions', an SD's the mean of
    its ODs' (ODs without actions left out)."""
    progress = action_progress(data, as_of)
    per_od: dict[int, list[float | None]] = {}
    for action in data.actions:
        per_od.setdefault(action.od_id, []).append(progress[action.pk])
    ods = [
        Rollup(g, _mean(per_od[g.pk]), len(per_od[g.pk]))
        for g in data.operational_goals
        if g.pk in per_od
    ]
    per_sd: dict[int, list[Rollup]] = {}
    for od in ods:
        per_sd.setdefault(od.group.parent_id or 0, []).append(od)
    sds = [
        Rollup(g, _mean(o.progress for o in per_sd[g.pk]), sum(o.actions for o in per_sd[g.pk]))
        for g in data.strategic_goals
        if g.pk in per_sd
    ]
    return ods, sds


# --- risk rules -------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    action: ActionRow
    rule: str
    signal: str  # AT_RISK or OFF_TRACK
    reason: str


@dataclass(frozen=True)
class Rule:
    key: str
    title: Any
    check: Callable[[DashboardData, dt.date], list[Finding]]


def _by_pk(data: DashboardData) -> dict[int, ActionRow]:
    return {a.pk: a for a in data.actions}


# Overdue milestones escalate: two or more, or one late by more than this, is off track.
OVERDUE_DAYS_OFF_TRACK = 90


def overdue_milestones(data: DashboardData, as_of: dt.date) -> list[Finding]:
    """Milestones past their date and not done, except on an action a report says is
    completed (a milestone left unticked there is a data matter, not a risk)."""
    completed = {pk for pk, s in implementation_status(data, as_of).items() if s == "completed"}
    actions = {pk: a for pk, a in _by_pk(data).items() if pk not in completed}
    late: dict[int, list[MilestoneRow]] = {}
    for milestone in data.milestones:
        if milestone.planned_date < as_of and (
            milestone.done_date is None or milestone.done_date > as_of
        ):
            late.setdefault(milestone.action_id, []).append(milestone)
    findings = []
    for pk, items in late.items():
        if pk not in actions:
            continue
        worst = max((as_of - m.planned_date).days for m in items)
        serious = len(items) >= 2 or worst > OVERDUE_DAYS_OFF_TRACK
        findings.append(
            Finding(
                actions[pk],
                "overdue_milestones",
                OFF_TRACK if serious else AT_RISK,
                _(
                    "%(count)d milestone(s) past their date and not done: %(names)s "
                    "(the latest by %(days)d days)"
                )
                % {"count": len(items), "names": ", ".join(m.name for m in items), "days": worst},
            )
        )
    return findings


def report_says_delayed(data: DashboardData, as_of: dt.date) -> list[Finding]:
    actions = _by_pk(data)
    findings = []
    for pk, report in latest_reports(data, as_of).items():
        if pk not in actions:
            continue
        # The owner's own words on why, when they gave them.
        said = f" {report.status_reason}" if report.status_reason else ""
        if report.implementation_status == "delayed":
            findings.append(
                Finding(
                    actions[pk],
                    "report_delayed",
                    AT_RISK,
                    _("The latest report says it runs with delay.") + said,
                )
            )
        elif report.implementation_status == "stopped":
            findings.append(
                Finding(
                    actions[pk],
                    "report_delayed",
                    OFF_TRACK,
                    _("The latest report says it has stopped.") + said,
                )
            )
    return findings


def forecast_misses_target(data: DashboardData, as_of: dt.date) -> list[Finding]:
    actions = _by_pk(data)
    return [
        Finding(
            actions[f.indicator.action_id],
            "forecast_misses",
            AT_RISK,
            _(
                "At the current trend indicator %(code)s reaches %(value)s, "
                "short of its target %(target)s."
            )
            % {
                "code": f.indicator.code,
                "value": f"{f.projected:.1f}",
                "target": f.indicator.target,
            },
        )
        for f in forecasts(data, as_of)
        if f.verdict == "miss" and f.indicator.action_id in actions
    ]


def last_closed_round(data: DashboardData, as_of: dt.date) -> RoundRow | None:
    """The latest round closed or past its due date as of the date."""
    done = [r for r in data.rounds if r.due_date < as_of or (r.closed and r.period_start <= as_of)]
    return max(done, key=lambda r: r.period_end, default=None)


STOPPED = "stopped"  # plans.Action.Status.STOPPED


def no_report_last_round(data: DashboardData, as_of: dt.date) -> list[Finding]:
    """Actions the last closed round asked a report of (it has a report for them: a round
    asks the actions running in its period) with nothing submitted by the date."""
    last = last_closed_round(data, as_of)
    if last is None:
        return []
    owed = {r.action_id: r for r in data.reports if r.round_id == last.pk}
    return [
        Finding(
            a,
            "no_report_last_round",
            AT_RISK,
            _("No report submitted for the last closed round (%(round)s).") % {"round": last.name},
        )
        for a in data.actions
        if a.pk in owed
        and a.status != STOPPED
        and not (owed[a.pk].state != "draft" and _counts(owed[a.pk], as_of))
    ]


def ended_without_completion(data: DashboardData, as_of: dt.date) -> list[Finding]:
    statuses = implementation_status(data, as_of)
    return [
        Finding(
            a,
            "ended_not_completed",
            OFF_TRACK,
            _("Its end date (%(date)s) has passed and no report says it is completed.")
            % {"date": a.end_date.strftime("%d/%m/%Y")},
        )
        for a in data.actions
        if a.end_date is not None
        and a.end_date < as_of
        and statuses[a.pk] != "completed"
        and a.status != STOPPED
    ]


RULES = (
    Rule("overdue_milestones", gettext_lazy("Overdue milestones"), overdue_milestones),
    Rule("report_delayed", gettext_lazy("Report says delayed or stopped"), report_says_delayed),
    Rule(
        "forecast_misses",
        gettext_lazy("Indicator forecast misses its target"),
        forecast_misses_target,
    ),
    Rule(
        "no_report_last_round",
        gettext_lazy("No report in the last closed round"),
        no_report_last_round,
    ),
    Rule(
        "ended_not_completed",
        gettext_lazy("End date passed without completion"),
        ended_without_completion,
    ),
)


def risk_findings(data: DashboardData, as_of: dt.date) -> list[Finding]:
    """Every finding of every rule, by action code then rule (for the signals too)."""
    order = {rule.key: i for i, rule in enumerate(RULES)}
    findings = [f for rule in RULES for f in rule.check(data, as_of)]
    return sorted(findings, key=lambda f: (f.action.code, order[f.rule]))


def signals(
    data: DashboardData, as_of: dt.date, findings: list[Finding] | None = None
) -> dict[int, str]:
    """action pk -> on track / at risk / off track: the worst finding wins."""
    if findings is None:
        findings = risk_findings(data, as_of)
    worst = {a.pk: ON_TRACK for a in data.actions}
    for finding in findings:
        if finding.signal == OFF_TRACK or worst[finding.action.pk] == ON_TRACK:
            worst[finding.action.pk] = finding.signal
    return worst


# --- breakdowns ---------------------------------------------------------------------------


@dataclass
class BreakdownRow:
    group: Group
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SIGNALS, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: Any
    rows: list[BreakdownRow]


def breakdowns(data: DashboardData, signal_of: dict[int, str]) -> list[Breakdown]:
    """Status counts per SD, OD, lead minister, form of violence and target group (an
    action with several forms or groups counts in each)."""
    sd_of = {g.pk: g.parent_id for g in data.operational_goals}

    def build(
        key: str, title: Any, groups: list[Group], of: Callable[[ActionRow], Iterable[int]]
    ) -> Breakdown:
        rows = {g.pk: BreakdownRow(g) for g in groups}
        for action in data.actions:
            for pk in of(action):
                if pk in rows:
                    rows[pk].counts[signal_of[action.pk]] += 1
        return Breakdown(key, title, [r for r in rows.values() if r.total])

    return [
        build(
            "sd",
            gettext_lazy("Per strategic goal"),
            data.strategic_goals,
            lambda a: [sd_of.get(a.od_id) or 0],
        ),
        build(
            "od", gettext_lazy("Per operational goal"), data.operational_goals, lambda a: [a.od_id]
        ),
        build(
            "minister",
            gettext_lazy("Per lead minister"),
            data.ministers,
            lambda a: [a.lead_minister_id],
        ),
        build(
            "violence",
            gettext_lazy("Per form of violence"),
            data.violence_forms,
            lambda a: data.violence_forms_of.get(a.pk, ()),
        ),
        build(
            "target",
            gettext_lazy("Per target group"),
            data.target_groups,
            lambda a: data.target_groups_of.get(a.pk, ()),
        ),
    ]


# --- reporting compliance -------------------------------------------------------------------

ON_TIME, LATE, MISSING, PENDING = "on_time", "late", "missing", "pending"
COMPLIANCE = (ON_TIME, LATE, MISSING)


@dataclass
class ComplianceRow:
    label: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys((*COMPLIANCE, PENDING), 0))

    @property
    def due(self) -> int:
        return sum(self.counts[k] for k in COMPLIANCE)

    def percent(self, key: str) -> int:
        return round(100 * self.counts[key] / self.due) if self.due else 0

    @property
    def percentages(self) -> dict[str, int]:
        return {key: self.percent(key) for key in COMPLIANCE}


def report_compliance(report: ReportRow | None, round_: RoundRow, as_of: dt.date) -> str:
    """On time (first submitted by the (extended) due date), late (after it, by the date),
    missing (not submitted by the date once due or closed), pending (not due yet)."""
    due = (report.extended_due_date if report else None) or round_.due_date
    submitted = report.submitted_on if report else None
    if submitted is not None and submitted <= as_of:
        return ON_TIME if submitted <= due else LATE
    if due < as_of or round_.closed:
        return MISSING
    return PENDING


def compliance(
    data: DashboardData, as_of: dt.date
) -> tuple[list[ComplianceRow], list[ComplianceRow]]:
    """(per round, per lead minister) over the rounds begun by the date: an action owes a
    report in a round that asked one of it (the round has a report for it: opening a round
    asks the actions running in its period), so an action not begun yet owes nothing."""
    reports = {(r.action_id, r.round_id): r for r in data.reports}
    ministers = {g.pk: g.label for g in data.ministers}
    rounds = sorted((r for r in data.rounds if r.period_start <= as_of), key=lambda r: r.period_end)
    per_round = {r.pk: ComplianceRow(r.name) for r in rounds}
    per_minister: dict[int, ComplianceRow] = {}
    for round_ in rounds:
        for action in data.actions:
            if (action.pk, round_.pk) not in reports:
                continue
            verdict = report_compliance(reports[(action.pk, round_.pk)], round_, as_of)
            per_round[round_.pk].counts[verdict] += 1
            row = per_minister.setdefault(
                action.lead_minister_id, ComplianceRow(ministers.get(action.lead_minister_id, "?"))
            )
            row.counts[verdict] += 1
    return list(per_round.values()), sorted(per_minister.values(), key=lambda r: r.label)
