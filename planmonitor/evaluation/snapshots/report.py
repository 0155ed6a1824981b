"""The interim (and final) evaluation report of a snapshot, as a ``Document``.

Everything comes from the snapshot's payload (and its stored charts and sections), never
from the live plan: a report of a snapshot gives the same numbers years later. The
figures are the dashboard's own: network.status re-run on the frozen dashboard rows with
the snapshot's date. No user or contact person is named; ministers are public office
holders. Every figure has an alternative text and the table with its numbers beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from planmonitor.core import formatting
from planmonitor.evaluation.documents.blocks import (
    Block,
    Document,
    Figure,
    Heading,
    Markdown,
    PageBreak,
    Paragraph,
    Table,
)
from planmonitor.evaluation.impact.report import final_blocks
from planmonitor.monitoring.models import ImplementationStatus, ReportState, SheetStatus
from planmonitor.network import status
from planmonitor.network.models import DecisionStatus, OverlapClassification, SignalStatus
from planmonitor.network.overlap.forms import KINDS as OVERLAP_KINDS
from planmonitor.plans.models import Indicator

from . import charts
from .freeze import dashboard_from_payload
from .models import SectionKey, Snapshot, SnapshotSection

KINDS = ("interim", "final")


@dataclass
class Figures:
    """The dashboard's figures on the snapshot's date (network.status on frozen rows)."""

    as_of: dt.date
    data: status.DashboardData
    signal_of: dict[int, str]
    implementation: dict[int, str]
    breakdowns: dict[str, status.Breakdown]
    compliance_rounds: list[status.ComplianceRow]
    progress: dict[int, float | None]
    od_rollup: list[status.Rollup]
    sd_rollup: list[status.Rollup]

    @property
    def totals(self) -> dict[str, int]:
        values = list(self.signal_of.values())
        return {key: values.count(key) for key in status.SIGNALS}


def figures(payload: dict[str, Any]) -> Figures:
    as_of = dt.date.fromisoformat(payload["as_of"])
    data = dashboard_from_payload(payload["dashboard"])
    signal_of = status.signals(data, as_of)
    ods, sds = status.rollup(data, as_of)
    per_round, _per_minister = status.compliance(data, as_of)
    return Figures(
        as_of=as_of,
        data=data,
        signal_of=signal_of,
        implementation=status.implementation_status(data, as_of),
        breakdowns={b.key: b for b in status.breakdowns(data, signal_of)},
        compliance_rounds=per_round,
        progress=status.action_progress(data, as_of),
        od_rollup=ods,
        sd_rollup=sds,
    )


def _percent(share: float | None) -> str:
    return formatting.percent(None if share is None else Decimal(str(share)))


def _decimal(value: str | None) -> str:
    return formatting.localized(charts.decimal(value))


def _label(choices: Any, value: str) -> str:
    return str(dict(choices.choices).get(value, value)) if value else ""


def _implementation_label(value: str) -> str:
    return _("No report") if value == status.NO_REPORT else _label(ImplementationStatus, value)


def _signal_columns() -> tuple[str, ...]:
    return tuple(str(status.SIGNAL_LABELS[key]) for key in status.SIGNALS)


def _breakdown_table(breakdown: status.Breakdown, first: str) -> Table:
    return Table(
        columns=(first, *_signal_columns(), _("Total")),
        rows=tuple(
            (
                row.group.label,
                *(str(row.counts[key]) for key in status.SIGNALS),
                str(row.total),
            )
            for row in breakdown.rows
        ),
        caption=str(breakdown.title),
        numeric=frozenset(range(1, len(status.SIGNALS) + 2)),
    )


def _summary(payload: dict[str, Any], fig: Figures) -> list[Block]:
    totals = fig.totals
    implementation = list(fig.implementation.values())
    blocks: list[Block] = [
        Heading(_("Summary figures"), 1),
        Paragraph(
            _(
                "The figures are those of the dashboard of the learning network on "
                "%(date)s: %(count)s actions."
            )
            % {"date": formatting.date(fig.as_of), "count": len(fig.data.actions)},
            "lead",
        ),
        Heading(_("Actions by status"), 2),
        Table(
            columns=(_("Status"), _("Actions")),
            rows=tuple((str(status.SIGNAL_LABELS[k]), str(totals[k])) for k in status.SIGNALS),
            caption=_("Actions on track, at risk and off track"),
            numeric=frozenset({1}),
        ),
        Table(
            columns=(_("Implementation status"), _("Actions")),
            rows=tuple(
                (_implementation_label(key), str(implementation.count(key)))
                for key in (*ImplementationStatus.values, status.NO_REPORT)
            ),
            caption=_("Implementation status in the latest report"),
            numeric=frozenset({1}),
        ),
        Heading(_("Actions by strategic goal"), 2),
        _breakdown_table(fig.breakdowns["sd"], _("Strategic goal")),
        Heading(_("Actions by lead minister"), 2),
        _breakdown_table(fig.breakdowns["minister"], _("Lead minister")),
        Heading(_("Reporting compliance per round"), 2),
        Table(
            columns=(_("Round"), _("On time"), _("Late"), _("Missing"), _("Not due yet")),
            rows=tuple(
                (
                    row.label,
                    *(str(row.counts[k]) for k in status.COMPLIANCE),
                    str(row.counts[status.PENDING]),
                )
                for row in fig.compliance_rounds
            ),
            caption=_("Reports per round: on time, late, missing"),
            numeric=frozenset({1, 2, 3, 4}),
        ),
    ]
    return blocks


def _series_table(series: charts.IndicatorSeries) -> Table:
    """The chart's values, with a row per break (a changed definition or target) where it
    falls, so no one reads the values across it as one series."""
    fields = {field.name: field for field in Indicator._meta.concrete_fields}
    rows = [
        (day, 1, (round_name, formatting.date(day), formatting.localized(value)))
        for day, value, round_name in series.points
    ]
    for day, changed in series.breaks:
        what = ", ".join(str(fields[name].verbose_name) for name in changed if name in fields)
        rows.append(
            (day, 0, (_("Break: %(fields)s changed") % {"fields": what}, formatting.date(day), "—"))
        )
    return Table(
        columns=(_("Round"), _("End of period"), _("Value")),
        rows=tuple(row for _day, _order, row in sorted(rows, key=lambda r: (r[0], r[1]))),
        caption=_("%(code)s %(name)s: reported values")
        % {"code": series.indicator["code"], "name": series.indicator["name"]},
        numeric=frozenset({2}),
    )


def _goals(
    payload: dict[str, Any], fig: Figures, stored: dict[tuple[str, str], Any]
) -> list[Block]:
    content = payload["content"]
    actions_of: dict[str, list[dict[str, Any]]] = {}
    for action in content["actions"]:
        actions_of.setdefault(action["operational_goal"], []).append(action)
    pk_of = {a.code: a.pk for a in fig.data.actions}
    od_progress = {r.group.code: r for r in fig.od_rollup}
    sd_progress = {r.group.code: r for r in fig.sd_rollup}
    series_of: dict[str, list[charts.IndicatorSeries]] = {}
    for series in charts.quantitative_series(payload):
        series_of.setdefault(series.action, []).append(series)
    language = translation.get_language()

    blocks: list[Block] = [
        PageBreak(),
        Heading(_("Progress per strategic and operational goal"), 1),
    ]
    for sd in content["strategic_goals"]:
        blocks.append(Heading(f"SD {sd['code']} {sd['text']}", 2))
        if sd["code"] in sd_progress:
            blocks.append(
                Paragraph(
                    _("Progress of the strategic goal: %(progress)s.")
                    % {"progress": _percent(sd_progress[sd["code"]].progress)}
                )
            )
        for od in sd["operational_goals"]:
            actions = actions_of.get(od["code"], [])
            blocks.append(Heading(f"OD {od['code']} {od['text']}", 3))
            if not actions:
                blocks.append(Paragraph(_("No actions under this operational goal.")))
                continue
            if od["code"] in od_progress:
                blocks.append(
                    Paragraph(
                        _("Progress of the operational goal: %(progress)s.")
                        % {"progress": _percent(od_progress[od["code"]].progress)}
                    )
                )
            rows = []
            for action in actions:
                pk = pk_of.get(action["code"], 0)  # 0: no such row
                rows.append(
                    (
                        action["code"],
                        action["title"],
                        _implementation_label(fig.implementation.get(pk, status.NO_REPORT)),
                        str(status.SIGNAL_LABELS[fig.signal_of[pk]]) if pk in fig.signal_of else "",
                        _percent(fig.progress.get(pk)),
                    )
                )
            blocks.append(
                Table(
                    columns=(
                        _("Action"),
                        _("Title"),
                        _("Implementation"),
                        _("Signal"),
                        _("Progress"),
                    ),
                    rows=tuple(rows),
                    caption=_("Actions of OD %(code)s") % {"code": od["code"]},
                    numeric=frozenset({4}),
                )
            )
            for action in actions:
                for series in series_of.get(action["code"], []):
                    chart = stored.get((series.action, series.indicator["code"]))
                    if chart is None or not series.points:
                        continue
                    alt = (
                        chart.alt if language == charts.CHART_LANGUAGE else charts.alt_text(series)
                    )
                    blocks.append(
                        Figure(
                            svg=chart.svg,
                            png=bytes(chart.png),
                            alt=alt,
                            caption=f"{action['code']} – {series.indicator['code']} "
                            f"{series.indicator['name']}",
                        )
                    )
                    blocks.append(_series_table(series))
    return blocks


# Undecided pairs the report lists (the strongest cross-minister ones); the overlap page
# has them all. The example plan's templated texts flag about 900 pairs: 20 pages of them
# would bury the decisions.
UNDECIDED_SHOWN = 25


def _overlaps(overlaps: list[dict[str, Any]]) -> list[Block]:
    """Every pair the network decided, then the strongest undecided cross-minister pairs,
    and how many more were flagged."""
    if not overlaps:
        return [Paragraph(_("The overlap detector flagged no pairs."))]
    kinds = dict(OVERLAP_KINDS)
    decided = [o for o in overlaps if o["classification"]]
    undecided = sorted(
        (o for o in overlaps if not o["classification"] and o["cross_minister"]),
        key=lambda o: -float(o["score"]),
    )
    blocks: list[Block] = [
        Paragraph(
            _(
                "The overlap detector flagged %(flagged)s pairs of actions; the network decided "
                "%(decided)s of them. %(undecided)s pairs of different ministers are undecided."
            )
            % {
                "flagged": len(overlaps),
                "decided": len(decided),
                "undecided": len(undecided),
            }
        )
    ]
    if decided:
        blocks.append(
            Table(
                columns=(_("Action"), _("Action"), _("Kind"), _("Decision"), _("Note")),
                rows=tuple(
                    (
                        o["a"],
                        o["b"],
                        str(kinds.get(o["kind"], o["kind"])),
                        _label(OverlapClassification, o["classification"]),
                        o["note"],
                    )
                    for o in decided
                ),
                caption=_("Pairs the learning network decided"),
            )
        )
    if undecided:
        shown = undecided[:UNDECIDED_SHOWN]
        blocks.append(
            Table(
                columns=(_("Action"), _("Action"), _("Kind"), _("Score")),
                rows=tuple(
                    (
                        o["a"],
                        o["b"],
                        str(kinds.get(o["kind"], o["kind"])),
                        formatting.localized(Decimal(str(o["score"])).quantize(Decimal("0.01"))),
                    )
                    for o in shown
                ),
                caption=_("The strongest undecided pairs of different ministers"),
                numeric=frozenset({3}),
            )
        )
        if len(undecided) > len(shown):
            blocks.append(
                Paragraph(
                    _("%(more)s more undecided pairs are on the overlap page.")
                    % {"more": len(undecided) - len(shown)},
                    "note",
                )
            )
    return blocks


def _network(payload: dict[str, Any]) -> list[Block]:
    blocks: list[Block] = [PageBreak(), Heading(_("Findings of the learning network"), 1)]
    blocks.append(Heading(_("Overlaps and how they were decided"), 2))
    blocks.extend(_overlaps(payload["overlaps"]))
    gaps = payload["coverage_gaps"]
    blocks.append(Heading(_("Gaps in coverage"), 2))
    if gaps:
        blocks.append(
            Table(
                columns=(_("Matrix"), _("Row"), _("Column")),
                rows=tuple((g["caption"], g["row"], g["column"]) for g in gaps),
                caption=_("Combinations no action covers"),
            )
        )
    else:
        blocks.append(Paragraph(_("Every combination is covered by at least one action.")))
    blocks.append(Heading(_("Data gaps"), 2))
    blocks.append(
        Table(
            columns=(_("Check"), _("Findings")),
            rows=tuple((g["title"], str(g["count"])) for g in payload["data_gaps"]),
            caption=_("Data gaps per check"),
            numeric=frozenset({1}),
        )
    )
    signals = payload["signals"]
    blocks.append(Heading(_("Signals"), 2))
    counts = {key: sum(s["status"] == key for s in signals) for key in SignalStatus.values}
    blocks.append(
        Table(
            columns=(_("Status"), _("Signals")),
            rows=tuple((_label(SignalStatus, k), str(v)) for k, v in counts.items()),
            caption=_("Signals of the learning network by status"),
            numeric=frozenset({1}),
        )
    )
    decisions = payload["decisions"]
    blocks.append(Heading(_("Decisions of the learning network"), 2))
    if decisions:
        blocks.append(
            Table(
                columns=(_("Meeting"), _("Date"), _("Decision"), _("Actions"), _("Status")),
                rows=tuple(
                    (
                        d["meeting"],
                        formatting.date(dt.date.fromisoformat(d["date"])),
                        d["text"],
                        ", ".join(d["actions"]),
                        _label(DecisionStatus, d["status"]),
                    )
                    for d in decisions
                ),
                caption=_("Decisions taken in the meetings"),
            )
        )
    else:
        blocks.append(Paragraph(_("No decisions were recorded.")))
    return blocks


def _sections(snapshot: Snapshot) -> list[Block]:
    written = {s.key: s.text for s in SnapshotSection.objects.filter(snapshot=snapshot)}
    blocks: list[Block] = [PageBreak()]
    for key, label in SectionKey.choices:
        blocks.append(Heading(str(label), 1))
        text = written.get(key, "").strip()
        blocks.append(Markdown(text) if text else Paragraph(_("Not written yet."), "note"))
    return blocks


def _annex(payload: dict[str, Any]) -> list[Block]:
    content = payload["content"]
    sheets = {s["action"]: s for s in payload["sheets"]}
    latest = payload["latest_reports"]
    values: dict[tuple[str, str], dict[str, Any]] = {}
    for row in payload["indicator_values"]:
        values[(row["action"], row["indicator"])] = row  # oldest first: the last one wins
    blocks: list[Block] = [PageBreak(), Heading(_("Annex: the actions"), 1)]
    for action in content["actions"]:
        code = action["code"]
        blocks.append(Heading(f"{code} {action['title']}", 2))
        facts = [
            (_("Operational goal"), f"OD {action['operational_goal']}"),
            (
                _("Lead minister"),
                action["lead_minister"]["name"] if action["lead_minister"] else "",
            ),
            (_("Co-ministers"), ", ".join(m["name"] for m in action["co_ministers"])),
            (_("Lead organisation"), action["lead_organisation"]),
            (
                _("Timing"),
                " – ".join(
                    formatting.date(dt.date.fromisoformat(d))
                    for d in (action["start_date"], action["end_date"])
                    if d
                ),
            ),
        ]
        blocks.append(Table(columns=(_("Field"), _("Value")), rows=tuple(facts)))
        sheet = sheets.get(code)
        blocks.append(Heading(_("Action sheet"), 3))
        if sheet:
            blocks.append(
                Paragraph(
                    _("Sheet version %(version)s, %(status)s.")
                    % {"version": sheet["version"], "status": _label(SheetStatus, sheet["status"])}
                )
            )
            # The sheet's texts are Markdown, as on its page (sanitized by the renderers).
            for label, text in (
                (_("Content goal"), sheet["content_goal"]),
                (_("Plan of approach"), sheet["approach"]),
            ):
                if text:
                    blocks.append(Paragraph(label, "lead"))
                    blocks.append(Markdown(text))
        else:
            blocks.append(Paragraph(_("No action sheet."), "note"))
        blocks.append(Heading(_("Latest report"), 3))
        report = latest.get(code)
        if report:
            blocks.append(
                Paragraph(
                    _("%(round)s (%(state)s): %(status)s.")
                    % {
                        "round": report["round"],
                        "state": _label(ReportState, report["state"]),
                        "status": _implementation_label(report["implementation_status"]),
                    }
                )
            )
            # The report's texts are Markdown, as on its page.
            for key, label in (
                ("done", _("What was done")),
                ("obstacles", _("Obstacles")),
                ("next_steps", _("Next steps")),
            ):
                if report[key]:
                    blocks.append(Paragraph(label, "lead"))
                    blocks.append(Markdown(report[key]))
        else:
            blocks.append(Paragraph(_("No report handed in."), "note"))
        if action["indicators"]:
            blocks.append(Heading(_("Indicators"), 3))
            rows = []
            for indicator in action["indicators"]:
                value = values.get((code, indicator["code"]))
                latest_value = ""
                if value is not None:
                    latest_value = _decimal(value["value"]) if value["value"] else value["level"]
                rows.append(
                    (
                        indicator["code"],
                        indicator["name"],
                        _decimal(indicator["baseline_value"])
                        if indicator["baseline_value"]
                        else indicator["baseline_text"],
                        _decimal(indicator["target_value"])
                        if indicator["target_value"]
                        else indicator["target_text"],
                        latest_value,
                        indicator["unit"],
                    )
                )
            blocks.append(
                Table(
                    columns=(
                        _("Code"),
                        _("Indicator"),
                        _("Baseline"),
                        _("Target"),
                        _("Latest"),
                        _("Unit"),
                    ),
                    rows=tuple(rows),
                    numeric=frozenset({2, 3, 4}),
                )
            )
    return blocks


def build_report(snapshot: Snapshot, kind: str, language: str = "nl") -> Document:
    """The interim report (``kind`` "interim") or the final one ("final": the interim
    content with the impact part's sections before the annex), in Dutch or English."""
    if kind not in KINDS:
        raise ValueError(f"unknown report kind {kind!r}")
    from .services import snapshot_charts

    payload = snapshot.payload
    stored = snapshot_charts(snapshot)
    with translation.override(language):
        fig = figures(payload)
        title = _("Interim evaluation") if kind == "interim" else _("Final evaluation")
        lines = [
            snapshot.name,
            _("Snapshot as of %(date)s") % {"date": formatting.date(snapshot.as_of)},
        ]
        if payload.get("is_example"):
            lines.append(_("Contains example data"))
        document = Document(
            title=title,
            subtitle=payload["content"]["plan"]["title"],
            title_lines=lines,
            language=language,
            footer=f"{title} – {snapshot.name} {formatting.date(snapshot.as_of)}",
        )
        document.add(*_summary(payload, fig))
        document.add(*_goals(payload, fig, stored))
        document.add(*_network(payload))
        document.add(*_sections(snapshot))
        if kind == "final":
            document.add(*final_blocks(payload, language=language))
        document.add(*_annex(payload))
    return document
