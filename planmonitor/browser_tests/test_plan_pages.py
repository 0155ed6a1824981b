"""The plan page, the coordinator's plan pages and the action form in a real browser.

In Dutch and English, each page passes axe-core (WCAG 2.1 A/AA); screenshots land in
/tmp/plan-<page>-<locale>.png for a look. Run:
.venv/bin/pytest -m browser -p no:randomly planmonitor/browser_tests/test_plan_pages.py
"""

import re

import pytest

from .axe import assert_accessible

pytestmark = pytest.mark.browser

LOCALES = ["nl-BE", "en-GB"]


def _look(page, name: str, locale: str) -> None:
    page.screenshot(path=f"/tmp/plan-{name}-{locale}.png", full_page=True)
    assert_accessible(page)


def _owners_action_path(page, live_app) -> str:
    """The path of the first action on the owner's "My actions"."""
    page.goto(live_app.url("/mijn-acties/"))
    href = page.locator(f"main a[href^='/plans/{live_app.plan}/acties/']").first.get_attribute(
        "href"
    )
    found = re.match(rf"/plans/{live_app.plan}/acties/[^/]+/", href or "")
    assert found, f"no action link on My actions: {href!r}"
    return found.group(0)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_plan_page_shows_decisions_and_calendar(live_app, people, locale):
    page = people("network", locale=locale).page
    page.goto(live_app.url("/"))
    page.click(".overview__plan-link")
    page.wait_for_load_state()

    assert page.url == live_app.url(f"/plans/{live_app.plan}/")
    assert page.locator(".decision").count() == 3
    # The plan's four dates, and each reporting round's due date linked to the round.
    round_rows = page.locator(".calendar__row:has(a[href*='/rondes/'])")
    assert page.locator(".calendar__row").count() == 4 + round_rows.count()
    this_round = f".calendar a[href='/plans/{live_app.plan}/rondes/{live_app.round}/']"
    assert page.locator(this_round).count() == 1
    assert round_rows.count() >= 2  # the demo's rounds and the browser tests' own
    assert page.locator(f"a[href='/plans/{live_app.plan}/bewerken/']").count() == 0
    _look(page, "detail", locale)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_coordinator_edits_the_plan_and_is_told_why_it_cannot_be_published(
    live_app, people, locale
):
    page = people("coordinator", locale=locale).page
    plan_path = f"/plans/{live_app.plan}/"

    page.goto(live_app.url(f"{plan_path}bewerken/"))
    assert page.input_value("#id_interim_evaluation_due") == "30/06/2027"
    _look(page, "edit", locale)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url == live_app.url(plan_path)

    page.goto(live_app.url(f"{plan_path}publiceren/"))
    assert page.locator(".publication__preview .decision").count() == 3
    _look(page, "publish", locale)
    # The demo plan holds example data: publishing it is refused, and said why.
    problems = page.locator(".publication__problems")
    assert problems.count() == 1
    assert "remove_demo" in problems.inner_text()
    assert page.locator("#id_confirm").count() == 0


@pytest.mark.parametrize("locale", LOCALES)
def test_the_owners_action_form_shows_the_structure_as_text(live_app, people, locale):
    page = people("owner", locale=locale).page
    action_path = _owners_action_path(page, live_app)
    page.goto(live_app.url(f"{action_path}bewerken/"))

    assert page.locator("input[name=code]").count() == 0
    assert page.locator("select[name=operational_goal]").count() == 0
    # The example plan has its version 1: what a revision governs is text too (title,
    # description, OD, lead and co-ministers, dates), with the word on why.
    for name in ("title", "description", "start_date", "end_date"):
        assert page.locator(f"[name={name}]").count() == 0, name
    assert page.locator(".field--readonly").count() >= 8
    assert page.locator("[data-governed]").count() == 1
    assert page.locator("nav.breadcrumb a").count() == 3
    # The yes/no box beside its label, on the same line, not above it.
    box = page.locator("#id_involves_local_governments").bounding_box()
    label = page.locator("label[for=id_involves_local_governments]").bounding_box()
    assert label["x"] > box["x"] + box["width"] - 1
    assert abs((label["y"] + label["height"] / 2) - (box["y"] + box["height"] / 2)) < 12
    _look(page, "action-form", locale)


@pytest.mark.parametrize("locale", LOCALES)
def test_after_version_1_a_new_action_comes_through_a_revision(live_app, people, locale):
    page = people("coordinator", locale=locale).page
    page.goto(live_app.url("/"))
    # The example plan has its version 1: the "new action" page says a revision adds one.
    with page.expect_navigation() as navigation:
        page.click(f"main a[href='/plans/{live_app.plan}/nieuwe-actie/']")
    assert navigation.value.status == 409
    assert page.locator("input[name=code]").count() == 0
    assert page.locator(f"main a[href^='/plans/{live_app.plan}/herzieningen/']").count() >= 1
    _look(page, "action-create-refused", locale)
