"""Anonymise a person who left: their name and e-mail become a pseudonym everywhere."""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from planmonitor.audit.history import as_command
from planmonitor.core.commands import Command as BaseCommand
from planmonitor.privacy.services import Anonymisation, person_anonymise, person_find


class Command(BaseCommand):
    help = (
        "Anonymise a person who left: deactivate the account, delete their tokens, sessions, "
        "two-step login devices and notifications, and replace their name and e-mail address "
        "by a pseudonym in every row, the audit trail included (verify_audit still passes). "
        "One transaction; running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("person", help="The person's username or e-mail address.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; change nothing."
        )

    @as_command
    def handle(self, *args, person: str, yes: bool = False, dry_run: bool = False, **options):
        try:
            user = person_find(person)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if user.anonymised_at is not None:
            self.stdout.write(
                _("%(person)s was anonymised before: nothing to do.") % {"person": user}
            )
            return
        if not (dry_run or yes or self._confirmed(user)):
            raise CommandError(_("Nothing was changed."))
        try:
            report = person_anonymise(user=user, dry_run=dry_run)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self._print(report)

    def _confirmed(self, user) -> bool:
        question = _(
            "Anonymise %(person)s (%(username)s)? This cannot be undone. Type yes to go on: "
        ) % {"person": user, "username": user.username}
        return input(question).strip().lower() in {"yes", _("yes")}

    def _print(self, report: Anonymisation) -> None:
        for table, count in sorted(report.replaced.items()):
            self.stdout.write(f"  ~ {table}: {count}")
        for what, count in sorted(report.deleted.items()):
            if count:
                self.stdout.write(f"  - {what}: {count}")
        if report.dry_run:
            self.stdout.write(
                _("Dry run: the account would become %(pseudonym)s; nothing was changed.")
                % {"pseudonym": report.pseudonym}
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "The account is now %(pseudonym)s: deactivated, its name and e-mail "
                        "address replaced everywhere."
                    )
                    % {"pseudonym": report.pseudonym}
                )
            )
