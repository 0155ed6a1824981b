"""/api/docs is served from our own static files: no CDN, nothing fetched from elsewhere."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

EXTERNAL = re.compile(r"""(?:https?:)?//[a-z0-9.-]+""", re.IGNORECASE)


@pytest.fixture
def docs(client):
    response = client.get(reverse("api:openapi-view"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _assets(page: BeautifulSoup) -> list[str]:
    links = [tag["href"] for tag in page.find_all("link", href=True)]
    scripts = [tag["src"] for tag in page.find_all("script", src=True)]
    return links + scripts


def test_it_names_no_url_of_another_site(client):
    html = client.get(reverse("api:openapi-view")).content.decode()
    assert not EXTERNAL.findall(html), EXTERNAL.findall(html)


def test_its_scripts_and_styles_are_our_static_files(docs):
    assets = _assets(docs)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets), assets
    assert any(a.endswith("swagger-ui.css") for a in assets), assets
    for asset in assets:
        assert asset.startswith(f"/{settings.STATIC_URL.strip('/')}/"), asset
        assert finders.find(asset.removeprefix(f"/{settings.STATIC_URL.strip('/')}/")), asset


@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
def test_its_static_files_are_served(docs):
    client = Client()  # a new handler: WhiteNoise reads the settings above
    for asset in _assets(docs):
        response = client.get(asset)
        assert response.status_code == 200, asset
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body, asset


def test_swagger_ui_asks_no_online_validator_and_reads_our_schema(docs):
    settings_json = json.loads(docs.find("script", id="swagger-settings").string)
    assert settings_json["validatorUrl"] is None  # else it calls validator.swagger.io
    assert settings_json["url"] == reverse("api:openapi-json")
