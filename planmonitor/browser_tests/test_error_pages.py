"""The error pages in a real browser: a 404 and a 403 in the site's layout, in Dutch and
English, saying what happened and what to do, without WCAG 2.1 A/AA violations.

With DEBUG on, Django answers a 404 with its technical page, not ours: these tests run a
second server on the same installation with DEBUG off, as in production.

Run: .venv/bin/pytest -m browser -p no:randomly planmonitor/browser_tests/test_error_pages.py
"""

import dataclasses
import json
import os

import pytest

from .axe import assert_accessible
from .conftest import Session, _manage, serving

pytestmark = pytest.mark.browser

# An action the demo contributor works on (Crevits is a co-minister) but does not own.
CONTRIBUTED_ACTION = """
import json
from planmonitor.plans.models import Action
action = (
    Action.objects.filter(co_ministers__key="crevits").exclude(lead_minister__key="crevits")
    .order_by("code").first()
)
print(json.dumps({"plan": action.plan.short_name, "code": action.code}))
"""

TEXTS = {
    "nl-BE": {
        "lang": "nl",
        "overview": "Planoverzicht",
        "todo": "Wat kunt u doen?",
        404: "Pagina niet gevonden",
        403: "Niet toegestaan",
        "reason": "Alleen de eigenaars van deze actie en de coördinator van het plan kunnen "
        "ze bewerken.",
    },
    "en-GB": {
        "lang": "en",
        "overview": "Plan overview",
        "todo": "What can you do?",
        404: "Page not found",
        403: "Not allowed",
        "reason": "Only the owners of this action and the plan's coordinator can edit it.",
    },
}


@pytest.fixture(scope="module")
def production_app(live_app):
    """The live app's installation, served with DEBUG off (static files collected)."""
    env = {
        **os.environ,
        "PLANMONITOR_VAR_DIR": str(live_app.var_dir),
        "DEBUG": "false",
        "SECRET_KEY": "browser-tests-only-not-a-secret-0123456789abcdef",
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
    }
    env.pop("DATABASE_URL", None)
    _manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    found = json.loads(_manage(env, "shell", "-c", CONTRIBUTED_ACTION).strip().splitlines()[-1])
    # localhost, not 127.0.0.1: the browser keeps Secure cookies (DEBUG off) on it.
    with serving(env, live_app.var_dir / "server-production.log", host="localhost") as base_url:
        yield dataclasses.replace(live_app, base_url=base_url), found


@pytest.fixture
def contributor_in(browser, production_app):
    sessions = []

    def open_session(locale: str) -> Session:
        session = Session(browser, production_app[0], "contributor", locale=locale)
        sessions.append(session)
        return session

    yield open_session
    for session in sessions:
        session.close()


def assert_error_page(page, status: int, texts: dict) -> None:
    assert page.get_attribute("html", "lang") == texts["lang"]
    assert page.get_attribute("#error-page", "data-status") == str(status)
    assert page.inner_text("h1").strip() == texts[status]
    # The layout: the main navigation (signed in: My actions too) and the language switch.
    assert page.locator("header nav.site-nav a", has_text=texts["overview"]).count() == 1
    assert page.locator("header nav.site-nav a[href='/mijn-acties/']").count() == 1
    assert page.locator("form.language-switch button[name=language]").count() == 2
    assert texts["todo"] in page.inner_text("main")
    assert_accessible(page)


@pytest.mark.parametrize("locale", ["nl-BE", "en-GB"])
def test_an_unknown_address_shows_the_404_page_in_the_layout(
    contributor_in, production_app, locale
):
    app, _found = production_app
    page = contributor_in(locale).page

    response = page.goto(app.url("/plans/nergens/"))

    assert response.status == 404
    assert_error_page(page, 404, TEXTS[locale])


@pytest.mark.parametrize("locale", ["nl-BE", "en-GB"])
def test_another_ministers_action_edit_page_says_who_may_edit(
    contributor_in, production_app, locale
):
    app, found = production_app
    page = contributor_in(locale).page

    response = page.goto(app.url(f"/plans/{found['plan']}/acties/{found['code']}/bewerken/"))

    assert response.status == 403
    assert_error_page(page, 403, TEXTS[locale])
    assert page.inner_text("#error-reason").strip() == TEXTS[locale]["reason"]
    page.screenshot(path=f"/tmp/pages-403-{locale}.png", full_page=True)
