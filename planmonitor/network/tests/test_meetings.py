"""Meetings: the models' constraints, the generated agenda (pure function and service,
idempotent), the services' optimistic locking, and the history they leave."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from planmonitor.core.errors import TransitionRefused
from planmonitor.core.locking import EditConflict
from planmonitor.network.meetings import agenda, services
from planmonitor.network.models import (
    AgendaItem,
    AgendaItemSource,
    Decision,
    DecisionStatus,
    Meeting,
    MeetingStatus,
    Signal,
    SignalKind,
    SignalStatus,
)
from planmonitor.network.signals import services as signal_services

pytestmark = pytest.mark.django_db

MEETING_DAY = dt.date(2027, 2, 15)
TODAY = dt.date(2027, 2, 10)  # after the round's due date (31/1/2027): its reports are late


def meeting_create(plan, day: dt.date = MEETING_DAY, **values) -> Meeting:
    starts_at = timezone.make_aware(dt.datetime.combine(day, dt.time(14, 0)))
    return services.meeting_create(plan=plan, starts_at=starts_at, title="Lerend netwerk", **values)


# --- models and constraints -------------------------------------------------------------------


def test_order_is_unique_per_meeting(plan):
    meeting = meeting_create(plan)
    AgendaItem.objects.create(meeting=meeting, order=1, title="a")
    AgendaItem.objects.create(meeting=meeting_create(plan), order=1, title="other meeting")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=meeting, order=1, title="b")


def test_a_generated_item_has_a_key_and_a_manual_one_none(plan):
    meeting = meeting_create(plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=meeting, order=1, title="a", source="generated")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=meeting, order=2, title="b", key="signals:gap")
    AgendaItem.objects.create(meeting=meeting, order=3, title="c", source="generated", key="k")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=meeting, order=4, title="d", source="generated", key="k")


def test_done_on_is_set_if_and_only_if_done(plan):
    meeting = meeting_create(plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(meeting=meeting, text="x", status=DecisionStatus.DONE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(meeting=meeting, text="x", done_on=dt.date(2027, 1, 1))
    Decision.objects.create(meeting=meeting, text="x", status="done", done_on=dt.date(2027, 1, 1))


def test_history_is_recorded_and_append_only(plan):
    meeting = meeting_create(plan)
    services.meeting_change(
        meeting=meeting,
        version=meeting.version,
        starts_at=meeting.starts_at,
        title="Lerend netwerk (verplaatst)",
    )
    assert meeting.history.count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        meeting.history.update(title="rewritten")


# --- the pure function ------------------------------------------------------------------------


def _signal(pk, kind="data_gap", manual=False, key="", actions=(1,)):
    return agenda.SignalRow(
        pk=pk,
        kind=kind,
        kind_label=kind,
        title=f"signaal {pk}",
        detail="uitleg",
        manual=manual,
        key=key or f"{kind}:{pk}",
        action_ids=actions,
    )


def _decision(pk, deadline, actions=(3,)):
    return agenda.DecisionRow(
        pk=pk, text=f"besluit {pk}", deadline=deadline, owner="An", meeting="M", action_ids=actions
    )


def test_proposals_order_and_grouping():
    late = [agenda.LateRow(key="delay:1:A001", title="A001 te laat", detail="", action_ids=(7,))]
    signals = [
        _signal(1),
        _signal(2, actions=(2,)),
        _signal(3, kind="manual", manual=True),
        _signal(4, kind="delay", key="delay:1:A001", actions=(7,)),
    ]
    decisions = [
        _decision(9, MEETING_DAY + dt.timedelta(days=1)),  # after the meeting: not yet
        _decision(8, MEETING_DAY),  # due on the day
        _decision(7, MEETING_DAY - dt.timedelta(days=30)),  # overdue
    ]
    result = agenda.proposals(
        meeting_date=MEETING_DAY, signals=signals, late=late, decisions=decisions
    )
    assert [p.key for p in result] == [
        "decision:7",
        "decision:8",
        "late_reports",
        "signal:3",
        "signals:data_gap",
    ]
    assert result[0].title == "Achterstallige beslissing: besluit 7"
    late_item = result[2]
    # The late report's delay signal is linked to the late-reports item, not listed again.
    assert late_item.signal_ids == (4,) and late_item.action_ids == (7,)
    grouped = result[4]
    assert grouped.signal_ids == (1, 2) and grouped.action_ids == (1, 2)
    assert "signaal 1" in grouped.note and "signaal 2" in grouped.note


def test_a_long_list_is_cut_in_the_note():
    signals = [_signal(pk) for pk in range(1, agenda.NOTE_LINES + 4)]
    (item,) = agenda.proposals(meeting_date=MEETING_DAY, signals=signals, late=[], decisions=[])
    assert item.note.count("\n- ") == agenda.NOTE_LINES - 1
    assert "3" in item.note.splitlines()[-1]
    assert len(item.signal_ids) == agenda.NOTE_LINES + 3


# --- the service ------------------------------------------------------------------------------


@pytest.fixture
def constructed(plan, action, other_action, reporting_round, coordinator):
    """A plan with an open signal (by hand, on ``action``), a late report (both actions'
    reports in the round due 31/1/2027) and a decision of an earlier meeting due before
    the meeting, plus one done and one due later (neither belongs on the agenda)."""
    signal = signal_services.signal_create(plan=plan, title="Partner stopt", actions=[action])
    signal_services.signal_create(plan=plan, title="Gesloten")
    Signal.objects.filter(title="Gesloten").update(status=SignalStatus.RESOLVED)
    earlier = meeting_create(plan, dt.date(2026, 11, 1))
    due = services.decision_create(
        meeting=earlier,
        text="Gennez bezorgt de cijfers",
        owner=coordinator,
        deadline=dt.date(2027, 1, 15),
        actions=[other_action],
    )
    services.decision_create(meeting=earlier, text="Later", deadline=dt.date(2027, 6, 1))
    done = services.decision_create(meeting=earlier, text="Klaar", deadline=dt.date(2027, 1, 1))
    services.decision_mark_done(decision=done, version=done.version, done_on=dt.date(2027, 1, 2))
    return {"signal": signal, "decision": due, "meeting": meeting_create(plan)}


def test_generate_the_agenda(constructed, action, other_action):
    meeting = constructed["meeting"]
    result = services.agenda_generate(meeting=meeting, today=TODAY)
    assert result.created == 3
    items = list(meeting.agenda_items.order_by("order"))
    assert [i.key for i in items] == [
        f"decision:{constructed['decision'].pk}",
        "late_reports",
        f"signal:{constructed['signal'].pk}",
    ]
    assert [i.order for i in items] == [1, 2, 3]
    assert all(i.source == AgendaItemSource.GENERATED for i in items)
    decision_item, late_item, signal_item = items
    assert list(decision_item.actions.all()) == [other_action]
    assert "Gennez bezorgt de cijfers" in decision_item.title
    assert set(late_item.actions.all()) == {action, other_action}
    assert "T001" in late_item.note and "T002" in late_item.note
    assert list(signal_item.signals.all()) == [constructed["signal"]]
    assert list(signal_item.actions.all()) == [action]


def test_generating_twice_adds_nothing_and_keeps_manual_and_edited_items(constructed):
    meeting = constructed["meeting"]
    manual = services.agenda_item_create(meeting=meeting, title="Varia")
    services.agenda_generate(meeting=meeting, today=TODAY)
    late = meeting.agenda_items.get(key="late_reports")
    services.agenda_item_change(item=late, version=late.version, title="Rapportering", note="")
    again = services.agenda_generate(meeting=meeting, today=TODAY)
    assert again.created == 0 and again.removed == 0
    assert meeting.agenda_items.count() == 4
    assert meeting.agenda_items.get(pk=manual.pk).order == 1  # first, as it was added first
    assert meeting.agenda_items.get(key="late_reports").title == "Rapportering"


def test_an_item_whose_cause_is_gone_leaves_unless_edited(constructed):
    meeting = constructed["meeting"]
    services.agenda_generate(meeting=meeting, today=TODAY)
    Signal.objects.filter(pk=constructed["signal"].pk).update(status=SignalStatus.DISMISSED)
    decision = Decision.objects.get(pk=constructed["decision"].pk)
    services.decision_mark_done(decision=decision, version=decision.version, done_on=TODAY)
    item = meeting.agenda_items.get(key=f"decision:{decision.pk}")
    services.agenda_item_change(item=item, version=item.version, title="Cijfers", note="")
    result = services.agenda_generate(meeting=meeting, today=TODAY)
    assert result.removed == 1
    assert set(meeting.agenda_items.values_list("key", flat=True)) == {
        "late_reports",
        f"decision:{decision.pk}",
    }


def test_generated_signals_are_grouped_per_kind(plan, action, other_action):
    for number, target in enumerate([action, other_action]):
        signal = Signal.objects.create(
            plan=plan, kind=SignalKind.DATA_GAP, key=f"data_gap:x:{number}", title=f"Gat {number}"
        )
        signal.actions.set([target])
    meeting = meeting_create(plan)
    services.agenda_generate(meeting=meeting, today=TODAY)
    (item,) = meeting.agenda_items.all()
    assert item.key == "signals:data_gap" and item.signals.count() == 2
    assert set(item.actions.all()) == {action, other_action}


def test_a_held_meetings_agenda_is_not_generated(plan):
    meeting = meeting_create(plan)
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
    with pytest.raises(TransitionRefused):
        services.agenda_generate(meeting=meeting, today=TODAY)


# --- manual items, moves, optimistic locking --------------------------------------------------


def test_items_are_added_at_the_end_and_move(plan):
    meeting = meeting_create(plan)
    a, b, c = (services.agenda_item_create(meeting=meeting, title=t) for t in "abc")
    services.agenda_item_move(item=c, up=True)
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["a", "c", "b"]
    services.agenda_item_move(item=a, up=True)  # already first: nothing
    services.agenda_item_move(item=a, up=False)
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["c", "a", "b"]
    services.agenda_item_delete(item=a, version=a.version)
    # After the last one, whatever gap a removal left.
    assert services.agenda_item_create(meeting=meeting, title="d").order == 4
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["c", "b", "d"]


def test_stale_versions_are_refused(plan, coordinator):
    meeting = meeting_create(plan)
    values = {"starts_at": meeting.starts_at, "title": "Nieuw"}
    services.meeting_change(meeting=meeting, version=1, **values)
    with pytest.raises(EditConflict):
        services.meeting_change(meeting=meeting, version=1, **values)
    item = services.agenda_item_create(meeting=meeting, title="a")
    services.agenda_item_change(item=item, version=1, title="b")
    with pytest.raises(EditConflict):
        services.agenda_item_change(item=item, version=1, title="c")
    with pytest.raises(EditConflict):
        services.agenda_item_delete(item=item, version=1)
    decision = services.decision_create(meeting=meeting, text="x", owner=coordinator)
    services.decision_change(decision=decision, version=1, text="y")
    with pytest.raises(EditConflict):
        services.decision_mark_done(decision=decision, version=1, done_on=TODAY)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.OPEN and decision.text == "y"


def test_links_stay_inside_the_meetings_plan(plan, action):
    meeting = meeting_create(plan)
    other_meeting = meeting_create(plan)
    item = services.agenda_item_create(meeting=other_meeting, title="elders")
    with pytest.raises(TransitionRefused):
        services.decision_create(meeting=meeting, text="x", agenda_item=item)
    decision = services.decision_create(meeting=meeting, text="x", actions=[action])
    assert list(decision.actions.all()) == [action]
