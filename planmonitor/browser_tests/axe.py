"""WCAG 2.1 A/AA checks with axe-core (bundled by axe-playwright-python, no download).

    from planmonitor.browser_tests.axe import assert_accessible
    assert_accessible(page)          # the page as it is now

Fails with each violation's rule, impact, help text and the first offending elements.
"""

from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_axe = Axe()


def violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    return results.response["violations"]


def describe(found: list[dict]) -> str:
    lines = []
    for violation in found:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    found = violations(page)
    assert not found, f"axe-core, WCAG 2.1 A/AA on {page.url}:\n{describe(found)}"
