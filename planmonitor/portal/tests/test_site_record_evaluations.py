"""The published evaluation reports and their download."""

import pytest
from bs4 import BeautifulSoup

from .hidden import assert_nothing_hidden, published_plan_with_hidden_items
from .site_record import REPORT_BYTES, evaluation_publish, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixture():
    base = published_plan_with_hidden_items()
    base.publication = evaluation_publish(base)
    return base


@pytest.mark.parametrize("language", ["nl", "en"])
def test_it_lists_the_published_reports(client, fixture, language):
    response = client.get(url("evaluations", language, short_name=fixture.plan.short_name))
    assert response.status_code == 200
    links = BeautifulSoup(response.content, "html.parser").select("ul.downloads a")
    assert [a.get_text(strip=True) for a in links] == [fixture.shown["evaluation"]]
    assert links[0]["href"] == url(
        "evaluation_download",
        language,
        short_name=fixture.plan.short_name,
        pk=fixture.publication.pk,
    )
    assert_nothing_hidden(response.content.decode(), fixture)  # the unpublished report too


def test_the_download_is_the_published_file(client, fixture):
    address = url(
        "evaluation_download", short_name=fixture.plan.short_name, pk=fixture.publication.pk
    )
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"{fixture.plan.short_name}-interim-{fixture.publication.pk}.pdf" in disposition
    assert b"".join(response.streaming_content) == REPORT_BYTES


def test_an_unpublished_report_cannot_be_downloaded(client, fixture):
    short_name = fixture.plan.short_name
    assert (
        client.get(url("evaluation_download", short_name=short_name, pk=999999)).status_code == 404
    )
    fixture.publication.delete()  # unpublished
    assert client.get(url("evaluations", short_name=short_name)).status_code == 200
    response = client.get(
        url("evaluation_download", short_name=short_name, pk=fixture.publication.job_id)
    )
    assert response.status_code == 404


def test_an_unpublished_plan_has_no_evaluations(client, fixture):
    fixture.plan.is_published = False
    fixture.plan.save(update_fields=["is_published"])
    short_name = fixture.plan.short_name
    assert client.get(url("evaluations", short_name=short_name)).status_code == 404
    address = url("evaluation_download", short_name=short_name, pk=fixture.publication.pk)
    assert client.get(address).status_code == 404
