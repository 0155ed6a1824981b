from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from planmonitor.audit.history import as_command
from planmonitor.core.commands import Command as BaseCommand
from planmonitor.demo.plan import DemoDataError, demo_remove


class Command(BaseCommand):
    help = (
        "Remove the example data: example actions (with their indicators and budget lines), "
        "example terms and demo accounts. The official plan stays. Idempotent."
    )

    @as_command
    def handle(self, *args, **options):
        try:
            deleted = demo_remove()
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        if not deleted:
            self.stdout.write(_("No example data found: nothing removed."))
            return
        for label, count in sorted(deleted.items()):
            self.stdout.write(f"  - {count} {label}")
        self.stdout.write(self.style.SUCCESS(_("Example data removed.")))
