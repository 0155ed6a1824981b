"""The generated agenda: what a meeting of the network should discuss, as a pure function.

Three sources, in this order on the agenda:

1. open decisions whose deadline falls on or before the meeting (the overdue ones too):
   one item per decision (each has its owner and deadline to report on);
2. the late and missing reports of the last round whose due date has passed, as the
   signals' "delay" source finds them (``signals.sources.delay_findings``): one item;
3. the plan's open signals (open or in discussion): one item per signal noted by hand
   (someone raised it to be discussed), one item per kind for the generated ones (an
   agenda with a line per data gap would bury the meeting). Delay signals of the late
   reports are linked to the late-reports item, not listed twice.

Each proposal has a ``key`` saying what generated it, so that generating again finds the
item instead of adding it twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# The longest list of signals or reports an item's note spells out.
NOTE_LINES = 15


@dataclass(frozen=True)
class SignalRow:
    pk: int
    kind: str
    kind_label: str
    title: str
    detail: str
    manual: bool
    key: str
    action_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class LateRow:
    """A late or missing report: a finding of the signals' delay source."""

    key: str  # the delay signal's key
    title: str
    detail: str
    action_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class DecisionRow:
    pk: int
    text: str
    deadline: dt.date
    owner: str
    meeting: str
    action_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Proposal:
    key: str
    title: str
    note: str
    action_ids: tuple[int, ...] = ()
    signal_ids: tuple[int, ...] = field(default=())


def _lines(titles: Sequence[str]) -> str:
    shown = [f"- {title}" for title in titles[:NOTE_LINES]]
    if len(titles) > NOTE_LINES:
        shown.append(_("… and %(count)d more.") % {"count": len(titles) - NOTE_LINES})
    return "\n".join(shown)


def _union(groups: Iterable[Iterable[int]]) -> tuple[int, ...]:
    return tuple(sorted({pk for group in groups for pk in group}))


def _short(text: str, length: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def proposals(
    *,
    meeting_date: dt.date,
    signals: Sequence[SignalRow],
    late: Sequence[LateRow],
    decisions: Sequence[DecisionRow],
) -> list[Proposal]:
    """The generated agenda items, in agenda order (see the module's docstring)."""
    result = []
    for decision in sorted(decisions, key=lambda d: (d.deadline, d.pk)):
        if decision.deadline > meeting_date:
            continue
        overdue = decision.deadline < meeting_date
        title = (_("Overdue decision: %(text)s") if overdue else _("Decision due: %(text)s")) % {
            "text": _short(decision.text)
        }
        note = _("Owner: %(owner)s. Deadline: %(deadline)s. Taken at: %(meeting)s.") % {
            "owner": decision.owner or "—",
            "deadline": decision.deadline.strftime("%d/%m/%Y"),
            "meeting": decision.meeting,
        }
        result.append(
            Proposal(
                key=f"decision:{decision.pk}",
                title=title[:300],
                note=note,
                action_ids=_union([decision.action_ids]),
            )
        )
    late_keys = {row.key for row in late}
    if late:
        result.append(
            Proposal(
                key="late_reports",
                title=_("Late and missing reports (%(count)d)") % {"count": len(late)},
                note=_lines([row.title for row in late]),
                action_ids=_union(row.action_ids for row in late),
                signal_ids=tuple(sorted(s.pk for s in signals if s.key in late_keys)),
            )
        )
    grouped: dict[str, list[SignalRow]] = {}
    for signal in signals:
        if signal.key in late_keys:
            continue
        if signal.manual:
            result.append(
                Proposal(
                    key=f"signal:{signal.pk}",
                    title=_("Signal: %(title)s") % {"title": _short(signal.title, 280)},
                    note=signal.detail[:8000],
                    action_ids=_union([signal.action_ids]),
                    signal_ids=(signal.pk,),
                )
            )
        else:
            grouped.setdefault(signal.kind, []).append(signal)
    for kind, rows in sorted(grouped.items()):
        result.append(
            Proposal(
                key=f"signals:{kind}",
                title=_("Open signals: %(kind)s (%(count)d)")
                % {"kind": rows[0].kind_label, "count": len(rows)},
                note=_lines([row.title for row in rows]),
                action_ids=_union(row.action_ids for row in rows),
                signal_ids=tuple(sorted(row.pk for row in rows)),
            )
        )
    return result
