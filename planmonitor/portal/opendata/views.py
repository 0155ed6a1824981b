"""The open-data downloads, the DCAT-AP catalogue and the data dictionary page.

A download's body is generated once per cache generation (``portal.cache``: a publication
starts a new one) and kept in the shared cache with its ETag and time, so every worker
answers from the cache and a client's conditional GET gets a 304.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import condition, require_GET

from .. import public
from ..cache import PAGE_TIMEOUT, generation, page_key, started
from . import catalog
from .datasets import DATASETS, SUPPRESSION
from .writing import FORMATS, LICENCE_TITLE, LICENCE_URL, write


@dataclass(frozen=True)
class Body:
    content: bytes
    content_type: str
    etag: str
    generated: dt.datetime


def _once(request: HttpRequest, ident: tuple[str, ...], make: Callable[[], Body]) -> Body:
    """``make()`` once per request: the ETag and Last-Modified functions and the view share
    its answer (and its queries)."""
    memo: dict[tuple[str, ...], Body] = request.__dict__.setdefault("_opendata_bodies", {})
    if ident not in memo:
        memo[ident] = make()
    return memo[ident]


# Bodies this worker read from the shared cache, by key. A key holds the generation, so a
# publication makes them unreachable here as in the shared cache; reading a large body from
# the database cache again on every request cost as much as the rest of the request.
_local: dict[str, Body] = {}
LOCAL_BYTES = 32 * 2**20


def forget_kept_bodies() -> None:
    """Empty this worker's memory of bodies. Tests call it before each test: a rolled-back
    database reuses keys (ids) under an unchanged generation, which production never does."""
    _local.clear()


def _cached(parts: tuple[object, ...], build: Callable[[dt.datetime], tuple[bytes, str]]) -> Body:
    """The body of the current generation under ``parts``: from this worker's memory, else
    the shared cache, else built (dated when the generation began)."""
    number = generation()
    key = page_key(*parts, number=number)
    body = _local.get(key)
    if body is not None:
        return body
    body = cache.get(key)
    if body is None:
        generated = started(number)
        content, content_type = build(generated)
        etag = hashlib.sha256(content).hexdigest()[:32]
        body = Body(content, content_type, f'"{etag}"', generated)
        cache.set(key, body, timeout=PAGE_TIMEOUT)
    if sum(len(kept.content) for kept in _local.values()) + len(body.content) > LOCAL_BYTES:
        _local.clear()  # old generations' bodies, mostly: start again
    _local[key] = body
    return body


# --- Downloads -----------------------------------------------------------------------------


def _download_body(request: HttpRequest, short_name: str, dataset: str, fmt: str) -> Body:
    if dataset not in DATASETS or fmt not in FORMATS:
        raise Http404
    return _once(request, (short_name, dataset, fmt), lambda: _download(short_name, dataset, fmt))


def _download(short_name: str, dataset: str, fmt: str) -> Body:
    # Whether the plan is public is asked on every request (one query): unpublishing hides
    # it at once. Only its key: the plan itself is read when the body is built (a cache hit
    # with the whole plan cost more than the rest of the request).
    pk = public.plan_pk(short_name)
    if pk is None:
        raise Http404

    def build(generated: dt.datetime) -> tuple[bytes, str]:
        plan = public.plan(short_name)
        if plan is None:  # unpublished since the first query
            raise Http404
        return write(fmt, DATASETS[dataset], plan, generated), FORMATS[fmt]

    return _cached(("opendata", pk, dataset, fmt), build)


def _download_etag(request: HttpRequest, **kwargs: Any) -> str:
    return _download_body(request, **kwargs).etag


def _download_modified(request: HttpRequest, **kwargs: Any) -> dt.datetime:
    return _download_body(request, **kwargs).generated


def _answer(body: Body, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(body.content, content_type=body.content_type)
    disposition = content_disposition_header(True, filename) if filename else None
    if disposition:
        response["Content-Disposition"] = disposition
    # Anyone may read open data, from any site; caches ask again (a 304 is cheap).
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, no-cache"
    return response


@require_GET
@condition(etag_func=_download_etag, last_modified_func=_download_modified)
def download(request: HttpRequest, short_name: str, dataset: str, fmt: str) -> HttpResponse:
    body = _download_body(request, short_name=short_name, dataset=dataset, fmt=fmt)
    return _answer(body, f"{short_name}-{dataset}.{fmt}")


# --- The DCAT-AP catalogue -----------------------------------------------------------------

CATALOG_TYPES = {"jsonld": "application/ld+json", "ttl": "text/turtle; charset=utf-8"}


def _catalog_body(request: HttpRequest, fmt: str) -> Body:
    def build(generated: dt.datetime) -> tuple[bytes, str]:
        graph = catalog.graph(list(public.plans()), modified=generated)
        return catalog.serialize(graph, fmt), CATALOG_TYPES[fmt]

    return _once(request, ("catalog", fmt), lambda: _cached(("opendata", "catalog", fmt), build))


@require_GET
@condition(
    etag_func=lambda request, fmt: _catalog_body(request, fmt).etag,
    last_modified_func=lambda request, fmt: _catalog_body(request, fmt).generated,
)
def catalogue(request: HttpRequest, fmt: str) -> HttpResponse:
    return _answer(_catalog_body(request, fmt))


# --- The data dictionary page --------------------------------------------------------------


@require_GET
def dictionary(request: HttpRequest) -> HttpResponse:
    plans = list(public.plans())
    for plan in plans:
        plan.public_title = public.localized(plan.title, plan.title_en)  # type: ignore[attr-defined]
    return render(
        request,
        "portal/opendata/dictionary.html",
        {
            "plans": plans,
            "datasets": list(DATASETS.values()),
            "formats": list(FORMATS),
            "licence_title": LICENCE_TITLE,
            "licence_url": LICENCE_URL,
            "suppression": SUPPRESSION,
        },
    )
