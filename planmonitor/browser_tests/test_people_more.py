"""People change in a real browser, more: moving an organisation's work (the preview) and
one's own stand-ins page, in Dutch and English, with axe on both.

One login: demo-coordinator, given a contributor's role for this test (so the stand-in page
is theirs too) and back without it at the end. Nothing is confirmed: the live server's data
is shared by the other browser tests.
Run: .venv/bin/pytest -m browser -p no:randomly planmonitor/browser_tests/test_people_more.py
"""

import os

import pytest

from planmonitor.browser_tests.axe import assert_accessible

from .conftest import _manage

pytestmark = pytest.mark.browser

CONTRIBUTOR_ROLE = """
from planmonitor.accounts.models import Membership, Role, User
from planmonitor.plans.models import Minister, Plan
role, _ = Membership.objects.get_or_create(
    user=User.objects.get(username="demo-coordinator"), plan=Plan.objects.get(),
    role=Role.CONTRIBUTOR,
)
role.ministers.set(Minister.objects.filter(key="crevits"))
"""
NO_CONTRIBUTOR_ROLE = """
from planmonitor.accounts.models import Membership, Role
Membership.objects.filter(user__username="demo-coordinator", role=Role.CONTRIBUTOR).delete()
"""
HEADINGS = {
    "nl": ("Acties van een organisatie verplaatsen", "Mijn vervanging"),
    "en": ("Move an organisation's actions", "My stand-ins"),
}


@pytest.fixture
def coordinator_who_contributes(live_app):
    env = {**os.environ, "PLANMONITOR_VAR_DIR": str(live_app.var_dir), "DEBUG": "true"}
    for name in ("DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS"):
        env.pop(name, None)
    _manage(env, "shell", "-c", CONTRIBUTOR_ROLE)
    yield
    _manage(env, "shell", "-c", NO_CONTRIBUTOR_ROLE)


def test_the_organisation_move_preview_and_the_stand_in_page(
    live_app, people, coordinator_who_contributes
):
    page = people("coordinator", locale="nl-BE").page
    for language in ("nl", "en"):
        move, stand_ins = HEADINGS[language]
        page.goto(live_app.url(f"/plans/{live_app.plan}/zonder-eigenaar/"))
        with page.expect_navigation():
            page.click(f'main a[href="/beheer/{live_app.plan}/herverdelen/organisaties/"]')
        assert page.locator("h1").inner_text() == move
        page.select_option(
            "#id_from_organisation", label="Departement Welzijn, Volksgezondheid en Gezin"
        )
        page.select_option("#id_to_organisation", label="Agentschap Justitie en Handhaving")
        with page.expect_navigation():
            page.click("main form[method=get] button[type=submit]")
        assert page.locator("input[name=actions]:checked").count() > 0
        assert page.locator("input[name=memberships]:checked").count() >= 1  # demo-owner's
        with page.expect_navigation():
            page.click("main form[method=post] button[type=submit]")
        preview = page.locator(".reassign-preview__action")
        assert preview.count() > 0
        assert "Agentschap Justitie en Handhaving" in preview.first.inner_text()
        page.screenshot(path=f"/tmp/people-organisation-preview-{language}.png", full_page=True)
        assert_accessible(page)

        with page.expect_navigation():
            page.click('nav a[href="/vervanging/"]')
        assert page.locator("h1").inner_text() == stand_ins
        assert page.locator("main select[name=stand_in] option").count() > 1
        page.screenshot(path=f"/tmp/people-stand-ins-{language}.png", full_page=True)
        assert_accessible(page)
        if language == "nl":  # the same session in English: the language switch, no new login
            with page.expect_navigation():
                page.click(".language-switch button[value=en]")
            assert page.get_attribute("html", "lang") == "en"
