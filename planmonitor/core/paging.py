"""What a paginated list's links need (``templates/includes/pagination.html``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils.http import urlencode


def filter_query(request: HttpRequest, names: Iterable[str]) -> str:
    """The list's filters as given, without the page: for the page links and the downloads,
    so moving to another page or downloading keeps the filters."""
    return urlencode([(name, value) for name in names if (value := request.GET.get(name))])


def page_of(request: HttpRequest, items, per_page: int, *, count: int | None = None) -> Page:
    """The requested page of ``items`` (a QuerySet: LIMIT/OFFSET in the database).

    A garbage page number gives the first page, one past the end the last (never a 404
    from a stale link). A last page of a few rows (a tenth of a page) joins the one before.
    ``count``: the number of items when the page has counted them already (spares the
    paginator's COUNT query).
    """
    paginator = Paginator(items, per_page, orphans=per_page // 10)
    if count is not None:
        vars(paginator)["count"] = count  # Paginator.count is a cached_property
    return paginator.get_page(request.GET.get("page"))
