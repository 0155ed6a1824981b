"""Every change is recorded with who, when, what (field by field) and through which channel."""

import io

from django.core.management import call_command
from django.urls import reverse

from planmonitor.accounts.models import User
from planmonitor.audit.tests.helpers import form_data, timeline
from planmonitor.plans.models import Action, Minister, ViolenceForm


def _changes(entry) -> dict[str, tuple]:
    """Field label → (before, after, removed, added)."""
    return {c.label: (c.before, c.after, c.removed, c.added) for c in entry.changes}


def _all_changes(entries) -> dict[str, tuple]:
    """The changes of several entries (one save writes one record per M2M field changed)."""
    return {
        label: change for entry in reversed(entries) for label, change in _changes(entry).items()
    }


def test_a_web_edit_records_the_person_the_channel_and_each_field(action, els, edit):
    form = action.plan.violence_forms.get(code="IFG")
    edit(action, user=els, title="Nieuwe titel", status=Action.Status.RUNNING)
    edit(action, user=els, m2m={"violence_forms": [form], "co_ministers": []})

    co_ministers, violence_forms, fields, *older = timeline(Action, action.pk)
    assert (fields.kind, fields.channel, fields.user_name) == ("~", "web", "Els Peeters")
    assert _changes(fields) == {
        "Title": ("Testactie: opleiding voor hulpverleners", "Nieuwe titel", (), ()),
        "Status": ("Planned", "Running", (), ()),  # choices by their labels
    }  # version and updated_at changed too: noise, left out
    assert _changes(violence_forms) == {"Violence forms": ("", "", (), (form.label,))}
    assert _changes(co_ministers) == {"Co-ministers": ("", "", ("Hilde Crevits",), ())}
    assert {violence_forms.user_name, co_ministers.user_name} == {"Els Peeters"}


def test_the_action_edit_page_records_a_web_change(client, action, owner):
    term = action.plan.violence_forms.get(code="IFG")
    client.force_login(owner)
    url = reverse("plans:action_edit", args=[action.plan.short_name, action.code])
    data = form_data(client.get(url).content, containing="version")
    data |= {"title": ["Titel via het formulier"], "violence_forms": [str(term.pk)]}
    assert client.post(url, data).status_code == 302

    web = [e for e in timeline(Action, action.pk) if e.channel == "web"]
    assert web and {e.user_name for e in web} == {"Owner"}
    changes = _all_changes(web)
    assert changes["Title"][:2] == (
        "Testactie: opleiding voor hulpverleners",
        "Titel via het formulier",
    )
    assert changes["Violence forms"][2:] == ((), (term.label,))


def test_an_admin_change_records_the_admin_channel(client, action, superuser):
    weyts = Minister.objects.get(key="weyts")
    client.force_login(superuser)
    url = reverse("admin:plans_action_change", args=[action.pk])
    data = form_data(client.get(url).content, containing="title")
    data["title"] = ["Titel via de beheerpagina"]
    data["co_ministers"] = [*data.get("co_ministers", []), str(weyts.pk)]
    assert client.post(url, data).status_code == 302

    admin = [e for e in timeline(Action, action.pk) if e.channel == "admin"]
    assert admin and {e.user_name for e in admin} == {"Ada Admin"}
    changes = _all_changes(admin)
    assert changes["Title"][:2] == (
        "Testactie: opleiding voor hulpverleners",
        "Titel via de beheerpagina",
    )
    assert changes["Co-ministers"][2:] == ((), ("Ben Weyts",))


def test_a_management_command_records_the_command_channel(plan, coordinator, edit):
    term = ViolenceForm.objects.get(plan=plan, code="IFG")
    official = term.label
    edit(term, user=coordinator, label="Partnergeweld")
    call_command("load_gbv_plan", reset=True, stdout=io.StringIO())

    restored, edited, created = timeline(ViolenceForm, term.pk)
    assert (created.kind, created.channel) == ("+", "system")  # the fixture loads directly
    assert (edited.kind, edited.channel, edited.user_name) == ("~", "web", "Coordinator")
    assert _changes(edited)["Label"][:2] == (official, "Partnergeweld")
    assert (restored.kind, restored.channel, restored.user_name) == ("~", "command", "")
    assert _changes(restored)["Label"][:2] == ("Partnergeweld", official)


def test_removing_the_demo_records_each_deletion_through_the_command_channel(demo):
    action = Action.objects.get(code="A001")
    call_command("remove_demo", stdout=io.StringIO())
    # The demo is bulk-loaded with its initial values recorded (issue 9): then the deletion.
    deleted, created = timeline(Action, action.pk)
    assert (deleted.kind, deleted.channel, deleted.changes) == ("-", "command", [])
    assert created.kind == "+"


def test_a_login_adds_no_record_but_a_name_change_does(client, els, edit):
    records = els.history.count()
    client.force_login(els)  # saves last_login only
    assert els.history.count() == records
    edit(els, user=els, last_name="Janssens")
    assert _changes(timeline(User, els.pk)[0]) == {"Last name": ("Peeters", "Janssens", (), ())}


def test_the_password_hash_and_last_login_are_never_recorded(els):
    recorded = {f.name for f in els.history.model._meta.fields}
    assert {"username", "is_active", "email"} <= recorded
    assert not {"password", "last_login"} & recorded


def test_a_deactivated_person_cannot_log_in_and_keeps_their_name_in_the_trail(
    client, action, els, coordinator, edit
):
    edit(action, user=els, title="Gewijzigd door Els")
    credentials = {"username": "els", "password": "x-test-password-123"}
    client.post(reverse("login"), credentials)
    assert client.session["_auth_user_id"] == str(els.pk)  # the password is right
    client.logout()

    edit(els, user=coordinator, is_active=False)
    response = client.post(reverse("login"), credentials)
    assert response.status_code == 200 and "_auth_user_id" not in client.session

    client.force_login(coordinator)
    page = client.get(reverse("audit:history", args=["actie", action.pk]))
    assert "Els Peeters" in page.content.decode()
    deactivation = timeline(User, els.pk)[0]
    assert deactivation.user_name == "Coordinator"
    assert _changes(deactivation) == {"Active": ("yes", "no", (), ())}


def test_a_removed_account_keeps_its_name_in_the_trail(action, els, edit):
    edit(action, user=els, title="Gewijzigd door Els")
    User.objects.filter(pk=els.pk).delete()
    assert timeline(Action, action.pk)[0].user_name == "Els Peeters"
