"""The 400, 403, 404, 429 and 500 pages: in the site's layout, in Dutch and English,
saying what happened and what the person can do (core/views.py)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from planmonitor.accounts.tests.helpers import log_in
from planmonitor.monitoring.tests.reports_helpers import accepted, submitted, url
from planmonitor.tests.html import parse_html

from . import error_urls

HEADINGS = {
    400: {"nl": "Het verzoek kon niet worden verwerkt", "en": "The request could not be handled"},
    403: {"nl": "Niet toegestaan", "en": "Not allowed"},
    404: {"nl": "Pagina niet gevonden", "en": "Page not found"},
    429: {"nl": "Aanmelden tijdelijk geblokkeerd", "en": "Login temporarily blocked"},
    500: {"nl": "Er ging iets mis", "en": "Something went wrong"},
}
TODO = {"nl": "Wat kunt u doen?", "en": "What can you do?"}
OVERVIEW = {"nl": "Planoverzicht", "en": "Plan overview"}


def client_in(language: str, **kwargs) -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE=language, raise_request_exception=False, **kwargs)


def assert_error_page(response, status: int, language: str, heading: dict | None = None):
    """The status, in the layout (nav, language switch), in the language, with what to do."""
    assert response.status_code == status
    soup = parse_html(response)
    assert soup.html is not None and soup.html["lang"] == language
    assert soup.select_one("header .site-nav a").get_text(strip=True) == OVERVIEW[language]
    switch = soup.select("form.language-switch button[name=language]")
    assert [button["value"] for button in switch] == ["nl", "en"]
    assert soup.h1.get_text(strip=True) == (heading or HEADINGS[status])[language]
    assert TODO[language] in [h2.get_text(strip=True) for h2 in soup.select("main h2")]
    return soup


LANGUAGES = pytest.mark.parametrize("language", ["nl", "en"])
pytestmark = pytest.mark.urls("planmonitor.core.tests.error_urls")


@LANGUAGES
@pytest.mark.django_db
def test_it_answers_a_bad_request_with_the_400_page_without_its_detail(language):
    response = client_in(language).get("/fout/400/")

    soup = assert_error_page(response, 400, language)
    assert error_urls.SECRET not in soup.get_text()


@LANGUAGES
@pytest.mark.django_db
def test_a_refusal_without_a_reason_gets_the_general_403_text_not_its_message(language):
    response = client_in(language).get("/fout/403/")

    soup = assert_error_page(response, 403, language)
    assert soup.select_one("#error-reason") is None
    assert error_urls.SECRET not in soup.get_text()


@pytest.mark.django_db
def test_a_refusal_with_a_reason_shows_it():
    soup = assert_error_page(client_in("nl").get("/fout/403-reden/"), 403, "nl")

    assert soup.select_one("#error-reason").get_text(strip=True) == "Deze ronde is gesloten."


@LANGUAGES
@pytest.mark.django_db
def test_an_unknown_address_gets_the_404_page(language):
    # Not "/bestaat-niet/": under /nl/ that is a public plan's address (portal:plan), so
    # LocaleMiddleware redirects there first (and that page answers 404).
    assert_error_page(client_in(language).get("/bestaat/niet/hier/"), 404, language)


@LANGUAGES
@pytest.mark.django_db
def test_an_expired_form_gets_the_403_page_not_djangos_bare_one(language):
    response = client_in(language, enforce_csrf_checks=True).post(
        "/login/", {"username": "x", "password": "y"}
    )

    heading = {"nl": "Het formulier kon niet worden verzonden", "en": "The form could not be sent"}
    assert_error_page(response, 403, language, heading)


@LANGUAGES
def test_a_crash_gets_the_500_page_without_touching_the_database(language):
    # No django_db mark: any query would raise, inside the view as in the page.
    response = client_in(language).get("/fout/500/")

    soup = assert_error_page(response, 500, language)
    assert error_urls.SECRET not in soup.get_text()
    assert soup.select_one("#example-data-banner") is None


def test_the_500_page_renders_when_a_context_processor_fails(settings):
    engine = {**settings.TEMPLATES[0]}
    engine["OPTIONS"] = {
        **engine["OPTIONS"],
        "context_processors": [
            *engine["OPTIONS"]["context_processors"],
            "planmonitor.core.tests.error_urls.broken_context_processor",
        ],
    }
    settings.TEMPLATES = [engine]

    assert_error_page(client_in("en").get("/fout/500/"), 500, "en")


def test_a_500_page_that_cannot_render_falls_back_to_a_fixed_text(monkeypatch):
    from planmonitor.core import views

    def fail(*args, **kwargs):
        raise RuntimeError("the templates are gone")

    monkeypatch.setattr(views, "render_to_string", fail)

    response = client_in("nl").get("/fout/500/")

    assert response.status_code == 500
    assert parse_html(response).h1.get_text(strip=True) == "Er ging iets mis"


@LANGUAGES
def test_a_locked_out_login_gets_the_429_page_in_the_layout(language, owner):
    client = client_in(language)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = log_in(client, owner.username, "wrong-password")

    assert_error_page(response, 429, language)


# --- the reasons the code knows ---------------------------------------------------------


@LANGUAGES
def test_an_owner_opening_an_accepted_reports_edit_page_is_told_why_and_whom_to_ask(
    language, report, owner, coordinator
):
    accepted(report, owner, coordinator)
    client = client_in(language)
    client.force_login(owner)

    soup = assert_error_page(client.get(url("report_edit", report)), 403, language)

    reason = soup.select_one("#error-reason").get_text(strip=True)
    assert (
        reason
        == {
            "nl": "Dit rapport is aanvaard: het kan niet meer worden bewerkt. "
            "Vraag de coördinator om het te heropenen voor een correctie.",
            "en": "This report was accepted: it can no longer be edited. "
            "Ask the coordinator to re-open it for a correction.",
        }[language]
    )


def test_an_owner_opening_a_submitted_reports_edit_page_is_told_it_waits_for_review(report, owner):
    submitted(report, owner)
    client = client_in("en")
    client.force_login(owner)

    soup = assert_error_page(client.get(url("report_edit", report)), 403, "en")

    assert "waits for the coordinator's review" in soup.select_one("#error-reason").get_text()


def test_a_co_ministers_contributor_editing_the_action_is_told_who_may(action, contributor):
    # The contributor sees the action (their minister is a co-minister) but may not edit it.
    client = client_in("en")
    client.force_login(contributor)

    response = client.get(
        reverse(
            "plans:action_edit", kwargs={"short_name": action.plan.short_name, "code": action.code}
        )
    )

    soup = assert_error_page(response, 403, "en")
    assert soup.select_one("#error-reason").get_text(strip=True) == (
        "Only the owners of this action and the plan's coordinator can edit it."
    )
