"""Send the mails of the outbox that are due: retries, and mails whose task was lost."""

import time

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from planmonitor.core.commands import Command as PlanmonitorCommand
from planmonitor.notifications import outbox


class Command(PlanmonitorCommand):
    help = (
        "Send the mails of the outbox that are due: queued ones, refused ones whose next "
        "attempt came, and ones a stopped worker left behind. A scheduler runs it every few "
        "minutes with --once; no mail is sent twice by running it again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Send what is due now, then stop.")
        parser.add_argument(
            "--interval",
            type=int,
            default=60,
            help="Without --once: seconds between two rounds (default 60).",
        )
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="First give the mails that were given up a new series of attempts.",
        )

    def handle(self, *args, **options) -> None:
        if options["retry_failed"]:
            count = outbox.mails_retry()
            self.stdout.write(_("%(count)d failed mail(s) queued again.") % {"count": count})
        while True:
            run = outbox.outbox_send_due()
            if run.sent or run.refused or run.left or options["once"]:
                self.stdout.write(
                    _(
                        "Outbox: %(sent)d sent, %(refused)d refused (to be retried), "
                        "%(left)d left for later, %(failed)d failed."
                    )
                    % {
                        "sent": run.sent,
                        "refused": run.refused,
                        "left": run.left,
                        "failed": outbox.failed_count(),
                    }
                )
            if options["once"]:
                return
            time.sleep(max(1, options["interval"]))
