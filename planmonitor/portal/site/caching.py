"""The public pages' cache: a page is rendered once per publication generation
(``portal.cache``) and language, then served from the shared cache to every visitor.

Only the public's pages are cached: a coordinator's preview is rendered each time and
marked private. A page holding a CSRF token is never cached (it would hand one visitor's
token to all).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import get_language

from planmonitor.portal import preview
from planmonitor.portal.cache import PAGE_TIMEOUT, page_key

# Browsers and proxies may keep a page a minute; the shared cache keeps it until the next
# publication (the generation in the key), so a publication shows within a minute.
MAX_AGE = 60
CSRF_MARKER = b"csrfmiddlewaretoken"

View = Callable[..., HttpResponseBase]


def full_path_key(request: HttpRequest) -> str:
    """The path with its query string sorted (``?b=1&a=2`` and ``?a=2&b=1`` are one page),
    hashed: the key stays short whatever the query string holds."""
    query = urlencode(sorted((k, sorted(v)) for k, v in request.GET.lists()), doseq=True)
    full = f"{request.path}?{query}" if query else request.path
    return hashlib.sha256(full.encode()).hexdigest()


def cached_public_page(view: View) -> View:
    """Serve a GET view's page from the shared cache; render and store it on a miss."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if preview.audience(request).is_preview:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_store=True)
            return response
        key = page_key(get_language(), full_path_key(request))
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            response = HttpResponse(content, content_type=content_type)
            _public(response)
            return response
        response = view(request, *args, **kwargs)
        if _cacheable(response):
            assert isinstance(response, HttpResponse)
            cache.set(key, (response.content, response["Content-Type"]), PAGE_TIMEOUT)
            _public(response)
        return response

    return wrapper


def _cacheable(response: HttpResponseBase) -> bool:
    if response.status_code != 200 or not isinstance(response, HttpResponse):
        return False  # redirects, 404s, streamed downloads
    if response.has_header("Set-Cookie") or response.cookies:
        return False
    return CSRF_MARKER not in response.content


def _public(response: HttpResponseBase) -> None:
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    # The language is in the URL (/nl/, /en/): no Vary on Accept-Language. A cookie may
    # carry a coordinator's session with a preview, which the same URL shows differently.
    patch_vary_headers(response, ("Cookie",))
