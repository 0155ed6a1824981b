"""Privacy by design: anonymising a person who left, and how long personal data is kept.

``person_anonymise`` replaces a person's name and e-mail address by a pseudonym
everywhere planmonitor holds them, in one transaction:

* their account: a pseudonym for username, name and e-mail, no usable password, inactive,
  every session ended;
* what only they used is deleted: API tokens, sessions, two-step login devices,
  notifications, notification preferences and mail settings, login-attempt records;
* every other row that holds their name or e-mail (a sheet's contact person, "approved
  by", the texts others wrote, the search index) gets the pseudonym instead;
* the audit trail (history rows and change-log events, append-only and sealed) the same,
  through ``audit.redaction``: each rewritten row gets a sealed redaction record, so
  ``verify_audit`` still passes and the history pages show the pseudonym.

The pseudonym comes from a random value drawn once and kept in the username
(``former-7f3a9c``), not from a hash of the e-mail address, which anyone could recompute
from a guess. The person's ids stay: who did what remains one (pseudonymous) person.

``personal_data_purge`` deletes what is kept only for a while (``RETENTION``); the
scheduler runs ``manage.py purge_personal_data`` daily. See docs/privacy.md.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_otp import devices_for_user

from planmonitor.accounts import selectors
from planmonitor.accounts.models import User
from planmonitor.accounts.policy import forget_memberships
from planmonitor.accounts.services import _refuse_losing_last_coordinator
from planmonitor.api.models import ApiToken
from planmonitor.audit.history import AuditedHistory, sealed_models
from planmonitor.audit.models import Event
from planmonitor.audit.redaction import redact
from planmonitor.notifications.models import (
    MailSettings,
    MailState,
    Notification,
    OutgoingMail,
    Preference,
)
from planmonitor.plans.models import SearchEntry
from planmonitor.plans.search import index_actions

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PSEUDONYM_USERNAME = "former-{code}"
PSEUDONYM_EMAIL = "former-user-{code}@anonymised.invalid"
REDACTION_REASON = "person anonymised"
# A one-word name ("Jan") or a username ("lead") is replaced only where it is the whole
# value: as a word inside others' texts it would hit other people and ordinary words.
MIN_NAME_WORDS = 2
# Tables the scan leaves alone: handled on their own below, or hold no personal text.
_SKIPPED = {"audit_seal", "audit_seallayout", "audit_redaction", "django_session"}


# --- finding the person ------------------------------------------------------------------


def person_find(identifier: str) -> User:
    """The account whose username or e-mail address is ``identifier`` (any case)."""
    identifier = identifier.strip()
    by_username = User.objects.filter(username__iexact=identifier)
    if len(found := list(by_username[:2])) == 1:
        return found[0]
    by_email = list(User.objects.filter(email__iexact=identifier)[:2]) if identifier else []
    if len(by_email) == 1:
        return by_email[0]
    if found or by_email:
        raise ValidationError(
            _("Several accounts have the username or e-mail address %(who)s: give the username.")
            % {"who": identifier}
        )
    raise ValidationError(
        _("No account has the username or e-mail address %(who)s.") % {"who": identifier}
    )


# --- anonymising -------------------------------------------------------------------------


@dataclass
class Anonymisation:
    """What ``person_anonymise`` did (or, in a dry run, would do)."""

    user_id: int
    pseudonym: str
    already: bool = False
    dry_run: bool = False
    # Table → rows whose name or e-mail was replaced (live rows, history rows, events).
    replaced: Counter[str] = field(default_factory=Counter)
    # What was deleted → how many rows.
    deleted: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class _Identity:
    """Every name, e-mail address and username the person had, and what replaces them."""

    in_text: dict[str, str]  # found inside a text (e-mails, full names) → replacement
    whole: dict[str, str]  # replaced only as a whole value (one-word names, usernames)

    @property
    def pattern(self) -> re.Pattern[str] | None:
        if not self.in_text:
            return None
        terms = sorted(self.in_text, key=len, reverse=True)  # the longest first
        return re.compile(
            r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")(?!\w)", re.IGNORECASE
        )

    def scrub(self, value: Any, pattern: re.Pattern[str] | None) -> Any:
        if isinstance(value, str):
            whole = self.whole.get(value.strip().casefold())
            if whole is not None:
                return whole
            if pattern is None:
                return value
            return pattern.sub(lambda m: self.in_text[m.group(0).casefold()], value)
        if isinstance(value, list):
            return [self.scrub(item, pattern) for item in value]
        if isinstance(value, dict):
            return {key: self.scrub(item, pattern) for key, item in value.items()}
        return value

    def search_terms(self) -> set[str]:
        """For the database's (i)contains: also in the form JSON stores them (\\u escapes)."""
        terms = set(self.in_text) | set(self.whole)
        return terms | {json.dumps(term)[1:-1] for term in terms}


