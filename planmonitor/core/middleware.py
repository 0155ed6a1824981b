"""The project's LocaleMiddleware: Django's, minus one guess.

Django's answers a 404 on an address without a language prefix with a redirect to the
same address under the prefix when that resolves (``/x/`` → ``/nl/x/``). The public
site's patterns (``/nl/<plan>/sd/<code>/``) match almost any address, so an internal
page that *answered* 404 (an object the visitor may not know of) would turn into a
redirect to a public page that answers 404 in turn. Only an address nothing resolved
may be a missing prefix; a view's own 404 is the answer.
"""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if response.status_code == 404 and getattr(request, "resolver_match", None):
            if not translation.get_language_from_path(request.path_info):
                patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


class NulRefusingMiddleware:
    """A request whose path holds a NUL character is a bad request (400).

    No address of planmonitor contains one, and PostgreSQL refuses text with NUL
    outright: a ``<str:code>`` such as ``/acties/A%00/`` would reach the database and fail
    there (a 500) on PostgreSQL only. Refused here, the same on every engine, with the
    project's 400 page in the visitor's language. The query string is left to the forms
    that read it: they refuse NUL with a message (Django's ProhibitNullCharactersValidator)
    or ignore a bad filter, as the lists do.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if "\x00" in request.path_info:
            raise BadRequest("NUL character in the path")
        return self.get_response(request)
