"""The plan-wide change log in a real browser: reach it from the nav, filter, download.

Run: .venv/bin/pytest -m browser -p no:randomly planmonitor/browser_tests/test_change_log.py
"""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("locale", ["nl-BE", "en-GB"])
def test_the_coordinator_filters_and_downloads_the_change_log(live_app, people, locale):
    from planmonitor.browser_tests.axe import assert_accessible

    coordinator = people("coordinator", locale=locale)
    page = coordinator.page
    page.goto(live_app.url("/mijn-acties/"))
    with page.expect_navigation():
        page.click('nav a[href="/wijzigingen/"]')
    assert page.url == live_app.url(f"/plans/{live_app.plan}/wijzigingen/")
    heading = {"nl-BE": "Wijzigingen", "en-GB": "Change log"}[locale]
    assert page.inner_text("main h1") == heading
    assert page.get_attribute('nav a[href="/wijzigingen/"]', "aria-current") == "page"
    # The round the server opened at start is in the log.
    assert page.locator("table.change-log tr[data-kind='round.open']").count() == 1
    assert_accessible(page)

    page.select_option("#id_kind", "round.open")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    kinds = page.locator("table.change-log tbody tr").evaluate_all(
        "rows => rows.map(row => row.dataset.kind)"
    )
    assert kinds == ["round.open"]
    page.screenshot(path=f"/tmp/history-change-log-{locale}.png", full_page=True)
    assert_accessible(page)

    with page.expect_download() as download:
        page.click("a[href*='wijzigingen.csv']")
    text = download.value.path().read_text(encoding="utf-8")
    assert len(text.strip().splitlines()) == 2  # the header and the filtered row


def test_the_evaluator_reads_it_and_an_owner_is_refused(live_app, people):
    evaluator = people("evaluator")
    evaluator.page.goto(live_app.url(f"/plans/{live_app.plan}/wijzigingen/"))
    assert evaluator.page.locator("table.change-log").count() == 1
    owner = people("owner")
    response = owner.page.goto(live_app.url(f"/plans/{live_app.plan}/wijzigingen/"))
    assert response.status == 403
    assert owner.page.locator('nav a[href="/wijzigingen/"]').count() == 0
