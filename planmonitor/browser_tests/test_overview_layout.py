"""The action overview fits its column at every width (WCAG 1.4.10 reflow, issue 9 item 2).

At 1920, 1366 and 1280 px the table fits its container without horizontal scrolling; at
390 and 320 px the rows stack and nothing scrolls sideways. The status is never cut.
Run: .venv/bin/pytest -m browser -p no:randomly planmonitor/browser_tests/test_overview_layout.py
"""

import pytest

from planmonitor.browser_tests.axe import assert_accessible

pytestmark = pytest.mark.browser

WIDTHS = [1920, 1366, 1280, 390, 320]
CHECKED_WITH_AXE = {1280, 390}

# What overflows: the page, each table against its container, each status against itself
# and against its table's container (a badge pushed out of view is cut too).
MEASURE = """() => {
  const page = {scroll: document.documentElement.scrollWidth, inner: window.innerWidth};
  const tables = [...document.querySelectorAll("table.actions")].map((table) => {
    const box = table.parentElement;
    return {table: table.scrollWidth, box: box.clientWidth, boxScroll: box.scrollWidth};
  });
  const statuses = [...document.querySelectorAll("table.actions .status")].map((status) => {
    const box = status.closest("table").parentElement.getBoundingClientRect();
    const own = status.getBoundingClientRect();
    return {
      text: status.textContent.trim(),
      clipped: status.scrollWidth > status.clientWidth,
      outside: own.right > box.right + 0.5 || own.left < box.left - 0.5,
    };
  });
  return {page, tables, statuses};
}"""


def _problems(measured: dict) -> list[str]:
    problems = []
    page = measured["page"]
    if page["scroll"] > page["inner"]:
        problems.append(f"the page scrolls sideways: {page['scroll']} > {page['inner']}")
    for i, t in enumerate(measured["tables"]):
        if t["table"] > t["box"] or t["boxScroll"] > t["box"]:
            problems.append(f"table {i} is wider than its container: {t}")
    for s in measured["statuses"]:
        if s["clipped"] or s["outside"]:
            problems.append(f"status {s['text']!r} is cut: {s}")
    return problems


@pytest.mark.parametrize("locale", ["nl-BE", "en-GB"])
@pytest.mark.parametrize("account", ["coordinator", "owner"])
def test_the_overview_fits_its_column_at_every_width(live_app, people, account, locale):
    page = people(account, locale=locale).page
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    page.goto(live_app.url("/"))
    assert page.locator("table.actions tr.action").count() > 0

    problems = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        found = _problems(page.evaluate(MEASURE))
        if found:
            problems[width] = found[:5]
        page.locator("section.operational-goal").first.screenshot(
            path=f"/tmp/overview-{account}-{locale}-{width}.png"
        )
        if width in CHECKED_WITH_AXE:
            assert_accessible(page)

    assert not problems, problems


def test_search_results_fit_and_are_accessible(live_app, people):
    page = people("coordinator", locale="nl-BE").page
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_app.url("/?q=gemeenten"))
        assert page.locator(".search-results tr.action").count() > 0
        assert not _problems(page.evaluate(MEASURE))
        page.locator(".search-results").screenshot(path=f"/tmp/overview-search-{width}.png")
        assert_accessible(page)
