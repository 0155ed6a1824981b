"""People change in a real browser: the no-owner list and moving a minister's work
(as demo-coordinator), and what a minister's cabinet sees of an action; both languages.

Nothing is confirmed: the live server's data is shared by the other browser tests.
Run: .venv/bin/pytest -m browser -p no:randomly planmonitor/browser_tests/test_people.py
"""

import pytest

from planmonitor.browser_tests.axe import assert_accessible

pytestmark = pytest.mark.browser

LOCALES = ["nl-BE", "en-GB"]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_coordinator_finds_actions_without_owner_and_previews_a_move(live_app, people, locale):
    # One test per locale: each login of the coordinator uses up a two-step login code.
    page = people("coordinator", locale=locale).page
    page.goto(live_app.url("/mijn-acties/"))
    page.click(".without-owner a")
    page.wait_for_load_state()
    assert page.url == live_app.url(f"/plans/{live_app.plan}/zonder-eigenaar/")
    assert page.locator("tr.without-owner__row").count() > 0
    # The demo owner works for Gennez: the round's action (Gennez's) has an owner.
    assert page.locator(f'tr[data-code="{live_app.code}"]').count() == 0
    page.screenshot(path=f"/tmp/people-without-owner-{locale}.png", full_page=True)
    assert_accessible(page)

    with page.expect_navigation():
        page.click(f'a[href="/beheer/{live_app.plan}/herverdelen/ministers/"]')
    page.select_option("#id_from_minister", label="Caroline Gennez")
    page.select_option("#id_to_minister", label="Ben Weyts")
    with page.expect_navigation():
        page.click("main form[method=get] button[type=submit]")
    assert page.locator("input[name=actions]:checked").count() > 0
    assert page.locator("input[name=memberships]:checked").count() >= 1  # demo-owner's role
    assert_accessible(page)
    with page.expect_navigation():
        page.click("main form[method=post] button[type=submit]")
    preview = page.locator(".reassign-preview__action")
    assert preview.count() > 0
    assert "Ben Weyts" in preview.first.inner_text()
    page.screenshot(path=f"/tmp/people-reassign-preview-{locale}.png", full_page=True)
    assert_accessible(page)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_ministers_cabinet_reads_an_action_and_cannot_change_it(live_app, people, locale):
    page = people("cabinet", locale=locale).page
    page.goto(live_app.url(f"/plans/{live_app.plan}/acties/{live_app.code}/"))
    assert page.locator("h1").count() == 1
    assert page.locator(f'a[href$="/acties/{live_app.code}/bewerken/"]').count() == 0
    assert page.locator("form[action$='/opmerkingen/']").count() == 0
    page.screenshot(path=f"/tmp/people-cabinet-action-{locale}.png", full_page=True)
    assert_accessible(page)
