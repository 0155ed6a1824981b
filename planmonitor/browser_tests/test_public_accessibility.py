"""The public site for a visitor without an account, in Dutch and English: axe-core
(WCAG 2.1 A/AA) on every public page, reflow at 320 px, the keyboard (skip link, visible
focus), the language switch that keeps the page and the print stylesheet; and the
internal pages no other browser test checks (login, the coordinator's round pages).

The demo plan is published with its latest closed round for this module
(``planmonitor.demo.publication``) and unpublished after it: the other modules expect an
unpublished plan. One browser context and one page serve all the public checks.

Run: .venv/bin/pytest -q -p no:cacheprovider -m browser
planmonitor/browser_tests/test_public_accessibility.py
"""

from __future__ import annotations

import json

import pytest

from .axe import assert_accessible
from .conftest import _manage

pytestmark = pytest.mark.browser

LANGUAGES = ("nl", "en")
NARROW = {"width": 320, "height": 800}
WIDE = {"width": 1280, "height": 900}

PUBLISH = (
    "import json; from planmonitor.demo.publication import demo_publish; "
    "print(json.dumps(demo_publish()))"
)
UNPUBLISH = "from planmonitor.demo.publication import demo_unpublish; demo_unpublish()"

# Any region that scrolls sideways on its own at 320 px (a table in its wrapper): axe
# asks such a region to be reachable by keyboard; the tables reflow instead.
SCROLLING_REGIONS = """() => [...document.querySelectorAll('main *')]
  .filter(e => e.scrollWidth > e.clientWidth + 1
               && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
  .map(e => e.tagName.toLowerCase() + '.' + e.className)"""


@pytest.fixture(scope="module")
def published(live_app):
    made = json.loads(_manage(live_app.env, "shell", "-c", PUBLISH).strip().splitlines()[-1])
    yield made
    _manage(live_app.env, "shell", "-c", UNPUBLISH)


@pytest.fixture(scope="module")
def visitor(browser, live_app, published):
    """One anonymous page for all the public checks (a visitor has no cookie to share)."""
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def public_paths(made: dict) -> dict[str, str]:
    """Every public page, after the language prefix (the feeds and downloads are not HTML)."""
    plan = made["plan"]
    return {
        "index": "",
        "plan": f"{plan}/",
        "strategic goal": f"{plan}/sd/{made['sd']}/",
        "operational goal": f"{plan}/od/{made['od']}/",
        "actions": f"{plan}/acties/",
        "actions search": f"{plan}/acties/?q=geweld&sd={made['sd']}&status=on_track",
        "action": f"{plan}/acties/{made['action']}/",
        "round": f"{plan}/rondes/{made['round']}/",
        "decisions": f"{plan}/besluiten/",
        "versions": f"{plan}/versies/",
        "evaluations": f"{plan}/evaluaties/",
        "open data": "opendata/",
        "accessibility statement": "toegankelijkheid/",
        "privacy statement": "privacy/",
    }


def _open(page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_passes_axe_and_reflows_at_320_px(live_app, published, visitor, language):
    page = visitor
    for name, path in public_paths(published).items():
        page.set_viewport_size(WIDE)
        _open(page, live_app.url(f"/{language}/{path}"))
        assert page.get_attribute("html", "lang") == language, name
        assert_accessible(page)
        page.set_viewport_size(NARROW)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= NARROW["width"], f"{name} scrolls sideways at 320 px: {width} px"
        assert page.evaluate(SCROLLING_REGIONS) == [], name
    page.set_viewport_size(WIDE)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_overview_and_an_action_pass_axe_at_320_px(live_app, published, visitor, language):
    paths = public_paths(published)
    page = visitor
    page.set_viewport_size(NARROW)
    try:
        for name in ("plan", "action", "round"):
            _open(page, live_app.url(f"/{language}/{paths[name]}"))
            assert_accessible(page)
    finally:
        page.set_viewport_size(WIDE)


def test_the_nav_is_complete_on_every_public_page(live_app, published, visitor):
    """The statements and open data belong to no plan: their nav still leads to it."""
    page = visitor
    for path in public_paths(published).values():
        _open(page, live_app.url(f"/nl/{path}"))
        links = page.locator(".portal-nav a").all_inner_texts()
        assert links == ["Plan", "Acties", "Beslissingen", "Evaluaties", "Open data", "API"], (
            path,
            links,
        )


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(live_app, published, visitor):
    page = visitor
    _open(page, live_app.url(f"/nl/{public_paths(published)['action']}"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    # Focused, it is on screen (hidden above it until then).
    assert page.locator(".skip-link").bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_links_show_a_visible_focus(live_app, published, visitor):
    page = visitor
    _open(page, live_app.url(f"/en/{public_paths(published)['plan']}"))
    # The brand, then the language links, then the nav: each a link with a visible ring.
    page.keyboard.press("Tab")
    for _ in range(4):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const e = document.activeElement, s = getComputedStyle(e);
                 return {tag: e.tagName, outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
                         shadow: s.boxShadow}; }"""
        )
        assert focused["tag"] == "A", focused
        ring = focused["outline"] != "none" and focused["width"] >= 2
        assert ring or focused["shadow"] != "none", focused


def test_the_language_switch_keeps_the_page(live_app, published, visitor):
    page = visitor
    path = public_paths(published)["action"]
    _open(page, live_app.url(f"/nl/{path}?tab=1"))
    with page.expect_navigation():
        page.click(".portal-language a[hreflang=en]")
    assert page.url == live_app.url(f"/en/{path}?tab=1")
    assert page.get_attribute("html", "lang") == "en"
    with page.expect_navigation():
        page.click(".portal-language a[hreflang=nl]")
    assert page.url == live_app.url(f"/nl/{path}?tab=1")


def test_print_hides_the_navigation(live_app, published, visitor):
    page = visitor
    _open(page, live_app.url(f"/nl/{public_paths(published)['action']}"))
    page.emulate_media(media="print")
    try:
        for selector in (".portal-nav", ".portal-language", ".skip-link"):
            assert page.locator(selector).evaluate("e => getComputedStyle(e).display") == "none"
        assert page.locator("main h1").is_visible()
    finally:
        page.emulate_media(media="screen")


def test_the_login_page_passes_axe(live_app, published, browser):
    for locale in ("nl-BE", "en-GB"):
        context = browser.new_context(locale=locale)
        page = context.new_page()
        try:
            _open(page, live_app.url("/login/"))
            assert_accessible(page)
        finally:
            context.close()


@pytest.mark.parametrize("locale", ["nl-BE", "en-GB"])
def test_the_coordinators_round_pages_pass_axe(live_app, published, people, locale):
    """The internal round list and a round, the publication page and the API token pages
    (the overview, plan, action, report, network and home pages are checked by their own
    modules)."""
    page = people("coordinator", locale=locale).page
    for path in (
        f"/plans/{live_app.plan}/rondes/",
        f"/plans/{live_app.plan}/rondes/{published['round']}/",
        f"/plans/{live_app.plan}/rondes/{live_app.round}/",
        f"/plans/{live_app.plan}/publicatie/",
        "/api-tokens/",
        f"/plans/{live_app.plan}/api-tokens/",
    ):
        _open(page, live_app.url(path))
        assert_accessible(page)
