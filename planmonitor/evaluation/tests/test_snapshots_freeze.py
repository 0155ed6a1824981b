"""Taking a snapshot: frozen in the database, same numbers after later edits, the
dashboard's numbers for the same date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, transaction

from planmonitor.evaluation.documents.blocks import Figure, Heading, Table
from planmonitor.evaluation.snapshots import freeze, report, services
from planmonitor.evaluation.snapshots.models import Snapshot, SnapshotChart
from planmonitor.monitoring.models import ProgressReport
from planmonitor.network import selectors, status

AS_OF = dt.date(2026, 12, 1)


@pytest.fixture
def snapshot(demo_shared) -> Snapshot:
    return services.snapshot_take(plan=demo_shared, name="Tussentijds 2027", as_of=AS_OF)


def _refused(operation) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        operation()


def test_it_refuses_to_change_or_delete_a_snapshot(snapshot):
    rows = Snapshot.objects.filter(pk=snapshot.pk)
    _refused(lambda: rows.update(name="anders"))
    _refused(lambda: rows.update(payload={}))
    _refused(rows.delete)
    assert Snapshot.objects.get(pk=snapshot.pk).name == "Tussentijds 2027"


def test_it_refuses_to_change_a_chart(snapshot):
    services.snapshot_charts(snapshot)
    charts = SnapshotChart.objects.filter(snapshot=snapshot)
    assert charts.exists()
    _refused(lambda: charts.update(svg="<svg/>"))
    _refused(charts.delete)


def test_it_stores_the_hash_of_its_payload(snapshot):
    stored = Snapshot.objects.get(pk=snapshot.pk)
    assert stored.sha256 == freeze.payload_sha256(stored.payload)
    assert [version["number"] for version in stored.payload["versions"]] == [1]
    assert stored.payload["is_example"] is True


def test_it_draws_the_charts_once(snapshot, django_assert_num_queries):
    first = services.snapshot_charts(snapshot)
    with django_assert_num_queries(1):  # the stored charts, drawn nothing again
        again = services.snapshot_charts(snapshot)
    assert {k: c.pk for k, c in first.items()} == {k: c.pk for k, c in again.items()}
    chart = next(iter(first.values()))
    assert chart.svg.startswith("<svg") and bytes(chart.png).startswith(b"\x89PNG")


def test_its_numbers_equal_the_dashboards_for_the_same_date(snapshot, demo_shared):
    live = selectors.dashboard_data(demo_shared)
    frozen = report.figures(Snapshot.objects.get(pk=snapshot.pk).payload)
    assert frozen.signal_of == status.signals(live, AS_OF)
    assert frozen.implementation == status.implementation_status(live, AS_OF)
    assert frozen.progress == status.action_progress(live, AS_OF)
    live_rounds, _ = status.compliance(live, AS_OF)
    assert [(r.label, r.counts) for r in frozen.compliance_rounds] == [
        (r.label, r.counts) for r in live_rounds
    ]
    live_sd = status.breakdowns(live, status.signals(live, AS_OF))[0]
    assert [(r.group.label, r.counts) for r in frozen.breakdowns["sd"].rows] == [
        (r.group.label, r.counts) for r in live_sd.rows
    ]
    # The frozen rows are the dashboard's rows, so every rule agrees, not only these.
    assert freeze.dashboard_from_payload(snapshot.payload["dashboard"]) == live


def _numbers(document) -> list[tuple]:
    return [b.rows for b in document.blocks if isinstance(b, Table)]


def test_its_report_gives_the_same_numbers_after_later_edits(snapshot, demo_shared):
    before = report.build_report(snapshot, "interim", "nl")
    # The live plan moves on: reports change status, an action gets a new title.
    ProgressReport.objects.filter(action__plan=demo_shared).update(
        implementation_status="completed"
    )
    action = demo_shared.actions.order_by("code").first()
    action.title = "Een heel andere titel"
    action.save()
    after = report.build_report(Snapshot.objects.get(pk=snapshot.pk), "interim", "nl")
    assert _numbers(after) == _numbers(before)
    assert "Een heel andere titel" not in str(_numbers(after))
    assert before.title_lines == after.title_lines


def test_the_report_has_its_parts(snapshot):
    document = report.build_report(snapshot, "interim", "nl")
    assert document.title == "Tussentijdse evaluatie"
    assert document.title_lines[0] == "Tussentijds 2027"
    assert "Bevat voorbeeldgegevens" in document.title_lines
    headings = [h.text for h in document.headings(1)]
    assert headings[0] == "Samenvattende cijfers"
    assert "Conclusies" in headings and "Aanbevelingen" in headings
    assert headings[-1] == "Bijlage: de acties"
    figures = [b for b in document.blocks if isinstance(b, Figure)]
    assert figures and all(f.alt for f in figures)
    # Every figure has its table right after it.
    for i, block in enumerate(document.blocks):
        if isinstance(block, Figure):
            assert isinstance(document.blocks[i + 1], Table)
    assert any(isinstance(b, Heading) and b.text.startswith("SD ") for b in document.blocks)


def test_the_report_names_no_users(snapshot, demo_shared):
    from planmonitor.accounts.models import User
    from planmonitor.monitoring.models import ActionSheet

    document = report.build_report(snapshot, "interim", "nl")
    text = repr(document.blocks)
    names = [u.get_full_name() for u in User.objects.all() if u.get_full_name()]
    names += [s.contact_name for s in ActionSheet.objects.filter(action__plan=demo_shared)]
    for name in filter(None, names):
        assert name not in text, name


def test_the_report_in_english(snapshot):
    document = report.build_report(snapshot, "interim", "en")
    assert document.title == "Interim evaluation"
    assert document.language == "en"
    assert document.headings(1)[0].text == "Summary figures"


def test_the_annex_renders_the_sheets_and_reports_markdown(snapshot):
    from planmonitor.evaluation.documents.blocks import Markdown, Paragraph
    from planmonitor.evaluation.snapshots.report import build_report

    document = build_report(snapshot, "interim", "nl")
    approaches = {sheet["approach"] for sheet in snapshot.payload["sheets"] if sheet["approach"]}
    markdown = {block.source for block in document.blocks if isinstance(block, Markdown)}
    assert approaches and approaches <= markdown
    # No Markdown shown as its raw signs in a plain paragraph.
    assert not [b for b in document.blocks if isinstance(b, Paragraph) and "**" in b.text]


def test_a_changed_target_is_a_break_in_the_snapshot_its_chart_and_its_table(demo_shared):
    from planmonitor.evaluation.documents.blocks import Table
    from planmonitor.evaluation.snapshots.report import build_report
    from planmonitor.plans.models import Indicator

    indicator = (
        Indicator.objects.filter(action__plan=demo_shared, kind="quantitative")
        .order_by("action__code", "code")
        .first()
    )
    indicator.target_value = (indicator.target_value or 0) + 10
    indicator.save()
    snapshot = services.snapshot_take(plan=demo_shared, name="Met breuk", as_of=AS_OF)
    found = [
        row
        for row in snapshot.payload["indicator_breaks"]
        if (row["action"], row["indicator"]) == (indicator.action.code, indicator.code)
    ]
    assert [row["fields"] for row in found] == [["target_value"]]

    charts = services.snapshot_charts(snapshot)
    chart = charts[(indicator.action.code, indicator.code)]
    assert "Breuk" in chart.svg
    document = build_report(snapshot, "interim", "nl")
    caption = f"{indicator.code} {indicator.name}"
    table = next(
        b for b in document.blocks if isinstance(b, Table) and b.caption.startswith(caption)
    )
    assert any(row[0].startswith("Breuk") for row in table.rows)


def test_the_report_lists_the_decided_pairs_and_only_the_strongest_undecided_ones(snapshot):
    from planmonitor.evaluation.documents.blocks import Table
    from planmonitor.evaluation.snapshots.report import UNDECIDED_SHOWN, build_report

    overlaps = snapshot.payload["overlaps"]
    undecided = [o for o in overlaps if not o["classification"] and o["cross_minister"]]
    assert len(undecided) > UNDECIDED_SHOWN  # the example plan flags many
    document = build_report(snapshot, "interim", "en")
    tables = {b.caption: b for b in document.blocks if isinstance(b, Table)}
    strongest = tables["The strongest undecided pairs of different ministers"]
    assert len(strongest.rows) == UNDECIDED_SHOWN
    best = max(undecided, key=lambda o: o["score"])
    assert strongest.rows[0][:2] == (best["a"], best["b"])
    decided = [o for o in overlaps if o["classification"]]
    shown = tables.get("Pairs the learning network decided")
    assert len(shown.rows if shown else ()) == len(decided)
