"""ETag, Last-Modified and conditional GET (304) for the read routes."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date


def last_modified(request: HttpRequest, *moments: dt.datetime | None) -> None:
    """Say when what the route answers last changed (the latest of ``moments``)."""
    known = [moment for moment in moments if moment is not None]
    if known:
        request.api_last_modified = max(known)  # type: ignore[attr-defined]


def conditional(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A 200 answer gets an ETag (of its body, unless the route set one: a report's is its
    version) and Last-Modified when the route said it; a matching If-None-Match or
    If-Modified-Since gets 304. The answer differs per token and language: Vary says so."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        patch_vary_headers(response, ["Authorization", "Accept-Language"])
        if not response.has_header("ETag"):
            digest = hashlib.sha256(response.content).hexdigest()[:32]
            response["ETag"] = f'"{digest}"'
        moment = getattr(request, "api_last_modified", None)
        timestamp = None
        if moment is not None:
            timestamp = int(moment.timestamp())
            response["Last-Modified"] = http_date(timestamp)
        answer = get_conditional_response(
            request, etag=response["ETag"], last_modified=timestamp, response=response
        )
        return answer if answer is not None else response

    return wrapper
