"""What a paginated list's links need (``templates/includes/pagination.html``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest
from django.utils.http import urlencode


def filter_query(request: HttpRequest, names: Iterable[str]) -> str:
    """The list's filters as given, without the page: for the page links and the downloads,
    so moving to another page or downloading keeps the filters."""
    return urlencode([(name, value) for name in names if (value := request.GET.get(name))])
