"""Deactivation ends a person's sessions for good: reactivating them revives none."""

from importlib import import_module

from django.db.migrations.operations import AddField
from django.db.models import NOT_PROVIDED
from django.test import Client
from django.urls import reverse

from planmonitor.accounts.models import User
from planmonitor.accounts.services import user_deactivate, user_reactivate

from .helpers import is_logged_in, log_in, member_url

PROTECTED = reverse("plans:my_actions")


def _is_anonymous(client) -> bool:
    response = client.get(PROTECTED)
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_an_old_session_stays_dead_after_reactivation(client, plan, coordinator, member):
    client.force_login(member)
    assert client.get(PROTECTED).status_code == 200

    user_deactivate(user=member, actor=coordinator)
    user_reactivate(user=member, actor=coordinator)

    assert _is_anonymous(client)
    log_in(client, "member")  # a fresh login works
    assert is_logged_in(client) and client.get(PROTECTED).status_code == 200


def test_it_holds_through_the_members_pages(client, plan, coordinator, member):
    leaver = Client()
    leaver.force_login(member)
    client.force_login(coordinator)
    client.post(member_url(plan, member, "member_deactivate"))
    client.post(member_url(plan, member, "member_reactivate"))
    assert _is_anonymous(leaver)


def test_it_holds_when_an_administrator_deactivates_in_the_admin(client, member, admin_client):
    client.force_login(member)
    change = reverse("admin:accounts_user_change", args=[member.pk])
    unticked = {  # "is_active" left out: the box is unticked
        "username": member.username,
        "first_name": member.first_name,
        "last_name": member.last_name,
        "email": member.email,
        "date_joined_0": "01/01/2026",
        "date_joined_1": "00:00:00",
        **{f"memberships-{name}": "0" for name in ("TOTAL_FORMS", "INITIAL_FORMS")},
    }
    assert admin_client.post(change, unticked).status_code == 302
    member.refresh_from_db()
    assert not member.is_active
    member.is_active = True
    member.save()
    assert _is_anonymous(client)


def test_other_peoples_sessions_are_untouched(client, plan, coordinator, member, network_member):
    client.force_login(network_member)
    user_deactivate(user=member, actor=coordinator)
    assert client.get(PROTECTED).status_code == 200


def test_the_epoch_stays_out_of_the_history_and_its_migration_rebuilds_no_table():
    assert "session_epoch" not in {f.name for f in User.history.model._meta.fields}
    migration = import_module("planmonitor.accounts.migrations.0004_user_session_epoch")
    [operation] = migration.Migration.operations
    assert isinstance(operation, AddField) and operation.model_name == "user"
    # Nullable without a default: SQLite adds the column (ALTER TABLE ADD COLUMN), no rebuild.
    assert operation.field.null and operation.field.default is NOT_PROVIDED
