"""Reminder mails, with a fixed clock: who gets which mail, once.

The round runs from 01/07/2026 to 31/12/2026, due 31/01/2027, with reminders
7 days before: from 24/01/2027 (before_due) and from 01/02/2027 (overdue).
"""

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone, translation

from planmonitor.accounts.models import Membership, Role
from planmonitor.monitoring.models import Reminder, RoundStatus
from planmonitor.monitoring.reminders import reminder_kind, reminders_send
from planmonitor.monitoring.reports import services
from planmonitor.monitoring.rounds import services as round_services
from planmonitor.notifications import outbox
from planmonitor.notifications.models import MailState, OutgoingMail
from planmonitor.plans.models import Action, Organisation
from planmonitor.tests.queries import assert_queries

from .rounds_helpers import accept, detail_url, open_round, report_of, report_url, submit

BASE = "https://planmonitor.example.org"
BEFORE_WINDOW = dt.date(2027, 1, 23)
FIRST_DAY = dt.date(2027, 1, 24)  # due − 7
DUE = dt.date(2027, 1, 31)
DAY_AFTER = dt.date(2027, 2, 1)


def _with_email(user):
    user.email = f"{user.username}@example.org"
    user.save()
    return user


@pytest.fixture
def people(owner, other_owner, coordinator, contributor, network_member):
    """Everybody with an address: only the right ones may get mail."""
    return {
        name: _with_email(user)
        for name, user in [
            ("owner", owner),
            ("other_owner", other_owner),
            ("coordinator", coordinator),
            ("contributor", contributor),
            ("network_member", network_member),
        ]
    }


@pytest.fixture
def reporting_round(plan, action, other_action, people):
    return open_round(plan, actions=[action, other_action])


def _send(today, **options):
    return reminders_send(today=today, base_url=BASE, **options)


def _owner_mails(outbox) -> dict[tuple[str, ...], str]:
    """Recipients → subject of the mails about one report (the overview excluded)."""
    return {tuple(m.to): m.subject for m in outbox if "T00" in m.subject}


def _overviews(outbox) -> list:
    return [m for m in outbox if "T00" not in m.subject]


# --- when -------------------------------------------------------------------------------


def test_nothing_is_sent_before_the_window(reporting_round, mailoutbox):
    assert _send(BEFORE_WINDOW) == []
    assert mailoutbox == []


def test_on_the_first_day_of_the_window_each_owner_gets_their_reminder(reporting_round, mailoutbox):
    sent = _send(FIRST_DAY)

    assert sorted((r.report.action.code, r.kind) for r in sent) == [
        ("T001", "before_due"),
        ("T002", "before_due"),
    ]
    mails = _owner_mails(mailoutbox)
    assert set(mails) == {("owner@example.org",), ("other-owner@example.org",)}
    assert "T001" in mails[("owner@example.org",)]
    assert "31/01/2027" in mails[("owner@example.org",)]


def test_the_mail_carries_the_due_date_and_the_link_to_the_report(
    reporting_round, mailoutbox, action
):
    _send(FIRST_DAY)

    mail = next(m for m in mailoutbox if m.to == ["owner@example.org"])
    report = report_of(reporting_round, action)
    assert "31/01/2027" in mail.body
    assert f"{BASE}{report_url(report)}" in mail.body
    assert action.title in mail.body
    assert "<" not in mail.body  # plain text, nothing escaped into entities either
    assert "&" not in mail.body


def test_a_missed_day_is_caught_up_later_in_the_window(reporting_round, mailoutbox):
    assert len(_send(dt.date(2027, 1, 30))) == 2


def test_nothing_is_sent_on_the_due_date_itself(reporting_round, mailoutbox):
    assert _send(DUE) == []


def test_from_the_day_after_the_due_date_late_reports_get_the_overdue_mail(
    reporting_round, mailoutbox
):
    _send(FIRST_DAY)
    mailoutbox.clear()

    sent = _send(DAY_AFTER)

    assert sorted(r.kind for r in sent) == ["overdue", "overdue"]
    assert set(_owner_mails(mailoutbox)) == {("owner@example.org",), ("other-owner@example.org",)}