def person_anonymise(*, user: User, dry_run: bool = False) -> Anonymisation:
    """Replace ``user``'s name and e-mail by a pseudonym everywhere; see the module's note.

    Idempotent: a person anonymised before is left as they are. ``dry_run`` does it all
    and rolls it back, so the counts are exactly those a real run gives.
    """
    if user.anonymised_at is not None:
        return Anonymisation(user_id=user.pk, pseudonym=str(user), already=True, dry_run=dry_run)
    with transaction.atomic():
        for plan in selectors.plans_coordinated_by(user):
            _refuse_losing_last_coordinator(plan=plan, user=user)
        code = _new_code()
        first_name, last_name = _("Person"), code
        pseudonym = f"{first_name} {last_name}"
        email = PSEUDONYM_EMAIL.format(code=code)
        username = PSEUDONYM_USERNAME.format(code=code)
        report = Anonymisation(user_id=user.pk, pseudonym=pseudonym, dry_run=dry_run)
        identity = _identity(user, pseudonym=pseudonym, email=email)

        report.deleted.update(_delete_personal_rows(user, identity))
        _replace_own_rows(user, report, pseudonym, username, first_name, last_name, email)
        _replace_everywhere(user, identity, report)

        user.username, user.email = username, email
        user.first_name, user.last_name = first_name, last_name
        user.set_unusable_password()
        user.is_active = False
        user.last_login = None
        user.end_sessions()
        user.anonymised_at = timezone.now()
        user._change_reason = "Anonymised: the person left"
        user.full_clean()
        user.save()
        forget_memberships(user)
        if dry_run:
            transaction.set_rollback(True)
    if dry_run:
        user.refresh_from_db()
    return report


def _new_code() -> str:
    """Six random hex digits, drawn once: the pseudonym says nothing about the person."""
    while True:
        code = secrets.token_hex(3)
        if not User.objects.filter(username=PSEUDONYM_USERNAME.format(code=code)).exists():
            return code


def _identity(user: User, *, pseudonym: str, email: str) -> _Identity:
    """The names and addresses the person has had: now, and in their account's history."""
    history = user.history.values_list("username", "first_name", "last_name", "email")
    states = [(user.username, user.first_name, user.last_name, user.email), *history]
    in_text: dict[str, str] = {}
    whole: dict[str, str] = {}
    for username, first_name, last_name, address in states:
        full_name = f"{first_name} {last_name}".strip()
        for value, replacement in ((address, email), (username, pseudonym)):
            if "@" in value:
                in_text[value.casefold()] = email
            elif value:
                whole[value.casefold()] = replacement
        if len(full_name.split()) >= MIN_NAME_WORDS:
            in_text[full_name.casefold()] = pseudonym
        elif full_name:
            whole[full_name.casefold()] = pseudonym
    return _Identity(in_text=in_text, whole=whole)


def _delete_personal_rows(user: User, identity: _Identity) -> dict[str, int]:
    """What served only the person: gone, not pseudonymised."""
    deleted = {
        "sessions": _sessions_delete(user),
        "api tokens": ApiToken.objects.filter(user=user).delete()[0],
        "notifications": Notification.objects.filter(recipient=user).delete()[0],
        "notification preferences": Preference.objects.filter(user=user).delete()[0],
        "mail settings": MailSettings.objects.filter(user=user).delete()[0],
        "outgoing mails": OutgoingMail.objects.filter(recipient=user).delete()[0],
    }
    devices = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()  # a static device takes its backup codes with it
        devices += 1
    deleted["two-step login devices"] = devices
    names = Q()
    for term in {*identity.in_text, *identity.whole}:
        names |= Q(username__iexact=term)
    attempts = 0
    if names:
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            attempts += model.objects.filter(names).delete()[0]
    deleted["login records"] = attempts
    return deleted


def _sessions_delete(user: User) -> int:
    """Sessions name their user only inside the encoded data: decode each live one."""
    ids = [
        session.pk
        for session in Session.objects.filter(expire_date__gte=timezone.now()).iterator()
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    return Session.objects.filter(pk__in=ids).delete()[0]


def _replace_own_rows(
    user: User,
    report: Anonymisation,
    pseudonym: str,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
) -> None:
    """The rows about the person by id: their account's history, what they did, the events
    about their account. Whatever their name was then."""
    account = {
        "username": username,
        "first_name": first_name,
        "last_name": last_name,
        "email": email,
    }
    history_model = User.history.model
    _apply(history_model, {pk: account for pk in _pks(user.history.all())}, report)
    for model in sealed_models():
        if issubclass(model, AuditedHistory):
            rows = model._default_manager.filter(
                history_user_id=user.pk  # type: ignore[misc]  # simple-history's column
            ).exclude(history_user_name=pseudonym)
            _apply(model, {pk: {"history_user_name": pseudonym} for pk in _pks(rows)}, report)
    actor_events = Event.objects.filter(actor_id=user.pk).exclude(actor_name=pseudonym)
    _apply(Event, {pk: {"actor_name": pseudonym} for pk in _pks(actor_events)}, report)
    about = Event.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=user.pk
    ).exclude(object_label=pseudonym)
    _apply(Event, {pk: {"object_label": pseudonym} for pk in _pks(about)}, report)


