"""No admin page can change or delete the audit trail, for superusers neither."""

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, reverse
from simple_history.admin import SimpleHistoryAdmin

from planmonitor.audit.admin import ReadOnlyHistoryAdmin
from planmonitor.audit.history import AuditedHistory, AuditedM2MHistory
from planmonitor.plans.models import Action


def test_no_historical_model_has_admin_pages(client, superuser):
    client.force_login(superuser)
    registered = [
        m for m in admin.site._registry if issubclass(m, AuditedHistory | AuditedM2MHistory)
    ]
    assert registered == []
    for page in ("changelist", "add"):
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:plans_historicalaction_{page}")


def test_every_history_admin_in_use_is_the_read_only_one():
    # simple-history's own admin saves a POST to a version page (a revert) even with
    # SIMPLE_HISTORY_REVERT_DISABLED: only ReadOnlyHistoryAdmin may be registered.
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, SimpleHistoryAdmin):
            assert isinstance(model_admin, ReadOnlyHistoryAdmin), model._meta.label


@pytest.fixture
def history_admin() -> ReadOnlyHistoryAdmin:
    return ReadOnlyHistoryAdmin(Action, admin.site)


def test_the_read_only_history_admin_shows_a_version(rf, action, superuser, history_admin):
    record = action.history.earliest()
    request = rf.get("/")
    request.user = superuser
    response = history_admin.history_form_view(request, str(action.pk), str(record.pk))
    assert response.status_code == 200
    assert b'name="_save"' not in response.content  # no revert button
    assert history_admin.revert_disabled(request, action)
    assert not history_admin.has_change_history_permission(request, action)


def test_the_read_only_history_admin_refuses_a_revert(rf, action, superuser, history_admin, edit):
    edit(action, user=superuser, title="Na de eerste versie")
    first = action.history.earliest()
    records = action.history.count()
    request = rf.post("/", {"title": first.title, "code": first.code})
    request.user = superuser
    with pytest.raises(PermissionDenied):
        history_admin.history_form_view(request, str(action.pk), str(first.pk))
    action.refresh_from_db()
    assert action.title == "Na de eerste versie" and action.history.count() == records


@pytest.mark.urls("planmonitor.audit.tests.admin_urls")
def test_its_history_pages_show_but_refuse_a_revert_over_http(client, action, superuser, edit):
    edit(action, user=superuser, title="Na de eerste versie")
    first = action.history.earliest()
    records = action.history.count()
    client.force_login(superuser)
    assert client.get(reverse("admin:plans_action_history", args=[action.pk])).status_code == 200
    url = reverse("admin:plans_action_simple_history", args=[action.pk, first.pk])
    page = client.get(url)
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert client.post(url, {"title": first.title, "_save": "1"}).status_code == 403
    action.refresh_from_db()
    assert action.title == "Na de eerste versie" and action.history.count() == records
