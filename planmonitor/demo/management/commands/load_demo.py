import time

from django.core.management.base import BaseCommand

from planmonitor.audit.history import as_command
from planmonitor.demo.plan import DEMO_ACCOUNTS, PASSWORD_PATTERN, demo_load


class Command(BaseCommand):
    help = (
        "Load example data: 115 fictitious actions over the plan's operational goals and one "
        "demo account per role. Loads the plan first if needed. Idempotent; undo with "
        "remove_demo."
    )

    @as_command
    def handle(self, *args, **options):
        started = time.perf_counter()
        report = demo_load()
        seconds = time.perf_counter() - started
        if report.refused:
            self.stderr.write(self.style.WARNING(f"Example data not loaded. {report.refused}"))
            return
        for line in report.plan.created:
            self.stdout.write(f"  + {line}")
        for name, count in report.created.items():
            self.stdout.write(f"  + {count} {name}")
        if report.changed:
            self.stdout.write(self.style.SUCCESS(f"Example data loaded in {seconds:.2f} s."))
        else:
            self.stdout.write(f"Example data already loaded: nothing created ({seconds:.2f} s).")
        self._accounts_table()

    def _accounts_table(self) -> None:
        self.stdout.write(f"\nDemo accounts (password pattern {PASSWORD_PATTERN}):")
        rows = [("username", "password", "role", "two-step login key (example)")]
        rows += [
            (a.username, a.password, a.role or "superuser", a.totp_secret or "-")
            for a in DEMO_ACCOUNTS
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for username, password, role, secret in rows:
            self.stdout.write(
                f"  {username:<{widths[0]}}  {password:<{widths[1]}}  {role:<{widths[2]}}  {secret}"
            )
        self.stdout.write(
            "\nThe coordinator and the administrator must use two-step login. Add their example "
            "key to an authenticator app\n(type: time-based, 6 digits, 30 seconds) and enter the "
            "code it shows after the password. Example data:\nthese keys are public, like the "
            "passwords."
        )
