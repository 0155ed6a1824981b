"""The report cycle in a real browser: fill in, submit, return, correct, resubmit, accept.

Run: .venv/bin/pytest -m browser planmonitor/monitoring/tests/browser
"""

import base64
import time

import pytest
from django_otp.oath import TOTP

from planmonitor.demo.plan import DEMO_TOTP_SECRETS

pytestmark = pytest.mark.browser

PASSWORD = "Voorbeeld-{account}-2025!"  # the demo accounts' documented pattern
VERIFY_PATH = "/tweestapsverificatie/code/"


def _code(secret: str, steps_ahead: int) -> str:
    """What an authenticator app with the demo's printed key shows (now, or a step later)."""
    totp = TOTP(base64.b32decode(secret))
    totp.time = time.time() + steps_ahead * 30
    return f"{totp.token():06d}"


class Session:
    """One person in their own browser context (own cookies), watching for CSP errors."""

    def __init__(self, browser, live_app, account: str) -> None:
        self.app = live_app
        self.context = browser.new_context(locale="nl-BE")
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
        # Coordinators enter the code of their app next; a code is accepted only once,
        # so if the current one was used already, the next period's one (also accepted).
        for steps_ahead in (0, 1):
            if VERIFY_PATH not in page.url:
                break
            page.fill("#id_code", _code(DEMO_TOTP_SECRETS[account], steps_ahead))
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
    sessions = {}

    def person(account: str) -> Session:
        if account not in sessions:
            sessions[account] = Session(browser, live_app, account)
        return sessions[account]

    yield person
    for session in sessions.values():
        session.close()


def test_owner_submits_coordinator_returns_owner_corrects_coordinator_accepts(live_app, people):
    value_field = f"#id_indicator-{live_app.indicator}-value"

    # The owner finds the report under "Mijn acties" and fills it in.
    owner = people("owner")
    page = owner.page
    page.goto(live_app.url("/mijn-acties/"))
    link = page.locator(f'a[href="{live_app.report_path}"]')
    if link.count():
        link.first.click()
        page.wait_for_load_state()
    else:
        owner.open_report()
    assert page.url == live_app.url(live_app.report_path)
    assert owner.state() == "draft"

    page.click("#report-edit-link")
    page.check("input[name=implementation_status][value=delayed]")
    page.fill("#id_status_reason", "De aanbesteding liep drie maanden vertraging op.")
    page.fill("#id_done", "Twee **opleidingssessies** gegeven in Gent en Brugge.")
    page.fill("#id_obstacles", "Weinig inschrijvingen in de Westhoek.")
    page.fill("#id_next_steps", "- Nieuwe oproep\n- Evaluatie van de sessies")
    page.fill(value_field, "12,5")
    page.fill(f"#id_indicator-{live_app.indicator}-source", "Eigen registratie")

    # htmx: the row is saved on its own and comes back in place, the page stays.
    row = page.locator(f"#indicator-row-{live_app.indicator}")
    row.locator("button[hx-post]").click()
    page.wait_for_function(
        "id => document.querySelector(`#indicator-row-${id} .indicator-row__notice`)"
        ".textContent.trim() !== ''",
        arg=live_app.indicator,
    )
    assert "/bewerken/" in page.url
    assert page.input_value(value_field) == "12,5"

    # The whole form, saved after the row: no conflict, the version moved along.
    with page.expect_navigation():
        page.click("#report-save")
    assert page.url == live_app.url(live_app.report_path)
    assert page.get_attribute("#implementation-status", "class").endswith("--delayed")
    assert page.inner_text("#report-done strong") == "opleidingssessies"
    assert page.inner_text(f"#indicator-{live_app.indicator} .report-number") == "12,5"

    owner.step("submit")
    assert owner.state() == "submitted"
    assert page.locator("#report-edit-link").count() == 0

    # The coordinator returns it with remarks.
    coordinator = people("coordinator")
    coordinator.open_report()
    assert coordinator.state() == "submitted"
    coordinator.page.fill("#id_return_remarks", "Vermeld de bron van het aantal deelnemers.")
    coordinator.step("return")
    assert coordinator.state() == "returned"

    # The owner sees the remarks, corrects and resubmits.
    owner.open_report()
    assert owner.state() == "returned"
    assert "bron van het aantal deelnemers" in page.inner_text("#coordinator-remarks")
    page.click("#report-edit-link")
    page.fill(f"#id_indicator-{live_app.indicator}-source", "Registratie Agentschap Opgroeien")
    page.fill(f"#id_indicator-{live_app.indicator}-remark", "Aantal deelnemers, per sessie")
    with page.expect_navigation():
        page.click("#report-save")
    assert "Registratie Agentschap Opgroeien" in page.inner_text(f"#indicator-{live_app.indicator}")
    owner.step("submit")
    assert owner.state() == "submitted"

    # The coordinator accepts: the report is locked.
    coordinator.open_report()
    coordinator.step("accept")
    assert coordinator.state() == "accepted"
    assert coordinator.page.locator("button[data-transition=reopen]").count() == 1

    owner.open_report()
    assert owner.state() == "accepted"
    assert page.locator("#report-edit-link").count() == 0
    assert page.locator("button[data-transition]").count() == 0
    response = page.goto(live_app.url(f"{live_app.report_path}bewerken/"))
    assert response.status == 403
