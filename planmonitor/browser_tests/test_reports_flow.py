"""The report cycle in a real browser: fill in, submit, return, correct, resubmit, accept.

Run: .venv/bin/pytest -m browser planmonitor/browser_tests
"""

import pytest

pytestmark = pytest.mark.browser


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


@pytest.mark.parametrize("locale", ["nl-BE", "en-GB"])
def test_report_pages_have_no_wcag_violations(live_app, people, locale):
    from planmonitor.browser_tests.axe import assert_accessible

    owner = people("owner", locale=locale)
    for path in ("/mijn-acties/", live_app.report_path):
        owner.page.goto(live_app.url(path))
        assert_accessible(owner.page)
