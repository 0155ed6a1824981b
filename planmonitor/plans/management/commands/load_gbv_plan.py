from django.utils.translation import gettext as _

from planmonitor.audit.history import as_command
from planmonitor.core.commands import Command as BaseCommand
from planmonitor.plans.services import gbv_plan_load


class Command(BaseCommand):
    help = (
        "Load the Flemish action plan against gender-based violence as the source note defines it "
        "(metadata, violence forms, target groups, SD/OD framework, ministers). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Restore the note's wording where a coordinator edited a loaded row.",
        )

    @as_command
    def handle(self, *args, reset: bool = False, **options):
        report = gbv_plan_load(overwrite=reset)
        for line in report.created:
            self.stdout.write(f"  + {line}")
        for line in report.updated:
            self.stdout.write(f"  ~ {line}")
        self.stdout.write(
            self.style.SUCCESS(
                _("Plan loaded: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
                % {
                    "created": len(report.created),
                    "updated": len(report.updated),
                    "unchanged": report.unchanged,
                }
            )
        )