def _replace_everywhere(user: User, identity: _Identity, report: Anonymisation) -> None:
    """Every text column of every table (live, history, events): the name or e-mail
    inside it replaced. The search index is rebuilt for the actions it names them in."""
    terms = identity.search_terms()
    pattern = identity.pattern
    for model, text_fields in _text_columns():
        if model is SearchEntry:
            continue
        found = Q()
        for f in text_fields:
            for term in terms:
                found |= Q(**{f"{f.attname}__icontains": term})
        rows = model._default_manager.filter(found)
        if model is User:
            rows = rows.exclude(pk=user.pk)  # the account itself: saved last, with history
        changes = {}
        for row in rows.values(model._meta.pk.attname, *(f.attname for f in text_fields)):
            pk = row.pop(model._meta.pk.attname)
            new = {name: identity.scrub(value, pattern) for name, value in row.items()}
            changed = {name: value for name, value in new.items() if value != row[name]}
            if changed:
                changes[pk] = changed
        _apply(model, changes, report)
    entries = Q()
    for term in terms:
        entries |= Q(extra__icontains=term) | Q(body__icontains=term) | Q(head__icontains=term)
    action_ids = set(SearchEntry.objects.filter(entries).values_list("action_id", flat=True))
    index_actions(action_ids)
    if action_ids:
        report.replaced[SearchEntry._meta.db_table] += len(action_ids)


def _text_columns() -> Iterator[tuple[type[models.Model], list[models.Field[Any, Any]]]]:
    for model in apps.get_models():
        if model._meta.db_table in _SKIPPED or not model._meta.managed:
            continue
        text_fields: list[models.Field[Any, Any]] = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
            and not f.primary_key
            and not f.choices
            and f.name != "password"  # a hash: nothing to find, and never to rewrite
        ]
        if text_fields:
            yield model, text_fields


def _pks(rows: models.QuerySet[Any]) -> list[Any]:
    return list(rows.values_list("pk", flat=True))


def _apply(
    model: type[models.Model], changes: dict[Any, dict[str, Any]], report: Anonymisation
) -> None:
    """Write the changes: a sealed row through a redaction, any other row by UPDATE.

    A live row of an audited model gets no history row of its own: its history is
    redacted alike, so the two still agree."""
    if not changes:
        return
    if model in sealed_models():
        redact(model, changes, reason=REDACTION_REASON)
    else:
        for pk, values in changes.items():
            model._default_manager.filter(pk=pk).update(**values)
    report.replaced[model._meta.db_table] += len(changes)


# --- retention ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Retention:
    """Rows of ``model`` whose ``column`` is more than ``days`` old go (``also``: and match)."""

    key: str
    label: StrOrPromise
    days: int
    model: type[models.Model]
    column: str
    also: dict[str, Any] = field(default_factory=dict)

    def rows(self, now: dt.datetime) -> models.QuerySet[Any]:
        cutoff = now - dt.timedelta(days=self.days)
        return self.model._default_manager.filter(**{f"{self.column}__lt": cutoff}, **self.also)


RETENTION = [
    Retention("sessions", _lazy("expired sessions"), 0, Session, "expire_date"),
    Retention(
        "login_attempts", _lazy("login attempts and lockouts"), 90, AccessAttempt, "attempt_time"
    ),
    Retention("failed_logins", _lazy("failed logins"), 90, AccessFailureLog, "attempt_time"),
    Retention("logins", _lazy("logins"), 90, AccessLog, "attempt_time"),
    Retention("read_notifications", _lazy("read notifications"), 180, Notification, "read_at"),
    Retention(
        "unread_notifications",
        _lazy("unread notifications"),
        365,
        Notification,
        "created_at",
        {"read_at__isnull": True},
    ),
    # The outbox keeps each mail's addresses and text: a sent mail a year after it left, one
    # given up a year after it was queued. Not while a notification still points at it:
    # without its row (its unique key), that one could be mailed again.
    Retention(
        "sent_mails",
        _lazy("sent mails in the outbox"),
        365,
        OutgoingMail,
        "sent_at",
        {"notifications__isnull": True, "state": MailState.SENT},
    ),
    Retention(
        "failed_mails",
        _lazy("mails given up in the outbox"),
        365,
        OutgoingMail,
        "queued_at",
        {"notifications__isnull": True, "state": MailState.FAILED},
    ),
]


@transaction.atomic
def personal_data_purge(*, now: dt.datetime | None = None, dry_run: bool = False) -> dict[str, int]:
    """Delete what ``RETENTION`` keeps no longer; returns, per kind, how many rows."""
    now = now or timezone.now()
    counts = {}
    for rule in RETENTION:
        rows = rule.rows(now)
        counts[rule.key] = rows.count() if dry_run else rows.delete()[0]
    return counts
