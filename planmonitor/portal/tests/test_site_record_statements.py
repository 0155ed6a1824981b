"""The accessibility statement (the Flemish model) and the privacy statement, in Dutch
and English."""

import pytest
from bs4 import BeautifulSoup

from .site_record import url

pytestmark = pytest.mark.django_db

ACCESSIBILITY = {
    "nl": [
        "Toegankelijkheidsverklaring",
        "Nalevingsstatus",
        "Niet-toegankelijke inhoud",
        "Opstelling van deze toegankelijkheidsverklaring",
        "Feedback en contactgegevens",
        "Handhavingsprocedure",
    ],
    "en": [
        "Accessibility statement",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
        "Feedback and contact information",
        "Enforcement procedure",
    ],
}
PRIVACY = {
    "nl": [
        "Privacyverklaring",
        "Wie is verantwoordelijk?",
        "Uw rechten",
        "Functionaris voor gegevensbescherming",
    ],
    "en": ["Privacy statement", "Who is responsible?", "Your rights", "Data protection officer"],
}


def headings(html: bytes) -> list[str]:
    return [
        h.get_text(strip=True) for h in BeautifulSoup(html, "html.parser").find_all(["h1", "h2"])
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_accessibility_statement_has_the_sections_of_the_flemish_model(client, language):
    response = client.get(url("accessibility", language))
    assert response.status_code == 200
    shown = headings(response.content)
    assert [h for h in shown if h in ACCESSIBILITY[language]] == ACCESSIBILITY[language]
    text = response.content.decode()
    assert "WCAG 2.1" in text and "axe-core" in text and "Vlaamse Ombudsdienst" in text
    assert "(in te vullen door de beheerder" in text  # contact data not invented


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_privacy_statement_names_the_controller_and_the_rights(client, language):
    response = client.get(url("privacy", language))
    assert response.status_code == 200
    shown = headings(response.content)
    assert [h for h in shown if h in PRIVACY[language]] == PRIVACY[language]
    text = response.content.decode()
    assert "Agentschap Justitie en Handhaving" in text
    assert "6(1)(e)" in text or "6, lid 1, e)" in text
    assert "@" not in BeautifulSoup(response.content, "html.parser").find("article").get_text()


def test_the_statements_set_no_cookie(client):
    for name in ("accessibility", "privacy"):
        assert not client.get(url(name)).cookies
