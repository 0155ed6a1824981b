"""The open data's catalogue as DCAT-AP (the Flemish profile, DCAT-AP Vlaanderen, on
DCAT-AP 2.x): one rdflib graph, served as JSON-LD and as Turtle, for the Flemish open data
portal to harvest. ``shapes/dcat-ap-vl.ttl`` holds the SHACL shapes of its mandatory
properties (the tests validate the graph against them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD, Namespace

from planmonitor.plans.models import Plan

from .datasets import DATASETS, Dataset
from .writing import LICENCE_URL

# The SHACL shapes of DCAT-AP Vlaanderen's mandatory properties (the tests validate with them).
SHAPES = Path(__file__).parent / "shapes" / "dcat-ap-vl.ttl"
EU = "http://publications.europa.eu/resource/authority/"
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
PUBLISHER_NAME = "Agentschap Justitie en Handhaving"
# The Flemish Region in GeoNames (the EU's ATU table has no entry we are sure of for it).
FLANDERS = URIRef("https://sws.geonames.org/3337388/")
THEMES = (URIRef(f"{EU}data-theme/JUST"), URIRef(f"{EU}data-theme/SOCI"))
LANGUAGES = (URIRef(f"{EU}language/NLD"), URIRef(f"{EU}language/ENG"))
PUBLIC_ACCESS = URIRef(f"{EU}access-right/PUBLIC")
MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
FILE_TYPES = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON"}
KEYWORDS = {
    "nl": ("actieplan", "geweld", "gendergerelateerd geweld", "Vlaamse overheid"),
    "en": ("action plan", "violence", "gender-based violence", "Flemish government"),
}


def site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _both(dutch: object, english: object | None = None) -> list[Literal]:
    """A gettext text in Dutch and in English."""
    texts = []
    for language, text in (("nl", dutch), ("en", english if english is not None else dutch)):
        with translation.override(language):
            texts.append(Literal(str(text), lang=language))
    return texts


def graph(plans: Iterable[Plan], *, modified: dt.datetime) -> Graph:
    g = Graph()
    for prefix, namespace in (
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("foaf", FOAF),
        ("vcard", VCARD),
    ):
        g.bind(prefix, namespace)
    licence = URIRef(LICENCE_URL)
    g.add((licence, RDF.type, DCTERMS.LicenseDocument))

    publisher = URIRef(site("/opendata/catalog#publisher"))
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(PUBLISHER_NAME, lang="nl")))
    contact = URIRef(site("/opendata/catalog#contact"))
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(PUBLISHER_NAME, lang="nl")))
    g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{settings.CONTACT_EMAIL}")))

    catalog = URIRef(site("/opendata/catalog"))
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal("Planmonitor – open data", lang="nl")))
    g.add((catalog, DCTERMS.title, Literal("Planmonitor – open data", lang="en")))
    for text in _both(
        "De gepubliceerde actieplannen van de Vlaamse overheid en hun opvolging: acties, "
        "indicatoren, voortgangsrapporten en indicatorwaarden.",
        "The published action plans of the Flemish government and their follow-up: actions, "
        "indicators, progress reports and indicator values.",
    ):
        g.add((catalog, DCTERMS.description, text))
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, DCTERMS.license, licence))
    with translation.override("nl"):
        homepage = URIRef(site(reverse("portal:opendata")))
    g.add((catalog, FOAF.homepage, homepage))
    for language in LANGUAGES:
        g.add((catalog, DCTERMS.language, language))
    g.add((catalog, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))
    g.add((catalog, DCAT.themeTaxonomy, URIRef(f"{EU}data-theme")))

    for plan in plans:
        for dataset in DATASETS.values():
            node = _dataset(g, plan, dataset, publisher, contact, licence, homepage, modified)
            g.add((catalog, DCAT.dataset, node))
    return g


def _dataset(
    g: Graph,
    plan: Plan,
    dataset: Dataset,
    publisher: URIRef,
    contact: URIRef,
    licence: URIRef,
    homepage: URIRef,
    modified: dt.datetime,
) -> URIRef:
    identifier = f"{plan.short_name}/{dataset.name}"
    node = URIRef(site(f"/opendata/{identifier}"))
    g.add((node, RDF.type, DCAT.Dataset))
    g.add((node, DCTERMS.identifier, Literal(identifier)))
    nl_title, en_title = _both(dataset.title)
    g.add((node, DCTERMS.title, Literal(f"{plan.title} – {nl_title}", lang="nl")))
    g.add((node, DCTERMS.title, Literal(f"{plan.title_en or plan.title} – {en_title}", lang="en")))
    for text in _both(dataset.description):
        g.add((node, DCTERMS.description, text))
    g.add((node, DCTERMS.publisher, publisher))
    g.add((node, DCAT.contactPoint, contact))
    g.add((node, DCAT.landingPage, URIRef(f"{homepage}#{plan.short_name}-{dataset.name}")))
    for language, words in KEYWORDS.items():
        for word in words:
            g.add((node, DCAT.keyword, Literal(word, lang=language)))
    for word in dataset.keywords:
        g.add((node, DCAT.keyword, Literal(word, lang="nl")))
    for theme in THEMES:
        g.add((node, DCAT.theme, theme))
    for language in LANGUAGES:
        g.add((node, DCTERMS.language, language))
    g.add((node, DCTERMS.accessRights, PUBLIC_ACCESS))
    g.add((node, DCTERMS.spatial, FLANDERS))
    g.add((node, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))
    period = BNode()
    g.add((node, DCTERMS.temporal, period))
    g.add((period, RDF.type, DCTERMS.PeriodOfTime))
    g.add((period, DCAT.startDate, Literal(plan.period_start, datatype=XSD.date)))
    g.add((period, DCAT.endDate, Literal(plan.period_end, datatype=XSD.date)))

    for fmt, media_type in MEDIA_TYPES.items():
        url = URIRef(
            site(
                reverse(
                    "opendata:download",
                    kwargs={"short_name": plan.short_name, "dataset": dataset.name, "fmt": fmt},
                )
            )
        )
        distribution = URIRef(f"{url}#distribution")
        g.add((node, DCAT.distribution, distribution))
        g.add((distribution, RDF.type, DCAT.Distribution))
        g.add((distribution, DCTERMS.title, Literal(f"{nl_title} ({fmt.upper()})", lang="nl")))
        g.add((distribution, DCTERMS.title, Literal(f"{en_title} ({fmt.upper()})", lang="en")))
        g.add((distribution, DCAT.accessURL, url))
        g.add((distribution, DCAT.downloadURL, url))
        g.add(
            (
                distribution,
                DCAT.mediaType,
                URIRef(f"http://www.iana.org/assignments/media-types/{media_type}"),
            )
        )
        g.add((distribution, DCTERMS.format, URIRef(f"{EU}file-type/{FILE_TYPES[fmt]}")))
        g.add((distribution, DCTERMS.license, licence))
        g.add((distribution, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))
    return node


CONTEXT = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "vcard": str(VCARD),
    "xsd": str(XSD),
}


def serialize(g: Graph, fmt: str) -> bytes:
    if fmt == "jsonld":
        return g.serialize(format="json-ld", context=CONTEXT, auto_compact=True).encode("utf-8")
    return g.serialize(format="turtle").encode("utf-8")
