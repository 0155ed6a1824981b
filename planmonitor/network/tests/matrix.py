"""The network's URLs in the authorization matrix (tests/test_authorization_matrix.py)."""

from planmonitor.tests.matrix import (
    FORBIDDEN,
    LOGIN,
    NO_POST_LOGGED_IN,
    Entry,
    answers,
    plan_kwargs,
)


def signal_kwargs(objects: dict) -> dict:
    from planmonitor.network.models import Signal

    plan = objects["action"].plan
    signal, _ = Signal.objects.get_or_create(plan=plan, key="matrix", defaults={"title": "t"})
    return {"short_name": plan.short_name, "pk": signal.pk}


# Coordinators, network members and evaluators: those who follow the whole plan.
NETWORK_READERS = answers(
    FORBIDDEN, anonymous=LOGIN, coordinator=200, network_member=200, evaluator=200
)
# Signals: coordinators and network members manage them, evaluators only read.
SIGNAL_MANAGERS_GET = answers(FORBIDDEN, anonymous=LOGIN, coordinator=200, network_member=200)

ENTRIES = {
    "network:network_default": Entry(
        get=answers(FORBIDDEN, anonymous=LOGIN, coordinator=302, network_member=302, evaluator=302),
        post=NO_POST_LOGGED_IN,
    ),
    "network:dashboard": Entry(kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN),
    "network:dashboard_xlsx": Entry(
        kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN
    ),
    "network:smart_list": Entry(kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN),
    "network:smart_xlsx": Entry(kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN),
    "network:coverage": Entry(kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN),
    "network:coverage_xlsx": Entry(kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN),
    "network:gaps": Entry(kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN),
    "network:gaps_xlsx": Entry(kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN),
    "network:signal_list": Entry(kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN),
    "network:signal_sync": Entry(
        kwargs=plan_kwargs,
        get=NO_POST_LOGGED_IN,
        post=answers(FORBIDDEN, anonymous=LOGIN, coordinator=302, network_member=302),
    ),
    # An empty form: shown again with its errors (200) to those who may add signals.
    "network:signal_create": Entry(
        kwargs=plan_kwargs, get=SIGNAL_MANAGERS_GET, post=SIGNAL_MANAGERS_GET
    ),
    # An empty status change is refused (400) for managers; evaluators read, may not post.
    "network:signal_detail": Entry(
        kwargs=signal_kwargs,
        get=NETWORK_READERS,
        post=answers(FORBIDDEN, anonymous=LOGIN, coordinator=400, network_member=400),
    ),
    "network:overlap": Entry(
        kwargs=plan_kwargs,
        get=NETWORK_READERS,
        # An empty classification is refused (400) for managers; evaluators read.
        post=answers(FORBIDDEN, anonymous=LOGIN, coordinator=400, network_member=400),
    ),
    "network:overlap_xlsx": Entry(kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN),
    # The thesaurus: the network's readers see it; only coordinators edit (an empty term: 400).
    "network:thesaurus": Entry(
        kwargs=plan_kwargs,
        get=NETWORK_READERS,
        post=answers(FORBIDDEN, anonymous=LOGIN, coordinator=400),
    ),
}


# --- Meetings: coordinators and network members manage them, evaluators read ---------------


def meeting_kwargs(objects: dict) -> dict:
    import datetime as dt

    from django.utils import timezone

    from planmonitor.network.models import Meeting

    plan = objects["action"].plan
    starts_at = timezone.make_aware(dt.datetime(2026, 3, 2, 14, 0))
    meeting, _ = Meeting.objects.get_or_create(
        plan=plan, title="matrix", defaults={"starts_at": starts_at}
    )
    return {"short_name": plan.short_name, "pk": meeting.pk}


def agenda_item_kwargs(objects: dict) -> dict:
    from planmonitor.network.models import AgendaItem

    kwargs = meeting_kwargs(objects)
    item, _ = AgendaItem.objects.get_or_create(
        meeting_id=kwargs["pk"], title="matrix", defaults={"order": 100}
    )
    return {**kwargs, "item": item.pk}


def decision_kwargs(objects: dict) -> dict:
    from planmonitor.network.models import Decision

    kwargs = meeting_kwargs(objects)
    decision, _ = Decision.objects.get_or_create(meeting_id=kwargs["pk"], text="matrix")
    return {**kwargs, "decision": decision.pk}


MEETING_MANAGERS_GET = SIGNAL_MANAGERS_GET
# An empty form is refused (400) for those who manage meetings.
MEETING_MANAGERS_POST_EMPTY = answers(
    FORBIDDEN, anonymous=LOGIN, coordinator=400, network_member=400
)
NO_GET_LOGGED_IN = NO_POST_LOGGED_IN  # a POST-only URL answers a GET with 405

ENTRIES |= {
    "network:meeting_list": Entry(kwargs=plan_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN),
    "network:meeting_create": Entry(
        kwargs=plan_kwargs, get=MEETING_MANAGERS_GET, post=MEETING_MANAGERS_POST_EMPTY
    ),
    "network:meeting_detail": Entry(
        kwargs=meeting_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN
    ),
    "network:meeting_edit": Entry(
        kwargs=meeting_kwargs, get=MEETING_MANAGERS_GET, post=MEETING_MANAGERS_POST_EMPTY
    ),
    "network:meeting_agenda_generate": Entry(
        kwargs=meeting_kwargs,
        get=NO_GET_LOGGED_IN,
        post=answers(FORBIDDEN, anonymous=LOGIN, coordinator=302, network_member=302),
    ),
    "network:agenda_item_add": Entry(
        kwargs=meeting_kwargs, get=MEETING_MANAGERS_GET, post=MEETING_MANAGERS_POST_EMPTY
    ),
    "network:agenda_item_edit": Entry(
        kwargs=agenda_item_kwargs, get=MEETING_MANAGERS_GET, post=MEETING_MANAGERS_POST_EMPTY
    ),
    "network:agenda_item_delete": Entry(
        kwargs=agenda_item_kwargs, get=NO_GET_LOGGED_IN, post=MEETING_MANAGERS_POST_EMPTY
    ),
    "network:agenda_item_move": Entry(
        kwargs=agenda_item_kwargs, get=NO_GET_LOGGED_IN, post=MEETING_MANAGERS_POST_EMPTY
    ),
    "network:decision_add": Entry(
        kwargs=meeting_kwargs, get=MEETING_MANAGERS_GET, post=MEETING_MANAGERS_POST_EMPTY
    ),
    "network:decision_edit": Entry(
        kwargs=decision_kwargs, get=MEETING_MANAGERS_GET, post=MEETING_MANAGERS_POST_EMPTY
    ),
    "network:decision_done": Entry(
        kwargs=decision_kwargs, get=MEETING_MANAGERS_GET, post=MEETING_MANAGERS_POST_EMPTY
    ),
    "network:meeting_agenda_docx": Entry(
        kwargs=meeting_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN
    ),
    "network:meeting_minutes_docx": Entry(
        kwargs=meeting_kwargs, get=NETWORK_READERS, post=NO_POST_LOGGED_IN
    ),
}
