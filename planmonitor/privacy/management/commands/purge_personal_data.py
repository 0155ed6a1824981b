"""Delete the personal data kept only for a while (the retention periods of docs/privacy.md)."""

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from planmonitor.core.commands import Command as BaseCommand
from planmonitor.privacy.services import RETENTION, personal_data_purge


class Command(BaseCommand):
    help = (
        "Delete expired sessions, login records older than 90 days, read notifications older "
        "than 180 days, unread ones and mail delivery records older than a year. Run daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted; delete nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        counts = personal_data_purge(dry_run=dry_run)
        for rule in RETENTION:
            self.stdout.write(
                _("%(what)s (kept %(days)s days): %(count)s")
                % {"what": rule.label, "days": rule.days, "count": counts[rule.key]}
            )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was deleted."))
