"""The public site's cache: pages live in the shared cache (settings.CACHES) until the next
publication. Every cached page's key holds the current *generation*; ``bump`` starts a new
one, so every page is rendered anew on its next request (no timer, no list of keys).

Call ``bump()`` from every write that changes what the public sees: the publishing
services, and the changes to public content of a published plan (portal/apps.py
connects those).
"""

from __future__ import annotations

import datetime as dt
import time

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

GENERATION_KEY = "portal:generation"
# Long enough for any page; a new generation makes the old entries unreachable, and the
# cache culls them.
PAGE_TIMEOUT = 7 * 24 * 3600


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A new installation or a cleared cache: a number no generation had before (the
        # time in ns), so a body a worker keeps in memory under an old key is never served.
        value = time.time_ns()
        if not cache.add(GENERATION_KEY, value, timeout=None):  # another worker was first
            value = cache.get(GENERATION_KEY, value)
    return int(value)


def bump() -> None:
    """A new generation once the current transaction commits (at once outside one)."""
    transaction.on_commit(_bump)


def _bump() -> None:
    # The time the new generation begins (ns), and always a new number: ``started`` reads
    # the time back, so every page of a generation says when the public content changed.
    cache.set(GENERATION_KEY, max(time.time_ns(), generation() + 1), timeout=None)


def started(number: int | None = None) -> dt.datetime:
    """When what the public sees last changed (the current generation began), to the
    second: every body of one generation says the same (open data's Last-Modified and
    the catalogue's ``dct:modified``), whenever it was built."""
    number = generation() if number is None else number
    moment = dt.datetime.fromtimestamp(number // 10**9, tz=dt.UTC)
    return min(moment, timezone.now()).replace(microsecond=0)


def page_key(*parts: object, number: int | None = None) -> str:
    """The cache key of a page of the current generation (or of generation ``number``)."""
    number = generation() if number is None else number
    return ":".join(["portal", "page", str(number), *map(str, parts)])
