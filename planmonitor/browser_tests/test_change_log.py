"""The plan-wide change log in a real browser: reach it from the nav, filter, download.

Run: .venv/bin/pytest -m browser -p no:randomly planmonitor/browser_tests/test_change_log.py
"""

import pytest

pytestmark = pytest.mark.browser


def test_the_coordinator_filters_and_downloads_the_change_log_in_dutch_and_english(
    live_app, people
):
    """One coordinator session (a TOTP code is accepted once), in nl-BE, then switched to
    English with the site's language switch."""
    from planmonitor.browser_tests.axe import assert_accessible

    page = people("coordinator", locale="nl-BE").page
    page.goto(live_app.url("/mijn-acties/"))
    for language, heading in (("nl", "Wijzigingen"), ("en", "Change log")):
        if language == "en":
            with page.expect_navigation():
                page.click("form.language-switch button[value=en]")
        with page.expect_navigation():
            page.click('nav a[href="/wijzigingen/"]')
        assert page.url == live_app.url(f"/plans/{live_app.plan}/wijzigingen/")
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
        page.screenshot(path=f"/tmp/history-change-log-{language}.png", full_page=True)
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
