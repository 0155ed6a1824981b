"""The DCAT-AP catalogue (/opendata/catalog.jsonld and .ttl): rdflib reads both, they hold
the same graph, and it conforms to the SHACL shapes of DCAT-AP Vlaanderen's mandatory
properties (portal/opendata/shapes/dcat-ap-vl.ttl)."""

from __future__ import annotations

import pytest
from django.test import override_settings
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from planmonitor.portal import cache as portal_cache
from planmonitor.portal.opendata.catalog import SHAPES, VCARD
from planmonitor.portal.opendata.datasets import DATASETS
from planmonitor.portal.tests.hidden import assert_nothing_hidden, published_plan_with_hidden_items

pytestmark = pytest.mark.django_db

SITE = "https://planmonitor.example.org"
EU = "http://publications.europa.eu/resource/authority/"


@pytest.fixture
def fixture():
    return published_plan_with_hidden_items()


@pytest.fixture
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def catalogue(client, fmt: str) -> Graph:
    response = client.get(f"/opendata/catalog.{fmt}")
    assert response.status_code == 200
    return Graph().parse(data=response.content, format={"ttl": "turtle", "jsonld": "json-ld"}[fmt])


def conforms(graph: Graph, shapes: Graph) -> tuple[bool, str]:
    ok, _, text = validate(graph, shacl_graph=shapes, inference="none", allow_warnings=False)
    return ok, text


@override_settings(SITE_URL=SITE, CONTACT_EMAIL="opendata@example.org")
@pytest.mark.parametrize("fmt", ["jsonld", "ttl"])
def test_it_parses_and_conforms_to_the_shapes(client, fixture, shapes, fmt):
    graph = catalogue(client, fmt)

    ok, report = conforms(graph, shapes)
    assert ok, report
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == len(DATASETS)
    assert len(set(graph.subjects(RDF.type, DCAT.Distribution))) == len(DATASETS) * 3


@override_settings(SITE_URL=SITE)
def test_both_serializations_hold_the_same_graph(client, fixture):
    assert isomorphic(catalogue(client, "ttl"), catalogue(client, "jsonld"))


@override_settings(SITE_URL=SITE, CONTACT_EMAIL="opendata@example.org")
def test_a_dataset_says_who_when_where_and_under_what_licence(client, fixture):
    graph = catalogue(client, "ttl")
    plan = fixture.plan
    node = URIRef(f"{SITE}/opendata/{plan.short_name}/actions")

    assert graph.value(node, DCTERMS.identifier) == Literal(f"{plan.short_name}/actions")
    publisher = graph.value(node, DCTERMS.publisher)
    assert graph.value(publisher, FOAF.name) == Literal(
        "Agentschap Justitie en Handhaving", lang="nl"
    )
    contact = graph.value(node, DCAT.contactPoint)
    assert (contact, RDF.type, VCARD.Organization) in graph
    assert graph.value(contact, VCARD.hasEmail) == URIRef("mailto:opendata@example.org")
    period = graph.value(node, DCTERMS.temporal)
    assert graph.value(period, DCAT.startDate) == Literal(plan.period_start, datatype=XSD.date)
    assert graph.value(period, DCAT.endDate) == Literal(plan.period_end, datatype=XSD.date)
    assert graph.value(node, DCTERMS.spatial) == URIRef("https://sws.geonames.org/3337388/")
    assert URIRef(f"{EU}data-theme/JUST") in set(graph.objects(node, DCAT.theme))
    assert graph.value(node, DCTERMS.accessRights) == URIRef(f"{EU}access-right/PUBLIC")
    assert {t.language for t in graph.objects(node, DCTERMS.title)} == {"nl", "en"}

    distributions = {
        graph.value(d, DCAT.downloadURL): d for d in graph.objects(node, DCAT.distribution)
    }
    xlsx = distributions[URIRef(f"{SITE}/opendata/{plan.short_name}/actions.xlsx")]
    assert graph.value(xlsx, DCAT.mediaType) == URIRef(
        "http://www.iana.org/assignments/media-types/"
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert graph.value(xlsx, DCTERMS.format) == URIRef(f"{EU}file-type/XLSX")
    assert graph.value(xlsx, DCTERMS.license) == URIRef(
        "https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0"
    )


@override_settings(SITE_URL=SITE)
def test_every_download_url_it_names_answers(client, fixture):
    graph = catalogue(client, "ttl")
    urls = [str(u) for u in graph.objects(None, DCAT.downloadURL)]

    assert len(urls) == len(DATASETS) * 3
    for url in urls:
        assert url.startswith(f"{SITE}/opendata/")
        assert client.get(url.removeprefix(SITE)).status_code == 200, url


@override_settings(SITE_URL=SITE)
@pytest.mark.parametrize(
    ("subject_class", "predicate"),
    [
        (DCAT.Dataset, DCTERMS.title),
        (DCAT.Dataset, DCTERMS.description),
        (DCAT.Dataset, DCTERMS.identifier),
        (DCAT.Dataset, DCAT.contactPoint),
        (DCAT.Dataset, DCTERMS.publisher),
        (DCAT.Distribution, DCAT.accessURL),
        (DCAT.Distribution, DCTERMS.license),
        (DCAT.Catalog, DCTERMS.title),
        (DCAT.Catalog, DCAT.dataset),
        (FOAF.Agent, FOAF.name),
    ],
)
def test_without_a_mandatory_property_it_does_not_conform(
    client, fixture, shapes, subject_class, predicate
):
    graph = catalogue(client, "ttl")
    subject = next(iter(graph.subjects(RDF.type, subject_class)))
    assert (subject, predicate, None) in graph
    graph.remove((subject, predicate, None))

    ok, report = conforms(graph, shapes)
    assert not ok
    assert str(predicate).rsplit("/", 1)[-1].split("#")[-1] in report


def test_it_names_no_hidden_item_and_no_unpublished_plan(
    client, fixture, django_capture_on_commit_callbacks
):
    for fmt in ("jsonld", "ttl"):
        assert_nothing_hidden(client.get(f"/opendata/catalog.{fmt}").content.decode(), fixture)

    fixture.plan.is_published = False
    fixture.plan.save(update_fields=["is_published"])
    with django_capture_on_commit_callbacks(execute=True):
        portal_cache.bump()  # as unpublishing does
    graph = catalogue(client, "ttl")
    assert not set(graph.subjects(RDF.type, DCAT.Dataset))
    assert fixture.plan.short_name not in client.get("/opendata/catalog.jsonld").content.decode()


def test_it_answers_with_its_types_and_a_conditional_get(client, fixture):
    turtle = client.get("/opendata/catalog.ttl")
    assert turtle["Content-Type"] == "text/turtle; charset=utf-8"
    assert client.get("/opendata/catalog.jsonld")["Content-Type"] == "application/ld+json"
    again = client.get("/opendata/catalog.ttl", HTTP_IF_NONE_MATCH=turtle["ETag"])
    assert again.status_code == 304
    assert client.get("/opendata/catalog.rdf").status_code == 404
