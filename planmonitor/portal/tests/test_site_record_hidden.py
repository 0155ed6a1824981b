"""Every record page, both feeds and the download, in Dutch and English, against the plan
holding one of each kind of hidden item: VERBORGEN-* never shows, OPENBAAR-* does."""

import pytest

from .hidden import assert_nothing_hidden
from .site_record import REPORT_BYTES, all_urls, record_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixture():
    return record_fixture()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_record_url_shows_a_hidden_item(client, fixture, language):
    for address in all_urls(fixture, language):
        response = client.get(address)
        assert response.status_code == 200, address
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert_nothing_hidden(body.decode("utf-8", "replace"), fixture.base)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_record_url_shows_its_public_items(client, fixture, language):
    short_name = fixture.plan.short_name
    pages = dict(
        zip(
            [
                "round",
                "decisions",
                "versions",
                "v1",
                "v2",
                "evaluations",
                "download",
                "atom",
                "rss",
                "accessibility",
                "privacy",
            ],
            all_urls(fixture, language),
            strict=True,
        )
    )

    def body(key):
        response = client.get(pages[key])
        data = b"".join(response.streaming_content) if response.streaming else response.content
        return data.decode()

    shown = fixture.shown
    assert shown["report"] in body("round")
    assert shown["indicator-name"] in body("round")
    v2 = body("v2")
    assert shown["new-title"] in v2 and shown["added-action"] in v2
    assert shown["evaluation"] in body("evaluations")
    assert body("download").encode() == REPORT_BYTES
    assert shown["event"] in body("atom") and shown["event"] in body("rss")
    assert short_name in body("decisions")
