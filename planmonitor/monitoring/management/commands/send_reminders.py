"""Daily: mail the owners of progress reports due soon or late (see monitoring/reminders.py)."""

import datetime as dt
from urllib.parse import urlsplit

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from planmonitor.audit.history import as_command
from planmonitor.core.commands import Command as BaseCommand
from planmonitor.monitoring.reminders import DEFAULT_BASE_URL, reminders_send


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("--today: %(value)r is not a date in the form YYYY-MM-DD.") % {"value": value}
        ) from None


class Command(BaseCommand):
    help = (
        "Send the reminders for progress reports of open rounds that are not submitted: one "
        "mail per report some days before the due date (the round's setting), one the day "
        "after it, and an overview per round for the coordinators. A scheduler runs it daily; "
        "running it again sends nothing twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=str,
            help="The day to act as if it were today, YYYY-MM-DD (default: today).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be sent; send and record nothing.",
        )
        parser.add_argument(
            "--base-url",
            default=DEFAULT_BASE_URL,
            help=f"Scheme and host the links in the mails start with ({DEFAULT_BASE_URL}).",
        )

    @as_command
    def handle(self, *args, **options) -> None:
        today = _day(options["today"]) if options["today"] else timezone.localdate()
        base_url = options["base_url"]
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise CommandError(
                _("--base-url: %(value)r is not an http(s) address.") % {"value": base_url}
            )
        dry_run = options["dry_run"]
        prefix = _("(dry run) ") if dry_run else ""
        reminders = reminders_send(
            today=today,
            base_url=base_url,
            dry_run=dry_run,
            echo=lambda line: self.stdout.write(f"{prefix}{line}"),
        )
        values = {"count": len(reminders), "day": today.isoformat()}
        if dry_run:
            done = ngettext(
                "Would send %(count)s reminder for %(day)s.",
                "Would send %(count)s reminders for %(day)s.",
                len(reminders),
            )
        else:
            done = ngettext(
                "Sent %(count)s reminder for %(day)s.",
                "Sent %(count)s reminders for %(day)s.",
                len(reminders),
            )
        self.stdout.write(self.style.SUCCESS(done % values))
