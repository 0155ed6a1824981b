"""A real planmonitor for the browser tests: its own data dir, the demo data, an open round.

pytest-django's live server fixture cannot be used: its flush is refused by the audit
triggers. Instead one session-wide server runs in a subprocess on a fresh SQLite
database under a temporary PLANMONITOR_VAR_DIR, and is stopped at the end.
"""

import base64
import email.policy
import json
import os
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from django_otp.oath import TOTP

from planmonitor.demo.plan import DEMO_TOTP_SECRETS
from planmonitor.tests.processes import MANAGE, ROOT, free_port, manage

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STEP_TIMEOUT = 300

# An open round with one report: the first action of the demo owner's minister with a
# quantitative indicator. Printed as JSON on the last line.
OPEN_ROUND = """
import datetime as dt, json
from planmonitor.monitoring.rounds import services
from planmonitor.plans.models import Action, Plan
plan = Plan.objects.get()
action = (
    Action.objects.filter(plan=plan, lead_minister__key="gennez", indicators__kind="quantitative")
    .distinct().order_by("code").first()
)
indicator = action.indicators.filter(kind="quantitative").order_by("code").first()
reporting_round = services.round_open(
    plan=plan, name="Browsertest", period_start=dt.date(2026, 1, 1),
    period_end=dt.date(2026, 6, 30), due_date=dt.date(2026, 7, 31), actions=[action],
)
print(json.dumps({"plan": plan.short_name, "round": reporting_round.pk,
                  "code": action.code, "indicator": indicator.pk}))
"""


# The demo authenticators of the test server accept codes some minutes ahead (see _code).
TOTP_TOLERANCE = 40
TOLERANT_DEVICES = f"""
from django_otp.plugins.otp_totp.models import TOTPDevice
TOTPDevice.objects.filter(user__username__startswith="demo-").update(tolerance={TOTP_TOLERANCE})
"""


@dataclass(frozen=True)
class LiveApp:
    base_url: str
    plan: str
    round: int
    code: str
    indicator: int
    var_dir: Path | None = None  # its data: a second server may serve the same installation
    env: dict | None = None  # the server's environment, for commands on the same data

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def run_tasks(self) -> None:
        """What ``make run``'s worker does: send the queued mail, then stop."""
        assert self.env is not None
        # Links in mails start with the site's address: this server's.
        env = {**self.env, "PLANMONITOR_SITE_URL": self.base_url}
        _manage(env, "db_worker", "--batch", "--no-reload", "--no-startup-delay")

    def mails(self) -> list[EmailMessage]:
        """The mails sent so far (the file backend's files under the data dir), oldest first."""
        assert self.var_dir is not None
        files = sorted((self.var_dir / "mail").glob("*.log"), key=lambda f: f.stat().st_mtime)
        mails = []
        for file in files:
            # One file per connection; each message ends with a line of 79 dashes.
            for raw in file.read_bytes().split(b"-" * 79 + b"\n"):
                if raw.strip():
                    mails.append(BytesParser(policy=email.policy.default).parsebytes(raw))
        return mails

    @property
    def report_path(self) -> str:
        return f"/plans/{self.plan}/rondes/{self.round}/acties/{self.code}/"


_free_port = free_port


def _manage(env: dict, *args: str) -> str:
    return manage(env, *args, timeout=STEP_TIMEOUT)


