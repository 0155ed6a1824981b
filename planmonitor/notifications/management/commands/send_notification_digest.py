"""Daily: mail each person the digest of their notifications (see notifications/services.py)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from planmonitor.notifications.services import digest_send


class Command(BaseCommand):
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
        self.stdout.write(f"{sent} digest mail(s) sent for {today.isoformat()}.")
