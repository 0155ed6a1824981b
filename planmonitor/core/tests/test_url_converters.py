"""Every integer in a URL is bounded: an id beyond 64 bits is a 404, never a 500."""

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.converters import IntConverter

from planmonitor.core.converters import MAX_ID, IdConverter


def _patterns(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def _converters(route_and_entry) -> dict:
    _, entry = route_and_entry
    return entry.pattern.converters


ALL = list(_patterns(get_resolver()))
WITH_IDS = [
    (route, entry)
    for route, entry in ALL
    if any(isinstance(c, IdConverter) for c in _converters((route, entry)).values())
]


def _path(route: str, entry: URLPattern, number: int) -> str:
    """``route`` filled in: ``number`` for every id, a plain word for everything else."""
    path = route
    for name, converter in entry.pattern.converters.items():
        kind = "id" if isinstance(converter, IdConverter) else None
        if kind is None:
            for key in ("str", "slug", "path"):
                if f"<{key}:{name}>" in path:
                    kind = key
        value = str(number) if kind == "id" else "x1"
        path = path.replace(f"<{kind}:{name}>", value)
    return "/" + path


def test_it_uses_no_unbounded_int_converter():
    unbounded = [
        route
        for route, entry in ALL
        if any(isinstance(c, IntConverter) for c in entry.pattern.converters.values())
    ]
    assert unbounded == []


def test_it_found_the_patterns_with_ids():
    # The enumeration itself works: the known id patterns are among them.
    names = {entry.name for _, entry in WITH_IDS}
    assert {"round_detail", "sheet_version", "report_value", "history"} <= names


@pytest.mark.parametrize(("route", "entry"), WITH_IDS, ids=[e.name for _, e in WITH_IDS])
def test_it_resolves_the_largest_id_and_refuses_one_more(route, entry):
    assert resolve(_path(route, entry, MAX_ID)).url_name == entry.name
    for number in (MAX_ID + 1, 10**20 - 1, 10**40):
        with pytest.raises(Resolver404):
            resolve(_path(route, entry, number))


@pytest.mark.parametrize(
    "path",
    [
        "/plans/ggg-2025-2029/rondes/99999999999999999999/",
        "/plans/ggg-2025-2029/acties/A001/fiche/versies/99999999999999999999/",
    ],
)
def test_it_answers_404_for_the_reported_urls(client, coordinator, path):
    client.force_login(coordinator)
    assert client.get(path).status_code == 404