def test_no_reminder_before_the_due_date_when_the_round_asks_for_none(
    plan, action, people, mailoutbox
):
    open_round(plan, actions=[action], reminder_days=0)
    assert _send(dt.date(2027, 1, 30)) == []
    assert len(_send(DAY_AFTER)) == 1


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (BEFORE_WINDOW, None),
        (FIRST_DAY, "before_due"),
        (dt.date(2027, 1, 30), "before_due"),
        (DUE, None),
        (DAY_AFTER, "overdue"),
        (dt.date(2027, 6, 1), "overdue"),
    ],
)
def test_the_kind_follows_the_calendar(plan, action, today, kind):
    assert reminder_kind(open_round(plan, actions=[action]), today=today) == kind


# --- who --------------------------------------------------------------------------------


def test_submitted_and_accepted_reports_get_nothing(
    reporting_round, action, other_action, people, mailoutbox
):
    submit(report_of(reporting_round, action), people["owner"])
    accept(submit(report_of(reporting_round, other_action), people["owner"]), people["coordinator"])

    assert _send(FIRST_DAY) == []
    assert _send(DAY_AFTER) == []
    assert mailoutbox == []


def test_a_returned_report_is_not_reminded_as_late(reporting_round, action, people, mailoutbox):
    # Issue 9 ("Deadlines"): a report submitted and returned is not late, and the
    # mail's "it has not been submitted yet" would be untrue (monitoring/deadlines.py).
    # It used to count as missing again.
    report = submit(report_of(reporting_round, action), people["owner"])
    services.report_transition(
        report_id=report.pk, transition="return", user=people["coordinator"], remarks="Cijfers?"
    )
    sent = _send(DAY_AFTER)
    assert sorted(r.report.action.code for r in sent) == ["T002"]


def test_deactivated_owners_get_nothing_and_the_coordinators_step_in(
    reporting_round, people, mailoutbox
):
    people["owner"].is_active = False
    people["owner"].save()

    _send(FIRST_DAY)

    recipients = {address for mail in mailoutbox for address in mail.to}
    assert "owner@example.org" not in recipients
    # T001 has no active owner left: its reminder goes to the coordinators.
    assert _owner_mails(mailoutbox)[("coordinator@example.org",)].count("T001") == 1


def test_an_active_colleague_still_gets_it_when_one_owner_left(
    reporting_round, people, plan, make_user, mailoutbox
):
    colleague = _with_email(make_user("colleague", plan, Role.ACTION_OWNER, ministers=("gennez",)))
    people["owner"].is_active = False
    people["owner"].save()

    _send(FIRST_DAY)

    assert ("colleague@example.org",) in _owner_mails(mailoutbox)
    assert colleague.is_active


def test_all_owners_of_an_action_get_one_mail_together(
    reporting_round, plan, make_user, mailoutbox
):
    _with_email(make_user("colleague", plan, Role.ACTION_OWNER, ministers=("gennez",)))

    _send(FIRST_DAY)

    t001 = [m for m in mailoutbox if "T001" in m.subject]
    assert len(t001) == 1
    assert sorted(t001[0].to) == ["colleague@example.org", "owner@example.org"]


def test_owners_of_the_lead_organisation_are_reminded_too(
    plan, action, people, make_user, mailoutbox
):
    organisation = Organisation.objects.filter(plan=plan).first()
    action.lead_organisation = organisation
    action.save()
    agency = _with_email(make_user("agency"))
    Membership.objects.create(
        user=agency, plan=plan, role=Role.ACTION_OWNER, organisation=organisation
    )
    open_round(plan, actions=[action])

    _send(FIRST_DAY)

    assert sorted(next(m for m in mailoutbox if "T001" in m.subject).to) == [
        "agency@example.org",
        "owner@example.org",
    ]


def test_contributors_and_the_network_get_no_reminders(reporting_round, mailoutbox):
    _send(FIRST_DAY)
    _send(DAY_AFTER)
    recipients = {address for mail in mailoutbox for address in mail.to}
    assert not recipients & {"contributor@example.org", "network@example.org"}


def test_an_owner_without_an_address_is_skipped_for_the_coordinators(
    reporting_round, people, mailoutbox
):
    people["other_owner"].email = ""
    people["other_owner"].save()

    _send(FIRST_DAY)

    assert "T002" in _owner_mails(mailoutbox)[("coordinator@example.org",)]


def test_without_anyone_to_mail_nothing_is_claimed(plan, action, owner, coordinator, mailoutbox):
    open_round(plan, actions=[action])  # nobody has an e-mail address
    assert _send(FIRST_DAY) == []
    assert not Reminder.objects.exists()


