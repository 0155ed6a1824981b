"""Daily: mail each person the digest of their notifications (see notifications/services.py)."""

import datetime as dt

from django.core.management.base import CommandParser
from django.utils import timezone
from django.utils.translation import ngettext

from planmonitor.core.commands import Command as PlanmonitorCommand
from planmonitor.notifications.services import digest_send


class Command(PlanmonitorCommand):
    help = (
        "Mail each person one digest of the unread notifications they chose to receive as a "
        "daily digest. A scheduler runs it daily; running it again the same day sends nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            help="The day of the digest, YYYY-MM-DD (default: today).",
        )

    def handle(self, *args, **options) -> None:
        today = options["today"] or timezone.localdate()
        sent = digest_send(today=today, echo=self.stdout.write)
        self.stdout.write(
            ngettext(
                "%(count)d digest mail sent for %(day)s.",
                "%(count)d digest mails sent for %(day)s.",
                sent,
            )
            % {"count": sent, "day": today.isoformat()}
        )
