"""Signal sources: one function per kind, ``(plan, today) -> list[Finding]``.

A source says what is wrong now; ``services.sync_signals`` turns findings into signals and
closes the signals whose finding is gone. A finding's ``key`` is the identity of its cause
(stable across runs, unique per plan). To add a source: write one function and add it to
``SOURCES``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from planmonitor.monitoring.deadlines import late_filter
from planmonitor.monitoring.models import ProgressReport, ReportingRound
from planmonitor.plans.models import Action, Plan

from .. import coverage, gaps, selectors, smart, status
from ..models import SignalKind
from ..overlap import detector
from ..overlap.selectors import overlap_items
from ..overlap.thesaurus import plan_thesaurus


@dataclass(frozen=True)
class Finding:
    key: str
    kind: str
    title: str
    detail: str
    action_ids: tuple[int, ...] = ()


def data_gap_findings(plan: Plan, today: dt.date) -> list[Finding]:
    """One finding per item of each data-gap rule."""
    findings = []
    for result in gaps.data_gaps(plan, today):
        for gap in result.gaps:
            item = gap.item
            ident = getattr(item, "code", None) if isinstance(item, Action) else None
            ident = ident or f"{type(item).__name__.lower()}-{getattr(item, 'pk', '')}"
            findings.append(
                Finding(
                    key=f"data_gap:{result.rule.key}:{ident}",
                    kind=SignalKind.DATA_GAP,
                    title=f"{result.rule.title}: {gap.action.code if gap.action else plan}",
                    detail=gap.reason,
                    action_ids=(gap.action.pk,) if gap.action else (),
                )
            )
    return findings


# The coverage matrices whose empty cells are holes in the plan (the others are context).
GAP_MATRICES = ("od-violence", "od-target")


def coverage_findings(plan: Plan, today: dt.date) -> list[Finding]:
    """One finding per empty cell of OD × form of violence and OD × target group."""
    findings = []
    for matrix in coverage.matrices(selectors.coverage_data(plan)):
        if matrix.key not in GAP_MATRICES:
            continue
        for row in matrix.rows:
            for (code, label), cell in zip(matrix.columns, row.cells, strict=True):
                if cell.state != "empty":
                    continue
                findings.append(
                    Finding(
                        key=f"gap:{matrix.key}:{row.code}:{code}",
                        kind=SignalKind.GAP,
                        title=_("%(row)s has no action for %(column)s")
                        % {"row": row.label, "column": label},
                        detail=f"{matrix.caption}: {row.title}",
                    )
                )
    return findings


# An action is weak when it fails at least this many SMART letters (one alone is often a
# wording detail the page already shows).
SMART_WEAK_FAILS = 2


def smart_findings(plan: Plan, today: dt.date) -> list[Finding]:
    findings = []
    for result in selectors.smart_verdicts(plan):
        failed = [letter for letter in smart.LETTERS if not result.letters[letter].ok]
        if len(failed) < SMART_WEAK_FAILS:
            continue
        action = result.action
        findings.append(
            Finding(
                key=f"smart:{action.code}",
                kind=SignalKind.SMART,
                title=_("%(code)s fails %(letters)s of SMART")
                % {"code": action.code, "letters": ", ".join(failed)},
                detail="\n".join(f"{letter}: {result.letters[letter].reason}" for letter in failed),
                action_ids=(action.pk,),
            )
        )
    return findings


def delay_findings(plan: Plan, today: dt.date) -> list[Finding]:
    """Reports of the last round whose due date has passed, not submitted (the monitoring
    rule, ``deadlines.late_filter``, extensions included)."""
    last = (
        ReportingRound.objects.filter(plan=plan, due_date__lt=today)
        .order_by("-due_date", "-pk")
        .first()
    )
    if last is None:
        return []
    reports = (
        ProgressReport.objects.filter(late_filter(today=today), round=last)
        .select_related("action")
        .order_by("action__code")
    )
    return [
        Finding(
            key=f"delay:{last.pk}:{report.action.code}",
            kind=SignalKind.DELAY,
            title=_("%(code)s: no report for “%(round)s”")
            % {"code": report.action.code, "round": last.name},
            detail=_("The report was due on %(date)s.")
            % {"date": (report.extended_due_date or last.due_date).isoformat()},
            action_ids=(report.action_id,),
        )
        for report in reports
    ]


# Rules another source already signals: a report missing in the last round is the delay
# source's (with the monitoring's late rule, extensions included); one cause, one signal.
RISK_RULES_SIGNALLED_ELSEWHERE = frozenset({"no_report_last_round"})


def risk_findings(plan: Plan, today: dt.date) -> list[Finding]:
    """The dashboard's named risk rules (``status.RULES``): one signal per action and rule,
    except the rules another source signals."""
    titles = {rule.key: rule.title for rule in status.RULES}
    return [
        Finding(
            key=f"risk:{finding.rule}:{finding.action.code}",
            kind=SignalKind.RISK,
            title=_("%(code)s: %(rule)s")
            % {"code": finding.action.code, "rule": titles[finding.rule]},
            detail=finding.reason,
            action_ids=(finding.action.pk,),
        )
        for finding in status.risk_findings(selectors.dashboard_data(plan), today)
        if finding.rule not in RISK_RULES_SIGNALLED_ELSEWHERE
    ]


def overlap_findings(plan: Plan, today: dt.date) -> list[Finding]:
    """The pairs the detector proposes as duplication across two lead ministers: the pairs
    the learning network must look at first (every flagged pair is on the overlap command's
    list; a signal for each would bury the list)."""
    pairs = [
        pair
        for pair in detector.find_pairs(overlap_items(plan), thesaurus=plan_thesaurus())
        if pair.kind == "duplication" and pair.cross_minister
    ]
    codes = {code for pair in pairs for code in (pair.a.code, pair.b.code)}
    ids = dict(Action.objects.filter(plan=plan, code__in=codes).values_list("code", "pk"))
    return [
        Finding(
            key=f"overlap:{pair.a.code}:{pair.b.code}",
            kind=SignalKind.OVERLAP,
            title=_("%(a)s and %(b)s may duplicate each other (%(score).2f)")
            % {"a": pair.a.code, "b": pair.b.code, "score": pair.score},
            detail="\n".join(pair.reasons()),
            action_ids=(ids[pair.a.code], ids[pair.b.code]),
        )
        for pair in pairs
    ]


SOURCES: tuple[Callable[[Plan, dt.date], list[Finding]], ...] = (
    data_gap_findings,
    coverage_findings,
    smart_findings,
    delay_findings,
    risk_findings,
    overlap_findings,
)


def findings(plan: Plan, today: dt.date) -> list[Finding]:
    return [finding for source in SOURCES for finding in source(plan, today)]