# --- the coordinator's overview ----------------------------------------------------------


def test_the_coordinator_gets_one_overview_per_round_and_kind(reporting_round, mailoutbox):
    _send(FIRST_DAY)
    _send(dt.date(2027, 1, 25))
    _send(DAY_AFTER)
    _send(dt.date(2027, 2, 2))

    overviews = _overviews(mailoutbox)
    assert [m.to for m in overviews] == [["coordinator@example.org"]] * 2
    before, after = overviews
    for overview in overviews:
        assert "T001" in overview.body and "T002" in overview.body
        assert f"{BASE}{detail_url(reporting_round)}" in overview.body
        assert "31/01/2027" in overview.subject


def test_a_report_missing_again_later_does_not_repeat_the_overview(
    reporting_round, action, people, mailoutbox
):
    # Missing later: its due date was extended (a returned report is never late).
    services.report_due_date_extend(
        report_id=report_of(reporting_round, action).pk,
        due_date=dt.date(2027, 2, 1),
        reason="Ziekte.",
    )
    _send(DAY_AFTER)  # T002 overdue, overview lists T002
    mailoutbox.clear()

    sent = _send(dt.date(2027, 2, 2))

    assert [r.report.action.code for r in sent] == ["T001"]
    assert _overviews(mailoutbox) == []


def test_the_overview_lists_every_missing_report_with_its_state(
    reporting_round, action, other_action, people, mailoutbox
):
    services.report_update(
        report_id=report_of(reporting_round, action).pk, values={"done": "x"}, expected_version=1
    )
    _send(DAY_AFTER)
    body = _overviews(mailoutbox)[0].body
    assert "T001" in body and "T002" in body
    assert f"{BASE}{report_url(report_of(reporting_round, other_action))}" in body


# --- idempotence ---------------------------------------------------------------------------


def test_a_second_run_sends_nothing(reporting_round, mailoutbox):
    _send(FIRST_DAY)
    count = len(mailoutbox)

    assert _send(FIRST_DAY) == []
    assert _send(dt.date(2027, 1, 28)) == []
    assert len(mailoutbox) == count
    assert Reminder.objects.count() == 2


def test_each_reminder_is_recorded_with_its_recipients(reporting_round, action, mailoutbox):
    _send(FIRST_DAY)
    reminder = Reminder.objects.get(report__action=action)
    assert (reminder.kind, reminder.recipients) == ("before_due", "owner@example.org")


def test_a_reminder_claimed_by_another_run_is_not_sent_again(reporting_round, action, mailoutbox):
    # Another run inserted its row after we read the sent reminders: the unique
    # constraint refuses our claim, and the mail is left to that run.
    Reminder.objects.create(
        report=report_of(reporting_round, action),
        kind="before_due",
        sent_at=dt.datetime(2027, 1, 24, 6, tzinfo=dt.UTC),
        recipients="owner@example.org",
    )
    with mock.patch("planmonitor.monitoring.reminders._already_sent", return_value=set()):
        sent = _send(FIRST_DAY)

    assert [r.report.action.code for r in sent] == ["T002"]
    assert all("T001" not in m.subject for m in mailoutbox)
    assert _overviews(mailoutbox) == []  # the other run claimed the round's first reminder


def test_the_mails_are_in_the_language_of_the_site_whatever_is_active(
    reporting_round, action, mailoutbox, settings
):
    edited = services.report_update(
        report_id=report_of(reporting_round, action).pk, values={"done": "x"}, expected_version=1
    )
    assert edited.version == 2  # in progress; T002 is not started
    settings.LANGUAGE_CODE = "nl"
    with translation.override("en"):
        _send(FIRST_DAY)
    # The overview names each report's state: T002 is "not started", in Dutch.
    assert "Niet gestart" in _overviews(mailoutbox)[0].body


def test_a_closed_round_sends_nothing(reporting_round, mailoutbox):
    round_services.round_set_status(round_id=reporting_round.pk, status=RoundStatus.CLOSED)
    assert _send(FIRST_DAY) == []
    assert _send(DAY_AFTER) == []
    assert mailoutbox == []


