"""Anonymising a person who left: their name and e-mail gone from every table, the audit
trail still verifying, the history pages showing the pseudonym."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from planmonitor.accounts.models import Membership, Role, User
from planmonitor.api.models import ApiToken
from planmonitor.api.tokens.services import personal_token_create
from planmonitor.audit.context import audit_context
from planmonitor.audit.models import Redaction, Seal, SealLayout
from planmonitor.audit.redaction import RedactionRefused
from planmonitor.audit.verify import verify_audit
from planmonitor.audit.views import history_url
from planmonitor.monitoring.models import SheetVersion
from planmonitor.monitoring.sheets import services as sheets
from planmonitor.notifications.models import Notification, Preference
from planmonitor.plans.models import Minister
from planmonitor.privacy.services import person_anonymise, person_find
from planmonitor.tests.html import parse_html

from ...audit.tests.tampering import triggers_dropped

NAME = "Renée Van den Bossche"
EMAIL = "renee.vandenbossche@example.org"
OLD_EMAIL = "renee.old@example.org"
USERNAME = "rvdbossche"
# What must be found nowhere afterwards; JSON columns keep é as \u00e9.
TRACES = [NAME, EMAIL, OLD_EMAIL, USERNAME, "Ren\\u00e9e Van den Bossche"]


@pytest.fixture
def leaver(plan) -> User:
    user = User.objects.create_user(
        username=USERNAME, password="x-test-password-123", email=OLD_EMAIL
    )
    membership = Membership.objects.create(user=user, plan=plan, role=Role.ACTION_OWNER)
    membership.ministers.set([Minister.objects.get(key="gennez")])
    # A change of name and address: the history keeps the old ones.
    user.first_name, user.last_name, user.email = "Renée", "Van den Bossche", EMAIL
    user.save()
    return user


@pytest.fixture
def traces(client, leaver, action, coordinator) -> User:
    """The leaver's name and e-mail in history, events, a sheet, an approved version,
    others' texts; their token, session, device, notifications, login records."""
    with audit_context(channel="web", user=leaver):
        action.title = "Titel door Renée"
        action.save()
        sheet = sheets.sheet_for(action)
        sheets.sheet_update(
            sheet_id=sheet.pk,
            values={"contact_name": NAME, "contact_email": EMAIL, "risks": "Geen."},
            expected_version=sheet.version,
        )
        sheets.sheet_transition(sheet_id=sheet.pk, transition="submit", user=leaver)
    with audit_context(channel="web", user=coordinator):
        sheets.sheet_transition(
            sheet_id=sheet.pk,
            transition="approve",
            user=coordinator,
            remarks=f"Goed. Vragen aan {NAME} ({EMAIL}).",
        )
    personal_token_create(user=leaver, name=f"Token van {NAME}")
    Notification.objects.create(recipient=leaver, kind="x", url="/", title=f"Voor {NAME}")
    Preference.objects.create(user=leaver, kind="x", delivery="none")
    TOTPDevice.objects.create(user=leaver, name="app", confirmed=True)
    AccessAttempt.objects.create(
        username=EMAIL, ip_address="10.0.0.1", failures_since_start=1, get_data="", post_data=""
    )
    client.force_login(leaver)
    return leaver


def _found(terms: list[str]) -> list[tuple[str, str, str]]:
    """(table, column, term) wherever a term is in a text value: every table, raw SQL."""
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("utf-8", "replace")
                    if not isinstance(value, str):
                        continue
                    for term in terms:
                        if term.casefold() in value.casefold():
                            hits.append((table, column, term))
    return hits


def test_it_leaves_the_name_and_email_nowhere_in_the_database(traces):
    assert {table for table, _c, _t in _found(TRACES)} >= {
        "accounts_user",
        "accounts_historicaluser",
        "plans_historicalaction",
        "monitoring_actionsheet",
        "monitoring_historicalactionsheet",
        "monitoring_sheetversion",
        "audit_event",
        "api_apitoken",
    }, "the fixture puts the traces where the test looks"

    report = person_anonymise(user=traces)

    assert _found(TRACES) == []
    user = User.objects.get(pk=traces.pk)
    assert str(user) == report.pseudonym
    assert user.email.endswith("@anonymised.invalid")
    assert report.replaced["audit_event"] > 0 and report.replaced["monitoring_actionsheet"] == 1


def test_it_keeps_the_audit_trail_verifying(traces):
    person_anonymise(user=traces)

    result = verify_audit()
    assert result.ok, result.problems
    assert Redaction.objects.exists()
    call_command("verify_audit")  # exit status 0


def test_the_triggers_are_back_and_the_redactions_append_only(traces):
    person_anonymise(user=traces)
    history = User.history.model.objects.filter(id=traces.pk)
    for rows in (history, Redaction.objects.all()):
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
            rows.update(**{"history_user_name" if rows is history else "reason": "x"})
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
            rows.delete()


def test_a_redacted_row_changed_afterwards_is_still_detected(traces):
    # Even back to what was sealed first: once redacted, only the redaction is the truth.
    person_anonymise(user=traces)
    history_table = "plans_historicalaction"
    layouts = SealLayout.objects.filter(table=history_table).values("pk")
    row = Redaction.objects.filter(layout__in=layouts).latest("id")

    with triggers_dropped(history_table), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {history_table} SET history_user_name = %s WHERE history_id = %s",
            [NAME, row.row_id],
        )

    problems = verify_audit().problems
    assert [(p.kind, p.table, p.row_id) for p in problems] == [
        ("changed", history_table, row.row_id)
    ]


