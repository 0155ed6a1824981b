"""The SMART page in a real browser: from the nav, in Dutch and English, wide and narrow.

Run: .venv/bin/pytest -m browser -p no:randomly planmonitor/browser_tests/test_smart.py
"""

import pytest

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)


def test_a_network_member_reads_the_smart_list_in_both_languages_and_widths(live_app, people):
    """One login (a network member needs no two-step code), nl-BE first, then English with
    the site's language switch; at each width the page passes axe."""
    from planmonitor.browser_tests.axe import assert_accessible

    session = people("network", locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = session.page
    page.goto(live_app.url("/"))
    for language, heading, fail in (
        ("nl", "SMART-kwaliteit", "niet gehaald"),
        ("en", "SMART quality", "fail"),
    ):
        if language == "en":
            with page.expect_navigation():
                page.click("form.language-switch button[value=en]")
        with page.expect_navigation():
            page.click('nav a[href="/netwerk/"]')
        # The nav leads to the dashboard; its sub-navigation to the SMART list.
        assert page.url == live_app.url(f"/plans/{live_app.plan}/netwerk/")
        with page.expect_navigation():
            page.click(f'nav.subnav a[href="/plans/{live_app.plan}/netwerk/smart/"]')
        assert page.url == live_app.url(f"/plans/{live_app.plan}/netwerk/smart/")
        assert page.inner_text("main h1") == heading
        assert page.get_attribute('nav a[href="/netwerk/"]', "aria-current") == "page"
        assert page.locator("table.smart-table tbody tr").count() == 115
        # The weakest first, each letter in words with its reason.
        first = page.locator("table.smart-table tbody tr").first
        assert fail in first.locator("td[data-letter] .smart-mark").first.inner_text()
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"/tmp/smart-{language}-{width}.png")
            assert_accessible(page)

        page.select_option("#id_fails", "A")
        with page.expect_navigation():
            page.click("form.filters button[type=submit]")
        assert "fails=A" in page.url
        rows = page.locator("table.smart-table tbody tr")
        assert 0 < rows.count() < 115
        page.set_viewport_size({"width": 1280, "height": 900})
        _coverage_and_gaps(page, live_app, language, assert_accessible)


COVERAGE_PAGES = {
    "nl": (("dekking", "Dekking"), ("gaten", "Datagaten")),
    "en": (("dekking", "Coverage"), ("gaten", "Data gaps")),
}


def _coverage_and_gaps(page, live_app, language, assert_accessible) -> None:
    """The coverage and data-gap pages from the sub-nav: axe at both widths, and at 390 px
    the wide matrices scroll inside their own region, never the page."""
    for slug, heading in COVERAGE_PAGES[language]:
        path = f"/plans/{live_app.plan}/netwerk/{slug}/"
        with page.expect_navigation():
            page.click(f'nav.subnav a[href="{path}"]')
        assert page.inner_text("main h1") == heading
        assert page.get_attribute(f'nav.subnav a[href="{path}"]', "aria-current") == "page"
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"/tmp/cov-{slug}-{language}-{width}.png", full_page=True)
            assert page.evaluate(
                "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
            ), f"{path} scrolls sideways at {width} px"
            assert_accessible(page)
        page.set_viewport_size({"width": 1280, "height": 900})
    assert page.locator("table.coverage-table").count() == 0  # on the gaps page now
    assert page.locator(".gaps-summary tr[data-rule]").count() == 8