def test_a_refused_mail_waits_in_the_outbox_and_leaves_once(reporting_round, mailoutbox):
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=ConnectionRefusedError,
    ):
        assert len(_send(FIRST_DAY)) == 2  # claimed, and queued in the outbox
    assert mailoutbox == []
    # (The round's opening queued notification mails too: their tasks run after a commit.)
    OutgoingMail.objects.filter(key__startswith="notification:").delete()
    assert sorted(OutgoingMail.objects.values_list("key", "state")) == [
        (f"overview:{reporting_round.pk}:before_due", MailState.RETRYING),
        *((key, MailState.RETRYING) for key in _reminder_keys()),
    ]

    assert _send(dt.date(2027, 1, 25)) == []  # the next run queues nothing again
    OutgoingMail.objects.update(next_attempt_at=timezone.now())  # the retries are due
    assert outbox.outbox_send_due().sent == 3
    assert len(mailoutbox) == 3
    assert len(_overviews(mailoutbox)) == 1
    assert outbox.outbox_send_due().sent == 0


def _reminder_keys() -> list[str]:
    return sorted(f"reminder:{r.report_id}:{r.kind}" for r in Reminder.objects.all())


def test_a_dry_run_sends_and_records_nothing(reporting_round, mailoutbox):
    would = _send(FIRST_DAY, dry_run=True)

    assert sorted(r.report.action.code for r in would) == ["T001", "T002"]
    assert all(r.pk is None for r in would)
    assert mailoutbox == []
    assert not Reminder.objects.exists()
    assert len(_send(FIRST_DAY)) == 2  # the real run still sends


# One run for one open round: a fixed set of reads, whatever the number of reports ...
READS = [
    ("SELECT monitoring_reportinground", "the open rounds with their plan"),
    ("SELECT monitoring_progressreport", "their missing reports with the lead minister"),
    ("SELECT monitoring_reminder", "the reminders sent before (a shortcut)"),
    ("SELECT accounts_membership", "the active action owners"),
    ("SELECT plans_minister", "... and the ministers they work for (prefetch)"),
    ("SELECT accounts_membership", "the coordinators, who get a copy and the overview"),
    ("SELECT monitoring_reminder", "the overview: which claimed reminder carries it"),
]
# ... and one claim per mail, in its own savepoint: the constraint decides who sends it;
# the mail is queued in the outbox with the claim, and sent at the end of the run.
QUEUE = [
    ("SAVEPOINT", "the outbox row's own savepoint: its key is unique"),
    ("INSERT notifications_outgoingmail", "the mail, rendered"),
    ("RELEASE SAVEPOINT", "the outbox row's own savepoint"),
]
SEND = [
    ("UPDATE notifications_outgoingmail", "the mail claimed by this run (queued → sending)"),
    ("UPDATE notifications_outgoingmail", "the mail marked sent once the server took it"),
]
CLAIM = [
    ("SAVEPOINT", "a claim per mail"),
    ("INSERT monitoring_reminder", "the claim: one row per report and kind"),
    *QUEUE,
    ("RELEASE SAVEPOINT", "a claim per mail"),
    *SEND,
]
OVERVIEW = [*QUEUE, *SEND]


def _run_sends(today, mails: int) -> None:
    with assert_queries([*READS, *CLAIM * mails, *OVERVIEW]):
        sent = _send(today)
    assert len(sent) == mails


def test_its_reads_do_not_grow_with_the_number_of_reports(
    plan, action, other_action, people, mailoutbox
):
    open_round(plan, actions=[action, other_action])
    _run_sends(FIRST_DAY, mails=2)
    more = [
        Action.objects.create(
            plan=plan,
            code=f"T1{n:02}",
            title=f"Testactie {n}",
            operational_goal=action.operational_goal,
            lead_minister=other_action.lead_minister if n % 2 else action.lead_minister,
        )
        for n in range(20)
    ]
    open_round(plan, name="Groot", actions=[action, other_action, *more])

    _run_sends(FIRST_DAY, mails=22)


def test_a_dry_run_does_not_announce_an_overview_sent_before(
    reporting_round, action, people, mailoutbox
):
    # Missing later: its due date was extended (a returned report is never late).
    services.report_due_date_extend(
        report_id=report_of(reporting_round, action).pk,
        due_date=dt.date(2027, 2, 5),
        reason="Ziekte.",
    )
    _send(FIRST_DAY)  # T002 and the overview
    lines = []

    would = _send(dt.date(2027, 1, 30), dry_run=True, echo=lines.append)

    assert [r.report.action.code for r in would] == ["T001"]
    assert len(lines) == 1 and "overview" not in lines[0]
