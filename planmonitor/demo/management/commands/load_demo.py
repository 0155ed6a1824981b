import time

from django.utils.translation import gettext as _

from planmonitor.accounts.models import Role
from planmonitor.audit.history import as_command
from planmonitor.core.commands import Command as BaseCommand
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
            message = _("Example data not loaded. %(reason)s") % {"reason": report.refused}
            self.stderr.write(self.style.WARNING(message))
            return
        for line in report.plan.created:
            self.stdout.write(f"  + {line}")
        for name, count in report.created.items():
            self.stdout.write(f"  + {count} {_(name)}")  # names marked with gettext_noop
        if report.changed:
            done = _("Example data loaded in %(seconds)s s.") % {"seconds": f"{seconds:.2f}"}
            self.stdout.write(self.style.SUCCESS(done))
        else:
            self.stdout.write(
                _("Example data already loaded: nothing created (%(seconds)s s).")
                % {"seconds": f"{seconds:.2f}"}
            )
        self._accounts_table()

    def _accounts_table(self) -> None:
        self.stdout.write(
            "\n"
            + _("Demo accounts (password pattern %(pattern)s):") % {"pattern": PASSWORD_PATTERN}
        )
        rows = [(_("username"), _("password"), _("role"), _("two-step login key (example)"))]
        rows += [
            (
                a.username,
                a.password,
                str(Role(a.role).label) if a.role else _("superuser"),
                a.totp_secret or "-",
            )
            for a in DEMO_ACCOUNTS
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for username, password, role, secret in rows:
            self.stdout.write(
                f"  {username:<{widths[0]}}  {password:<{widths[1]}}  {role:<{widths[2]}}  {secret}"
            )
        self.stdout.write(
            "\n"
            + _(
                "The coordinator and the administrator must use two-step login. Add their "
                "example key to an authenticator app (type: time-based, 6 digits, 30 seconds) "
                "and enter the code it shows after the password. Example data: these keys are "
                "public, like the passwords."
            )
        )
