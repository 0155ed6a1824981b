"""The meeting pages: forms per role, the 409 on a stale edit, the generated agenda from
the page, the DOCX agenda and minutes, the open decisions on the dashboard and on the
action's page, and query counts that do not grow with the meetings, items or decisions."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from planmonitor.network.meetings import services
from planmonitor.network.models import AgendaItem, Decision, DecisionStatus, Meeting
from planmonitor.network.signals import services as signal_services
from planmonitor.tests.html import parse_html

from .conftest import smart_action_create

pytestmark = pytest.mark.django_db


def _at(day: dt.date, hour: int = 14) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _meeting(plan, day=dt.date(2027, 2, 15), **values) -> Meeting:
    return services.meeting_create(plan=plan, starts_at=_at(day), title="Lerend netwerk", **values)


def _url(name: str, meeting: Meeting, **kwargs) -> str:
    return reverse(
        f"network:{name}",
        kwargs={"short_name": meeting.plan.short_name, "pk": meeting.pk, **kwargs},
    )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_coordinator_plans_a_meeting(client, plan, coordinator, network_member):
    client.force_login(coordinator)
    url = reverse("network:meeting_create", args=[plan.short_name])
    response = client.post(
        url,
        {
            "starts_at": "2027-02-15T14:00",
            "title": "Lerend netwerk februari",
            "location": "Herman Teirlinckgebouw",
            "participants": [network_member.pk],
            "outside_participants": "Jan (CAW)\r\nEls (politie)",
        },
    )
    meeting = Meeting.objects.get(title="Lerend netwerk februari")
    assert response.status_code == 302 and response.url == _url("meeting_detail", meeting)
    assert list(meeting.participants.all()) == [network_member]
    assert meeting.outside_participants == "Jan (CAW)\nEls (politie)"
    assert timezone.localtime(meeting.starts_at).hour == 14
    page = client.get(response.url).content.decode()
    assert "Herman Teirlinckgebouw" in page and "Els (politie)" in page


def test_bad_input_is_explained(client, plan, coordinator):
    client.force_login(coordinator)
    url = reverse("network:meeting_create", args=[plan.short_name])
    response = client.post(url, {"starts_at": "morgen", "title": ""})
    assert response.status_code == 400
    errors = parse_html(response.content).select(".error-summary li")
    assert len(errors) == 2
    assert not Meeting.objects.exists()


def test_a_stale_edit_answers_409_and_keeps_the_input(client, plan, coordinator, network_member):
    meeting = _meeting(plan)
    data = {
        "version": meeting.version,
        "starts_at": "2027-02-15T14:00",
        "title": "Eerste wijziging",
        "status": "planned",
        "minutes": "",
    }
    client.force_login(network_member)
    assert client.post(_url("meeting_edit", meeting), data).status_code == 302
    client.force_login(coordinator)
    response = client.post(_url("meeting_edit", meeting), data | {"title": "Tweede"})
    assert response.status_code == 409
    assert "Tweede" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.title == "Eerste wijziging"
    # The form now names the saved version: saving again is a deliberate overwrite.
    page = parse_html(response.content)
    assert page.select_one('input[name="version"]')["value"] == str(meeting.version)


def test_the_agenda_is_generated_from_the_page(client, plan, network_member):
    action = smart_action_create(plan, "G101")
    signal_services.signal_create(plan=plan, title="Partner stopt", actions=[action])
    meeting = _meeting(plan)
    client.force_login(network_member)
    url = _url("meeting_agenda_generate", meeting)
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # twice: nothing doubles
    (item,) = meeting.agenda_items.all()
    page = parse_html(client.get(_url("meeting_detail", meeting)).content)
    (row,) = page.select("ol.agenda li[data-item]")
    assert "Partner stopt" in row.get_text() and "G101" in row.get_text()


def test_items_are_added_edited_moved_and_removed(client, plan, coordinator):
    action = smart_action_create(plan, "M201")
    meeting = _meeting(plan)
    client.force_login(coordinator)
    add = _url("agenda_item_add", meeting)
    assert client.post(add, {"title": "Welkom"}).status_code == 302
    assert client.post(add, {"title": "Rondvraag", "actions": [action.pk]}).status_code == 302
    welcome, questions = meeting.agenda_items.order_by("order")
    assert list(questions.actions.all()) == [action]
    move = _url("agenda_item_move", meeting, item=questions.pk)
    assert client.post(move, {"direction": "up"}).status_code == 302
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Rondvraag", "Welkom"]
    edit = _url("agenda_item_edit", meeting, item=welcome.pk)
    response = client.post(edit, {"version": welcome.version, "title": "Welkom en verslag"})
    assert response.status_code == 302
    stale = client.post(edit, {"version": welcome.version, "title": "Oud"})
    assert stale.status_code == 409
    delete = _url("agenda_item_delete", meeting, item=welcome.pk)
    assert client.post(delete, {"version": welcome.version}).status_code == 409
    assert client.post(delete, {"version": welcome.version + 1}).status_code == 302
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Rondvraag"]


def test_an_evaluator_reads_but_sees_no_tools(client, plan, evaluator):
    meeting = _meeting(plan)
    services.agenda_item_create(meeting=meeting, title="Welkom")
    client.force_login(evaluator)
    page = client.get(_url("meeting_detail", meeting)).content.decode()
    assert "Welkom" in page
    assert _url("agenda_item_add", meeting) not in page
    assert _url("meeting_agenda_generate", meeting) not in page
    assert client.post(_url("agenda_item_add", meeting), {"title": "x"}).status_code == 403


def test_decisions_are_taken_and_done(client, plan, coordinator):
    action = smart_action_create(plan, "D301")
    meeting = _meeting(plan)
    item = services.agenda_item_create(meeting=meeting, title="Cijfers")
    client.force_login(coordinator)
    response = client.post(
        _url("decision_add", meeting),
        {
            "text": "Cijfers opvragen bij de politie",
            "owner": coordinator.pk,
            "deadline": "2027-03-01",
            "agenda_item": item.pk,
            "actions": [action.pk],
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.agenda_item == item and list(decision.actions.all()) == [action]
    done = _url("decision_done", meeting, decision=decision.pk)
    future = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    refused = client.post(done, {"version": decision.version, "done_on": future})
    assert refused.status_code == 400
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    assert client.post(done, {"version": decision.version, "done_on": yesterday}).status_code == 302
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DONE


def test_marking_done(client, plan, coordinator):
    meeting = _meeting(plan)
    decision = services.decision_create(meeting=meeting, text="Brief sturen")
    client.force_login(coordinator)
    done = _url("decision_done", meeting, decision=decision.pk)
    today = timezone.localdate().isoformat()
    assert client.post(done, {"version": decision.version, "done_on": today}).status_code == 302
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DONE and decision.done_on == timezone.localdate()
    assert client.post(done, {"version": decision.version, "done_on": today}).status_code == 409


# --- DOCX -------------------------------------------------------------------------------------


def _text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture
def held_meeting(plan, coordinator, network_member):
    action = smart_action_create(plan, "X401", title="Een meldpunt voor slachtoffers openen")
    meeting = _meeting(
        plan, location="Brussel", participants=[network_member], outside_participants="Jan (CAW)"
    )
    item = services.agenda_item_create(
        meeting=meeting, title="Meldpunt", note="Stand van zaken", actions=[action]
    )
    services.agenda_item_create(meeting=meeting, title="Rondvraag")
    services.decision_create(
        meeting=meeting,
        text="Plan van aanpak opmaken",
        owner=coordinator,
        deadline=dt.date(2027, 3, 31),
        agenda_item=item,
    )
    return meeting


def test_the_agenda_docx(client, plan, evaluator, held_meeting):
    client.force_login(evaluator)
    response = client.get(_url("meeting_agenda_docx", held_meeting))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-agenda-2027-02-15.docx"')
    text = _text(b"".join(response.streaming_content))
    assert plan.title in text and "Brussel" in text and "15/02/2027 14:00" in text
    assert "Network" in text and "Jan (CAW)" in text  # the participants
    assert "1. Meldpunt" in text and "2. Rondvraag" in text
    assert "X401 Een meldpunt voor slachtoffers openen" in text
    assert "Agenda" in text and "Deelnemers" in text  # in the user's language (Dutch)


def test_the_minutes_docx(client, plan, coordinator, held_meeting):
    Meeting.objects.filter(pk=held_meeting.pk).update(minutes="Goede opkomst.\n\nVolgende keer.")
    client.force_login(coordinator)
    response = client.get(_url("meeting_minutes_docx", held_meeting))
    text = _text(b"".join(response.streaming_content))
    assert "Verslag" in text and "Stand van zaken" in text and "Goede opkomst." in text
    assert "Plan van aanpak opmaken" in text
    assert "Coordinator" in text and "31/03/2027" in text


def test_the_docx_speaks_english_to_an_english_reader(client, plan, coordinator, held_meeting):
    client.force_login(coordinator)
    response = client.get(
        _url("meeting_minutes_docx", held_meeting), headers={"accept-language": "en"}
    )
    text = _text(b"".join(response.streaming_content))
    assert "Minutes" in text and "Participants" in text and "Verslag" not in text


# --- dashboard and action page ----------------------------------------------------------------


def test_the_dashboard_lists_open_decisions_overdue_first(client, plan, network_member):
    meeting = _meeting(plan, day=dt.date(2026, 1, 10))
    today = timezone.localdate()
    later = services.decision_create(
        meeting=meeting, text="Later", deadline=today + dt.timedelta(days=30)
    )
    overdue = services.decision_create(
        meeting=meeting, text="Te laat", deadline=today - dt.timedelta(days=3)
    )
    done = services.decision_create(meeting=meeting, text="Klaar", deadline=today)
    services.decision_mark_done(decision=done, version=done.version, done_on=today)
    client.force_login(network_member)
    page = parse_html(client.get(reverse("network:dashboard", args=[plan.short_name])).content)
    section = page.select_one("section.open-decisions")
    rows = section.select("tr[data-decision]")
    assert [r["data-decision"] for r in rows] == [str(overdue.pk), str(later.pk)]
    assert rows[0].select_one(".overdue") is not None and rows[1].select_one(".overdue") is None
    assert section.select_one("a")["href"] == _url("meeting_detail", meeting)


def test_the_action_page_shows_open_decisions_until_done(client, plan, coordinator, cabinet):
    action = smart_action_create(plan, "A501")
    meeting = _meeting(plan)
    decision = services.decision_create(
        meeting=meeting, text="Zichtbaar besluit", actions=[action], owner=coordinator
    )
    url = reverse("plans:action_detail", args=[plan.short_name, action.code])
    client.force_login(coordinator)
    section = parse_html(client.get(url).content).select_one("section.action-decisions")
    assert "Zichtbaar besluit" in section.get_text()
    assert section.select_one("a")["href"] == _url("meeting_detail", meeting)
    client.force_login(cabinet)
    assert b"Zichtbaar besluit" not in client.get(url).content
    services.decision_mark_done(
        decision=decision, version=decision.version, done_on=timezone.localdate()
    )
    client.force_login(coordinator)
    assert b"Zichtbaar besluit" not in client.get(url).content


# --- query counts -----------------------------------------------------------------------------


def test_the_list_needs_the_same_queries_for_1_or_30_meetings(client, plan, coordinator):
    client.force_login(coordinator)
    url = reverse("network:meeting_list", args=[plan.short_name])
    _meeting(plan, day=dt.date(2020, 1, 1))
    _meeting(plan, day=dt.date(2099, 1, 1))
    one = _count(client, url)
    for number in range(28):
        _meeting(plan, day=dt.date(2020, 2, 1) + dt.timedelta(days=number * 40))
    assert _count(client, url) == one
    page = parse_html(client.get(url).content)
    assert len(page.select('table[data-list="past"] tr[data-meeting]')) == 20  # a page
    assert len(page.select('table[data-list="upcoming"] tr[data-meeting]')) >= 1


def test_the_detail_needs_the_same_queries_for_1_or_10_items(client, plan, coordinator):
    client.force_login(coordinator)
    meeting = _meeting(plan, participants=[coordinator])
    action = smart_action_create(plan, "Q601")
    services.agenda_item_create(meeting=meeting, title="1", actions=[action])
    services.decision_create(meeting=meeting, text="1", owner=coordinator, actions=[action])
    url = _url("meeting_detail", meeting)
    one = _count(client, url)
    signal = signal_services.signal_create(plan=plan, title="s")
    for number in range(9):
        other = smart_action_create(plan, f"Q7{number}")
        item = services.agenda_item_create(
            meeting=meeting, title=str(number), actions=[action, other], signals=[signal]
        )
        services.decision_create(
            meeting=meeting, text=str(number), owner=coordinator, agenda_item=item, actions=[other]
        )
    assert AgendaItem.objects.filter(meeting=meeting).count() == 10
    assert _count(client, url) == one


def test_an_item_with_many_signals_links_the_list_instead(client, plan, network_member):
    from planmonitor.network.models import Signal

    for number in range(11):
        Signal.objects.create(plan=plan, kind="data_gap", key=f"data_gap:x:{number}", title="gat")
    meeting = _meeting(plan)
    services.agenda_generate(meeting=meeting, today=dt.date(2027, 2, 10))
    client.force_login(network_member)
    page = parse_html(client.get(_url("meeting_detail", meeting)).content)
    (row,) = page.select("ol.agenda li[data-item]")
    assert "11 signalen" in row.get_text()
    assert not row.select('a[href*="/signalen/"][href$="/"]:not([href$="signalen/"])')
