"""The signal pages: list (filters, open first, query count), a signal (status change with
optimistic locking, comments), a manual signal, "Analyse now", and the action page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks import default_task_backend

from planmonitor.network.models import Signal, SignalStatus
from planmonitor.network.signals import services
from planmonitor.network.tasks import signals_sync
from planmonitor.tests.html import parse_html

from .conftest import smart_action_create

pytestmark = pytest.mark.django_db


def _list(plan) -> str:
    return reverse("network:signal_list", args=[plan.short_name])


def _detail(signal) -> str:
    return reverse("network:signal_detail", args=[signal.plan.short_name, signal.pk])


def _rows(response) -> list[str]:
    page = parse_html(response.content)
    return [row.get("data-signal") for row in page.select("tr[data-signal]")]


def test_list_shows_open_first_and_filters(client, plan, evaluator):
    closed = services.signal_create(plan=plan, title="Oud")
    Signal.objects.filter(pk=closed.pk).update(status=SignalStatus.RESOLVED)
    action = smart_action_create(plan, "S001")
    open_ = services.signal_create(plan=plan, title="Nieuw", actions=[action])
    client.force_login(evaluator)
    assert _rows(client.get(_list(plan))) == [str(open_.pk), str(closed.pk)]
    assert _rows(client.get(_list(plan), {"status": "resolved"})) == [str(closed.pk)]
    assert _rows(client.get(_list(plan), {"action": "S001"})) == [str(open_.pk)]
    # Evaluators read: no "Analyse now", no "Add a signal".
    assert b"Analyse now" not in client.get(_list(plan)).content


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow(client, plan, coordinator):
    client.force_login(coordinator)
    action = smart_action_create(plan, "Q001")
    services.signal_create(plan=plan, title="1", actions=[action], owner=coordinator)
    one = _count(client, _list(plan))
    for n in range(5):
        other = smart_action_create(plan, f"Q1{n}")
        services.signal_create(plan=plan, title=str(n), actions=[action, other], owner=coordinator)
    assert _count(client, _list(plan)) == one


def test_status_change_and_conflict(client, plan, coordinator, network_member):
    signal = services.signal_create(plan=plan, title="t")
    stale = signal.version
    client.force_login(network_member)
    response = client.post(
        _detail(signal), {"version": stale, "status": "in_discussion", "reason": "Bespreken"}
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == SignalStatus.IN_DISCUSSION
    assert "Bespreken" in signal.notes.get().text
    client.force_login(coordinator)
    response = client.post(_detail(signal), {"version": stale, "status": "dismissed"})
    assert response.status_code == 409
    signal.refresh_from_db()
    assert signal.status == SignalStatus.IN_DISCUSSION


def test_comment(client, plan, network_member):
    signal = services.signal_create(plan=plan, title="t")
    client.force_login(network_member)
    assert client.post(_detail(signal), {"text": "Partner gebeld"}).status_code == 302
    assert signal.notes.get().author == network_member
    assert b"Partner gebeld" in client.get(_detail(signal)).content


def test_manual_signal(client, plan, coordinator):
    action = smart_action_create(plan, "M101")
    client.force_login(coordinator)
    url = reverse("network:signal_create", args=[plan.short_name])
    response = client.post(url, {"title": "Partner stopt", "actions": [action.pk]})
    signal = Signal.objects.get(title="Partner stopt")
    assert response.status_code == 302 and response.url == _detail(signal)
    assert list(signal.actions.all()) == [action] and signal.source == "manual"


def test_analyse_now_queues_the_task(client, plan, coordinator, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    client.force_login(coordinator)
    response = client.post(reverse("network:signal_sync", args=[plan.short_name]), follow=True)
    (job,) = default_task_backend.results
    assert job.task is signals_sync and job.kwargs == {"plan_id": plan.pk}
    assert "wachtrij" in response.content.decode()


def test_action_page_shows_open_signals(client, plan, coordinator, cabinet):
    action = smart_action_create(plan, "A101")
    signal = services.signal_create(plan=plan, title="Zichtbaar signaal", actions=[action])
    url = reverse("plans:action_detail", args=[plan.short_name, action.code])
    client.force_login(coordinator)
    assert b"Zichtbaar signaal" in client.get(url).content
    client.force_login(cabinet)
    assert b"Zichtbaar signaal" not in client.get(url).content
    Signal.objects.filter(pk=signal.pk).update(status=SignalStatus.RESOLVED)
    client.force_login(coordinator)
    assert b"Zichtbaar signaal" not in client.get(url).content


def test_list_comes_a_page_at_a_time_and_keeps_the_filters(client, plan, evaluator):
    from planmonitor.network.views import SIGNALS_PER_PAGE

    for n in range(SIGNALS_PER_PAGE + 3):
        services.signal_create(plan=plan, title=f"Signaal {n}")
    client.force_login(evaluator)
    first = client.get(_list(plan), {"status": "open"})
    assert len(_rows(first)) == SIGNALS_PER_PAGE
    assert b"status=open&amp;page=2" in first.content
    assert len(_rows(client.get(_list(plan), {"status": "open", "page": 2}))) == 3
