"""The send_reminders management command, as the daily scheduler runs it."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from planmonitor.monitoring.models import Reminder

from .rounds_helpers import open_round, report_of, report_url


@pytest.fixture
def reporting_round(plan, action, owner, coordinator):
    for user in (owner, coordinator):
        user.email = f"{user.username}@example.org"
        user.save()
    return open_round(plan, actions=[action])


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"  # the commands speak the interface's language


def _run(*args) -> str:
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_it_sends_what_is_due_on_the_given_day(reporting_round, action, mailoutbox):
    output = _run("--today", "2027-01-24")

    assert "T001" in output and "owner@example.org" in output
    assert "Sent 1 reminder for 2027-01-24." in output
    assert [m.to for m in mailoutbox] == [["owner@example.org"], ["coordinator@example.org"]]
    link = f"http://127.0.0.1:8000{report_url(report_of(reporting_round, action))}"
    assert link in mailoutbox[0].body


def test_the_links_start_with_the_base_url(reporting_round, action, mailoutbox):
    _run("--today", "2027-02-01", "--base-url", "https://planmonitor.example.org/")
    link = f"https://planmonitor.example.org{report_url(report_of(reporting_round, action))}"
    assert link in mailoutbox[0].body


def test_running_it_twice_sends_nothing_more(reporting_round, mailoutbox):
    _run("--today", "2027-01-24")
    output = _run("--today", "2027-01-24")
    assert "Sent 0 reminders" in output
    assert len(mailoutbox) == 2


def test_a_dry_run_only_tells(reporting_round, mailoutbox):
    output = _run("--today", "2027-01-24", "--dry-run")

    assert "(dry run) T001" in output
    assert "Would send 1 reminder for" in output
    assert mailoutbox == []
    assert not Reminder.objects.exists()


def test_without_a_date_it_acts_on_today(reporting_round, mailoutbox):
    # Today (the test machine's) is before or after the 2027 window: either way it runs.
    assert f"for {timezone.localdate().isoformat()}." in _run()


@pytest.mark.parametrize(
    "args",
    [("--today", "24/01/2027"), ("--today", "2027-02-30"), ("--base-url", "planmonitor.org")],
)
def test_it_refuses_bad_options(db, args):
    with pytest.raises(CommandError):
        _run(*args)
