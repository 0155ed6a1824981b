"""The public site's pages of a list: ``?pagina=N`` (the site's Dutch URLs), pages large
enough that a plan of today's size (115 actions, ~150 later) stays on one page without
page links. The page number is part of the URL, hence of the page cache's key
(``caching.full_path_key``): each page of a list is cached apart."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_SIZE = 200
PARAM = "pagina"


def page_of(
    request: HttpRequest, rows: QuerySet[Any] | Sequence[Any], *, count: int | None = None
) -> Page:
    """The requested page of ``rows`` (a queryset: counted and sliced in the database); a
    page number that is not one gives the first page, one past the end the last.
    ``count``: the number of rows when the caller counted them already (no second count)."""
    paginator = Paginator(rows, PAGE_SIZE)
    if count is not None:
        paginator.__dict__["count"] = count  # Paginator.count is a cached property
    return paginator.get_page(request.GET.get(PARAM))