def test_it_refuses_to_redact_a_row_changed_past_the_application(traces):
    # A redaction must not launder tampering: the row stays as found, verify_audit reports it.
    table = "plans_historicalaction"
    row_id = (
        Seal.objects.filter(layout__in=SealLayout.objects.filter(table=table).values("pk"))
        .latest("id")
        .row_id
    )
    with triggers_dropped(table), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET title = %s WHERE history_id = %s", ["x", row_id])

    with pytest.raises(RedactionRefused, match=table):
        person_anonymise(user=traces)

    assert User.objects.get(pk=traces.pk).anonymised_at is None
    assert not Redaction.objects.exists()
    assert [p.kind for p in verify_audit().problems] == ["changed"]


def test_the_history_pages_show_the_pseudonym(client, traces, action, coordinator):
    report = person_anonymise(user=traces)
    client.force_login(coordinator)

    action_page = parse_html(client.get(history_url(action)))
    users = [tag.text for tag in action_page.select(".history__user")]
    assert report.pseudonym in users
    sheet_page = client.get(history_url(action.sheet))
    assert sheet_page.status_code == 200
    text = sheet_page.content.decode()
    assert report.pseudonym in text
    assert NAME not in text and EMAIL not in text


def test_the_person_can_no_longer_log_in(client, traces):
    session_key = client.session.session_key
    person_anonymise(user=traces)

    user = User.objects.get(pk=traces.pk)
    assert not user.is_active and not user.has_usable_password()
    assert not Session.objects.filter(session_key=session_key).exists()
    assert client.get(reverse("accounts:own_stand_ins")).status_code == 302
    client.logout()
    client.post(reverse("login"), {"username": EMAIL, "password": "x-test-password-123"})
    assert "_auth_user_id" not in client.session


def test_it_deletes_what_only_the_person_used(traces):
    report = person_anonymise(user=traces)

    assert not ApiToken.objects.filter(user=traces).exists()
    assert not TOTPDevice.objects.filter(user=traces).exists()
    assert not Notification.objects.filter(recipient=traces).exists()
    assert not Preference.objects.filter(user=traces).exists()
    assert not AccessAttempt.objects.exists()
    assert report.deleted["api tokens"] == 1 and report.deleted["sessions"] == 1
    # Their roles stay: what they did remains attributed to the (pseudonymous) person.
    assert Membership.objects.filter(user=traces).exists()


def test_the_approved_version_names_the_pseudonym(traces, action):
    report = person_anonymise(user=traces)

    version = SheetVersion.objects.get(sheet=action.sheet)
    assert version.content["contact_name"] == report.pseudonym
    assert version.content["contact_email"] == User.objects.get(pk=traces.pk).email


def test_a_dry_run_changes_nothing(traces):
    seals = Seal.objects.count()
    before = _found(TRACES)

    report = person_anonymise(user=traces, dry_run=True)

    assert report.dry_run and report.replaced["audit_event"] > 0
    assert _found(TRACES) == before
    assert Seal.objects.count() == seals and not Redaction.objects.exists()
    assert User.objects.get(pk=traces.pk).is_active
    assert traces.is_active and traces.username == USERNAME  # the object is reloaded


def test_running_it_twice_is_harmless(traces):
    first = person_anonymise(user=traces)
    seals = Seal.objects.count()
    user = User.objects.get(pk=traces.pk)

    second = person_anonymise(user=user)

    assert second.already and second.pseudonym == first.pseudonym
    assert Seal.objects.count() == seals
    assert verify_audit().ok


def test_the_pseudonym_is_random_not_derived_from_the_person(plan, make_user):
    users = [make_user(f"twin{i}") for i in range(2)]
    for user in users:
        user.email = "same@example.org"  # the same address twice: still two pseudonyms
        user.save()
    codes = {person_anonymise(user=user).pseudonym for user in users}
    assert len(codes) == 2


def test_it_refuses_the_last_coordinator(coordinator):
    with pytest.raises(ValidationError, match="laatste actieve"):
        person_anonymise(user=coordinator)
    assert User.objects.get(pk=coordinator.pk).anonymised_at is None


def test_it_finds_the_person_by_username_or_email(leaver):
    assert person_find(USERNAME) == leaver
    assert person_find(EMAIL.upper()) == leaver


# --- the command ---------------------------------------------------------------------


def test_the_command_anonymises_with_yes(traces, capsys):
    call_command("anonymise_person", EMAIL, "--yes")

    user = User.objects.get(pk=traces.pk)
    assert user.anonymised_at is not None
    assert str(user) in capsys.readouterr().out


def test_the_command_asks_first(traces, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda question: "nee")
    with pytest.raises(CommandError):
        call_command("anonymise_person", USERNAME)
    assert User.objects.get(pk=traces.pk).anonymised_at is None


def test_the_command_dry_run_changes_nothing(traces, capsys):
    call_command("anonymise_person", USERNAME, "--dry-run")

    assert User.objects.get(pk=traces.pk).anonymised_at is None
    assert "audit_event" in capsys.readouterr().out


def test_the_command_refuses_an_unknown_person(db):
    with pytest.raises(CommandError, match="nobody@example.org"):
        call_command("anonymise_person", "nobody@example.org", "--yes")


def test_the_command_says_when_there_is_nothing_to_do(traces, capsys):
    call_command("anonymise_person", USERNAME, "--yes")
    user = User.objects.get(pk=traces.pk)
    capsys.readouterr()

    call_command("anonymise_person", user.username, "--yes")

    assert str(user) in capsys.readouterr().out


def test_it_records_when(traces):
    before = timezone.now() - dt.timedelta(seconds=1)
    person_anonymise(user=traces)
    assert User.objects.get(pk=traces.pk).anonymised_at > before
