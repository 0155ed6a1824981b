"""The learning network's pages in a real browser: overlap, thesaurus, signals, meetings and
the action page's verdict, each in Dutch and English, wide and narrow, through axe; a network
member classifies a pair and generates a meeting's agenda with the page's own forms.

Run: .venv/bin/pytest -m browser -p no:randomly planmonitor/browser_tests/test_network_pages.py
"""

import pytest

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)
PAGES = {
    # sub-nav slug: (Dutch heading, English heading)
    "overlap": ("Overlap", "Overlap"),
    "thesaurus": ("Thesaurus van de overlapdetector", "Thesaurus of the overlap detector"),
    "signalen": ("Signalen", "Signals"),
    "overleg": ("Overleg", "Meetings"),
}


def _fits_and_passes_axe(page, path, assert_accessible) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), f"{path} scrolls sideways at {width} px"
        assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_network_pages_in_both_languages_and_widths(live_app, people):
    from planmonitor.browser_tests.axe import assert_accessible

    session = people("network", locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = session.page
    page.goto(live_app.url(f"/plans/{live_app.plan}/netwerk/"))
    for index, language in enumerate(("nl", "en")):
        if language == "en":
            with page.expect_navigation():
                page.click("form.language-switch button[value=en]")
        for slug, headings in PAGES.items():
            path = f"/plans/{live_app.plan}/netwerk/{slug}/"
            with page.expect_navigation():
                page.click(f'nav.subnav a[href="{path}"]')
            assert page.inner_text("main h1") == headings[index], path
            assert page.get_attribute(f'nav.subnav a[href="{path}"]', "aria-current") == "page"
            page.screenshot(path=f"/tmp/network-{slug}-{language}.png")
            _fits_and_passes_axe(page, path, assert_accessible)
        # The example meetings: the held one and the planned one, each with its agenda.
        assert page.locator("table.meetings tbody tr").count() == 2
        with page.expect_navigation():
            page.locator("table.meetings a").first.click()
        assert page.locator("ol.agenda > li").count() >= 2
        _fits_and_passes_axe(page, "a meeting", assert_accessible)


def test_a_network_member_classifies_a_pair_and_it_leaves_the_list(live_app, people):
    session = people("network", locale="en-GB", viewport={"width": 1280, "height": 900})
    page = session.page
    page.goto(live_app.url(f"/plans/{live_app.plan}/netwerk/overlap/"))
    first = page.locator("li.overlap-pair").first
    pair = first.get_attribute("data-pair")
    first.locator("details.overlap-pair__classify summary").click()
    first.locator("select[name=classification]").select_option("unrelated")
    first.locator("textarea[name=note]").fill("Different audiences: checked in the meeting.")
    with page.expect_navigation():
        first.locator("button[type=submit]").click()
    # Not related on unchanged texts: dismissed, gone from the default list, counted apart.
    assert page.locator(f'li.overlap-pair[data-pair="{pair}"]').count() == 0
    assert "1 dismissed pair" in page.inner_text("p.result-count")
    page.check("#id_dismissed")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    kept = page.locator(f'li.overlap-pair[data-pair="{pair}"]')
    assert kept.locator("[data-classification=unrelated]").count() == 1
    assert "Different audiences" in kept.inner_text()
