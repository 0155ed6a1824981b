"""The meeting pages: the policy decides (``can_view_network`` reads, ``can_manage_meetings``
writes), the forms check the input, the services write, the selectors read."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from planmonitor.accounts import policy
from planmonitor.core.errors import TransitionRefused
from planmonitor.core.locking import EditConflict, move_to
from planmonitor.plans.access import plan_or_403
from planmonitor.plans.models import Plan

from ..models import AgendaItem, Decision, DecisionStatus, Meeting
from . import docx, selectors, services
from .forms import (
    AgendaItemChangeForm,
    AgendaItemForm,
    DecisionChangeForm,
    DecisionDoneForm,
    DecisionForm,
    DeleteForm,
    MeetingChangeForm,
    MeetingForm,
    MoveForm,
)

PAST_PER_PAGE = 20
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
GET_POST = ["GET", "HEAD", "POST"]


def _meeting(request: HttpRequest, short_name: str, pk: int, rule=policy.can_view_network):
    plan = plan_or_403(request, short_name, rule)
    meeting = selectors.meeting_of(plan, pk).first()
    if meeting is None:
        raise Http404
    return plan, meeting


def _detail_url(meeting: Meeting) -> str:
    return reverse("network:meeting_detail", args=[meeting.plan.short_name, meeting.pk])


def _save(form: forms.Form, save: Callable[[], Any]) -> tuple[int, Any]:
    """Run ``save``: (0, what it saved), or (409, None) when someone else saved the object
    meanwhile (the form moves to their version: saving again overwrites)."""
    try:
        return 0, save()
    except EditConflict as conflict:
        form.add_error(
            None,
            _(
                "Someone else changed this meanwhile. Check the page as it is saved now; "
                "saving again replaces their change with yours."
            ),
        )
        move_to(form, "version", conflict.current.version)  # type: ignore[attr-defined]
        return 409, None


def _form_view(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[], Any],
    *,
    meeting: Meeting | None,
    heading: str,
    context: dict,
    done_url: Callable[[Any], str],
) -> HttpResponse:
    """A form page: on a valid POST ``save`` runs (a conflict answers 409), then off to
    ``done_url(saved)``; invalid input comes back with its errors (400)."""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            status, saved = _save(form, save)
            if not status:
                return redirect(done_url(saved))
    context = {"form": form, "meeting": meeting, "heading": heading, **context}
    return render(request, "network/meetings/form.html", context, status=status)


def _meeting_form(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[], Any],
    *,
    meeting: Meeting,
    heading: str,
    **context: Any,
) -> HttpResponse:
    """A form of one meeting: back to the meeting when saved or cancelled."""
    return _form_view(
        request,
        form,
        save,
        meeting=meeting,
        heading=heading,
        context={"plan": meeting.plan, "cancel_url": _detail_url(meeting), **context},
        done_url=lambda _saved: _detail_url(meeting),
    )


@login_required
@require_safe
def meeting_list(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_view_network)
    upcoming, past = selectors.upcoming_and_past(plan)
    page = Paginator(past, PAST_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "network/meetings/meeting_list.html",
        {
            "plan": plan,
            "upcoming": list(upcoming),
            "page": page,
            "can_manage": policy.can_manage_meetings(request.user, plan),
        },
    )


@login_required
@require_http_methods(GET_POST)
def meeting_create(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_manage_meetings)
    form = MeetingForm(request.POST or None, plan=plan)
    return _form_view(
        request,
        form,
        lambda: services.meeting_create(plan=plan, **form.cleaned_data),
        meeting=None,
        heading=_("Plan a meeting"),
        context={"plan": plan, "cancel_url": reverse("network:meeting_list", args=[short_name])},
        done_url=_detail_url,
    )


@login_required
@require_safe
def meeting_detail(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    plan, meeting = _meeting(request, short_name, pk)
    items = list(meeting.agenda_items.all())
    decisions = list(meeting.decisions.all())
    today = timezone.localdate()
    numbers = {item.pk: number for number, item in enumerate(items, start=1)}
    return render(
        request,
        "network/meetings/meeting_detail.html",
        {
            "plan": plan,
            "meeting": meeting,
            "item_rows": [
                {"item": item, "decisions": [d for d in decisions if d.agenda_item_id == item.pk]}
                for item in items
            ],
            "decision_rows": [
                {"decision": d, "number": numbers.get(d.agenda_item_id)} for d in decisions
            ],
            "today": today,
            "open": DecisionStatus.OPEN,
            "can_manage": policy.can_manage_meetings(request.user, plan),
        },
    )


@login_required
@require_http_methods(GET_POST)
def meeting_edit(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    plan, meeting = _meeting(request, short_name, pk, policy.can_manage_meetings)
    initial = {
        "version": meeting.version,
        "starts_at": timezone.localtime(meeting.starts_at),
        "title": meeting.title,
        "location": meeting.location,
        "participants": [p.pk for p in meeting.participants.all()],
        "outside_participants": meeting.outside_participants,
        "status": meeting.status,
        "minutes": meeting.minutes,
    }
    form = MeetingChangeForm(request.POST or None, initial=initial, plan=plan)
    return _meeting_form(
        request,
        form,
        lambda: services.meeting_change(meeting=meeting, **form.cleaned_data),
        meeting=meeting,
        heading=_("Edit the meeting"),
    )


@login_required
@require_POST
def meeting_agenda_generate(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    _plan, meeting = _meeting(request, short_name, pk, policy.can_manage_meetings)
    result = services.agenda_generate(meeting=meeting)
    messages.success(
        request,
        _("Agenda generated: %(created)d items added, %(updated)d updated, %(removed)d removed.")
        % {"created": result.created, "updated": result.updated, "removed": result.removed},
    )
    return redirect(_detail_url(meeting))


def _item(meeting: Meeting, item_pk: int) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.prefetch_related("actions", "signals"), meeting=meeting, pk=item_pk
    )


@login_required
@require_http_methods(GET_POST)
def agenda_item_add(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    plan, meeting = _meeting(request, short_name, pk, policy.can_manage_meetings)
    form = AgendaItemForm(request.POST or None, plan=plan)
    return _meeting_form(
        request,
        form,
        lambda: services.agenda_item_create(meeting=meeting, **form.cleaned_data),
        meeting=meeting,
        heading=_("Add an agenda item"),
    )


@login_required
@require_http_methods(GET_POST)
def agenda_item_edit(request: HttpRequest, short_name: str, pk: int, item: int) -> HttpResponse:
    plan, meeting = _meeting(request, short_name, pk, policy.can_manage_meetings)
    agenda_item = _item(meeting, item)
    initial = {
        "version": agenda_item.version,
        "title": agenda_item.title,
        "note": agenda_item.note,
        "actions": [a.pk for a in agenda_item.actions.all()],
        "signals": [s.pk for s in agenda_item.signals.all()],
    }
    form = AgendaItemChangeForm(request.POST or None, initial=initial, plan=plan)
    return _meeting_form(
        request,
        form,
        lambda: services.agenda_item_change(item=agenda_item, **form.cleaned_data),
        meeting=meeting,
        heading=_("Edit the agenda item"),
        item=agenda_item,
    )


@login_required
@require_POST
def agenda_item_delete(request: HttpRequest, short_name: str, pk: int, item: int) -> HttpResponse:
    _plan, meeting = _meeting(request, short_name, pk, policy.can_manage_meetings)
    agenda_item = _item(meeting, item)
    form = DeleteForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("The request was incomplete."), status=400)
    # A stale version raises EditConflict: the error page answers 409 (core.errors).
    services.agenda_item_delete(item=agenda_item, version=form.cleaned_data["version"])
    return redirect(_detail_url(meeting))


@login_required
@require_POST
def agenda_item_move(request: HttpRequest, short_name: str, pk: int, item: int) -> HttpResponse:
    _plan, meeting = _meeting(request, short_name, pk, policy.can_manage_meetings)
    agenda_item = _item(meeting, item)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("The request was incomplete."), status=400)
    services.agenda_item_move(item=agenda_item, up=form.cleaned_data["direction"] == "up")
    return redirect(f"{_detail_url(meeting)}#item-{agenda_item.pk}")


@login_required
@require_http_methods(GET_POST)
def decision_add(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    plan, meeting = _meeting(request, short_name, pk, policy.can_manage_meetings)
    form = DecisionForm(request.POST or None, meeting=meeting, initial=_item_initial(request))
    return _meeting_form(
        request,
        form,
        lambda: services.decision_create(meeting=meeting, **form.cleaned_data),
        meeting=meeting,
        heading=_("Add a decision"),
    )


class _ItemQuery(forms.Form):
    """``?item=<pk>``: the agenda item a new decision starts under."""

    item = forms.IntegerField(required=False, min_value=1)


def _item_initial(request: HttpRequest) -> dict:
    query = _ItemQuery(request.GET)
    if query.is_valid() and query.cleaned_data["item"]:
        return {"agenda_item": query.cleaned_data["item"]}
    return {}


def _decision(meeting: Meeting, decision_pk: int) -> Decision:
    return get_object_or_404(
        Decision.objects.select_related("owner", "meeting__plan").prefetch_related("actions"),
        meeting=meeting,
        pk=decision_pk,
    )


@login_required
@require_http_methods(GET_POST)
def decision_edit(request: HttpRequest, short_name: str, pk: int, decision: int) -> HttpResponse:
    plan, meeting = _meeting(request, short_name, pk, policy.can_manage_meetings)
    obj = _decision(meeting, decision)
    initial = {
        "version": obj.version,
        "text": obj.text,
        "owner": obj.owner_id,
        "deadline": obj.deadline,
        "agenda_item": obj.agenda_item_id,
        "actions": [a.pk for a in obj.actions.all()],
    }
    form = DecisionChangeForm(request.POST or None, initial=initial, meeting=meeting)
    return _meeting_form(
        request,
        form,
        lambda: services.decision_change(decision=obj, **form.cleaned_data),
        meeting=meeting,
        heading=_("Edit the decision"),
    )


@login_required
@require_http_methods(GET_POST)
def decision_done(request: HttpRequest, short_name: str, pk: int, decision: int) -> HttpResponse:
    plan, meeting = _meeting(request, short_name, pk, policy.can_manage_meetings)
    obj = _decision(meeting, decision)
    if request.method == "POST" and obj.status != DecisionStatus.OPEN:
        raise TransitionRefused(_("This decision is already done."))
    form = DecisionDoneForm(request.POST or None, initial={"version": obj.version})
    return _meeting_form(
        request,
        form,
        lambda: services.decision_mark_done(decision=obj, **form.cleaned_data),
        meeting=meeting,
        heading=_("Mark the decision done"),
        decision=obj,
    )


def _docx(content: bytes, filename: str) -> FileResponse:
    response = FileResponse(
        io.BytesIO(content), as_attachment=True, filename=filename, content_type=DOCX_CONTENT_TYPE
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def _filename(plan: Plan, meeting: Meeting, what: str) -> str:
    return f"{plan.short_name}-{what}-{timezone.localtime(meeting.starts_at):%Y-%m-%d}.docx"


@login_required
@require_safe
def meeting_agenda_docx(request: HttpRequest, short_name: str, pk: int) -> FileResponse:
    plan, meeting = _meeting(request, short_name, pk)
    return _docx(docx.agenda_docx(meeting), _filename(plan, meeting, _("agenda")))


@login_required
@require_safe
def meeting_minutes_docx(request: HttpRequest, short_name: str, pk: int) -> FileResponse:
    plan, meeting = _meeting(request, short_name, pk)
    return _docx(docx.minutes_docx(meeting), _filename(plan, meeting, _("minutes")))
