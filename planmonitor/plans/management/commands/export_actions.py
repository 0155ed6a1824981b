from pathlib import Path

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from planmonitor.core.commands import Command as BaseCommand
from planmonitor.plans.transfer.cli import plan_from_option
from planmonitor.plans.transfer.exporting import csv_paths, export_csv_files, export_xlsx_file


class Command(BaseCommand):
    help = (
        "Export a plan's actions, indicators and budget lines in the import format. "
        "FILE.xlsx writes one workbook (sheets Acties, Indicatoren, Budgetlijnen, plus "
        "Toelichting and Lijsten for the reader). FILE.csv writes three UTF-8 CSV files: "
        "FILE.csv (actions), FILE-indicatoren.csv and FILE-budgetlijnen.csv; import them with "
        "import_actions FILE.csv --indicators FILE-indicatoren.csv --budget-lines "
        "FILE-budgetlijnen.csv."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Where to write: a .xlsx or .csv path.")
        parser.add_argument(
            "--plan", help="Short name of the plan; optional when there is one plan."
        )

    def handle(self, *args, **options) -> None:
        plan = plan_from_option(options["plan"])
        path: Path = options["file"]
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            export_xlsx_file(plan, path)
            written = [path]
        elif suffix == ".csv":
            export_csv_files(plan, path)
            written = list(csv_paths(path).values())
        else:
            raise CommandError(_("FILE must end in .xlsx or .csv."))
        for item in written:
            self.stdout.write(f"  {item}")
        done = _("Exported plan %(plan)s.") % {"plan": plan.short_name}
        self.stdout.write(self.style.SUCCESS(done))
