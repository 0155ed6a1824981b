"""The meeting's documents as DOCX (python-docx): the agenda for the invitation and the
minutes. In the active language (the request's: gettext). The meeting comes from
``selectors.meeting_of`` (its items, decisions and participants prefetched)."""

from __future__ import annotations

import io

import docx
from django.utils import timezone
from django.utils.translation import gettext as _

from planmonitor.core import formatting

from ..models import Meeting


def _when(meeting: Meeting) -> str:
    """dd/mm/yyyy hh:mm, as the pages write it (``core.formatting.date``)."""
    local = timezone.localtime(meeting.starts_at)
    return f"{formatting.date(local.date())} {local:%H:%M}"


def _participants(meeting: Meeting) -> list[str]:
    people = sorted(
        (p.get_full_name() or p.get_username() for p in meeting.participants.all()), key=str.lower
    )
    outside = [line.strip() for line in meeting.outside_participants.splitlines() if line.strip()]
    return people + outside


def _header(document, meeting: Meeting, heading: str) -> None:
    document.add_heading(f"{heading}: {meeting.title}", level=0)
    facts = document.add_table(rows=0, cols=2)
    for label, value in (
        (_("Plan"), meeting.plan.title),
        (_("Date and time"), _when(meeting)),
        (_("Location"), meeting.location or "—"),
    ):
        row = facts.add_row().cells
        row[0].text, row[1].text = label, value
    document.add_heading(_("Participants"), level=1)
    names = _participants(meeting)
    for name in names:
        document.add_paragraph(name, style="List Bullet")
    if not names:
        document.add_paragraph("—")


def _actions_line(actions) -> str:
    return "; ".join(f"{a.code} {a.title}" for a in actions)


def _bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def agenda_docx(meeting: Meeting) -> bytes:
    """Plan, date, place, participants, then the numbered items with their actions."""
    document = docx.Document()
    _header(document, meeting, _("Agenda"))
    document.add_heading(_("Agenda"), level=1)
    items = list(meeting.agenda_items.all())
    for number, item in enumerate(items, start=1):
        document.add_heading(f"{number}. {item.title}", level=2)
        if item.note:
            document.add_paragraph(item.note)
        actions = list(item.actions.all())
        if actions:
            document.add_paragraph(_("Actions: %(actions)s") % {"actions": _actions_line(actions)})
    if not items:
        document.add_paragraph(_("No agenda items yet."))
    return _bytes(document)


def _decision_line(decision) -> str:
    owner = decision.owner.get_full_name() if decision.owner else "—"
    deadline = formatting.date(decision.deadline) if decision.deadline else "—"
    line = _("%(text)s (owner: %(owner)s, deadline: %(deadline)s)") % {
        "text": decision.text,
        "owner": owner,
        "deadline": deadline,
    }
    actions = list(decision.actions.all())
    if actions:
        line += " " + _("Actions: %(actions)s") % {"actions": _actions_line(actions)}
    return line


def minutes_docx(meeting: Meeting) -> bytes:
    """Participants, per agenda item its note and decisions, then the general minutes and
    the decisions taken outside any item."""
    document = docx.Document()
    _header(document, meeting, _("Minutes"))
    decisions = list(meeting.decisions.all())
    by_item: dict[int | None, list] = {}
    for decision in decisions:
        by_item.setdefault(decision.agenda_item_id, []).append(decision)
    document.add_heading(_("Agenda items"), level=1)
    for number, item in enumerate(meeting.agenda_items.all(), start=1):
        document.add_heading(f"{number}. {item.title}", level=2)
        if item.note:
            document.add_paragraph(item.note)
        for decision in by_item.get(item.pk, []):
            document.add_paragraph(_decision_line(decision), style="List Bullet")
    if meeting.minutes:
        document.add_heading(_("Minutes"), level=1)
        for paragraph in meeting.minutes.split("\n\n"):
            document.add_paragraph(paragraph.strip())
    document.add_heading(_("Decisions"), level=1)
    for decision in decisions:
        document.add_paragraph(_decision_line(decision), style="List Number")
    if not decisions:
        document.add_paragraph(_("No decisions."))
    return _bytes(document)