def _wait_until_up(url: str, server: subprocess.Popen, log: Path) -> None:
    for _ in range(240):
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"nothing answered on {url}:\n{log.read_text()}")


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def live_app(chromium_path, tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("planmonitor-var")
    env = {
        **os.environ,
        "PLANMONITOR_VAR_DIR": str(var_dir),
        "DEBUG": "true",
        # Mail goes to files under the data dir, where the tests read it (LiveApp.mails).
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(var_dir / "mail"),
    }
    for name in ("DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS"):
        env.pop(name, None)
    _manage(env, "migrate", "--no-input")
    _manage(env, "load_gbv_plan")
    _manage(env, "load_demo")
    made = json.loads(_manage(env, "shell", "-c", OPEN_ROUND).strip().splitlines()[-1])
    _manage(env, "shell", "-c", TOLERANT_DEVICES)

    with serving(env, var_dir / "server.log") as base_url:
        yield LiveApp(base_url=base_url, var_dir=var_dir, env=env, **made)


@contextmanager
def serving(env: dict, log: Path, host: str = "127.0.0.1") -> Iterator[str]:
    """``runserver`` with ``env`` on a free port until the block ends; yields its base URL."""
    port = _free_port()
    # The server renders the mails it queues (the outbox keeps them as rendered): their
    # links start with the site's address, this server's, as PLANMONITOR_SITE_URL says in
    # production.
    env = {**env, "PLANMONITOR_SITE_URL": f"http://{host}:{port}"}
    with log.open("w") as output:
        server = subprocess.Popen(
            [*MANAGE, "runserver", f"{host}:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        base_url = f"http://{host}:{port}"
        _wait_until_up(f"{base_url}/", server, log)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_path), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


PASSWORD = "Voorbeeld-{account}-2025!"  # the demo accounts' documented pattern
VERIFY_PATH = "/tweestapsverificatie/code/"


# A code is accepted once (django-otp remembers the last time step used), and the tests log
# the coordinator in many times a minute: each login takes the next unused time step.
_last_step: dict[str, int] = {}


def _code(account: str) -> str:
    """A code for ``account``'s demo authenticator key that no earlier login used."""
    totp = TOTP(base64.b32decode(DEMO_TOTP_SECRETS[account]))
    step = max(int(time.time() // 30), _last_step.get(account, -1) + 1)
    _last_step[account] = step
    totp.time = step * 30
    return f"{totp.token():06d}"


class Session:
    """One person in their own browser context (own cookies), watching for CSP errors."""

    def __init__(self, browser, live_app, account: str, locale: str = "nl-BE", **context) -> None:
        self.app = live_app
        self.context = browser.new_context(locale=locale, **context)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.errors: list[str] = []
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        self._log_in(account)

    def _log_in(self, account: str) -> None:
        page = self.page
        page.goto(self.app.url("/login/"))
        page.fill("#id_username", f"demo-{account}")
        page.fill("#id_password", PASSWORD.format(account=account))
        page.click("main form button[type=submit]")
        page.wait_for_load_state()
        assert "/login/" not in page.url, f"demo-{account} could not log in"
        # Coordinators enter the code of their app next (one no earlier login used).
        if VERIFY_PATH in page.url:
            page.fill("#id_code", _code(account))
            page.click("#two-factor-verify button[type=submit]")
            page.wait_for_load_state()
        assert VERIFY_PATH not in page.url, f"demo-{account} could not pass two-step login"

    def open_report(self) -> None:
        self.page.goto(self.app.url(self.app.report_path))

    def state(self) -> str:
        return self.page.get_attribute("#report-state", "data-state")

    def step(self, transition: str) -> None:
        with self.page.expect_navigation():
            self.page.click(f"button[data-transition={transition}]")

    def close(self) -> None:
        csp = [error for error in self.errors if "Content Security Policy" in error]
        self.context.close()
        assert not csp, csp


@pytest.fixture
def people(browser, live_app):
    """``people("owner")``: a demo person logged in, in their own browser context.

    Keyword arguments go to ``Session`` (``locale="en-GB"``, ``viewport={...}``); each
    combination is its own session.
    """
    sessions = {}

    def person(account: str, **options) -> Session:
        key = (account, tuple(sorted((k, repr(v)) for k, v in options.items())))
        if key not in sessions:
            sessions[key] = Session(browser, live_app, account, **options)
        return sessions[key]

    yield person
    for session in sessions.values():
        session.close()
