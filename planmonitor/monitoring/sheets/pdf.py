"""The action sheet as a PDF: WeasyPrint renders our own HTML and fetches nothing else.

The fetcher serves only this project's static files (the print stylesheet);
every other URL, on the network or on the disk, is refused. Narratives reach
the HTML already sanitized (``rich_text``), so the PDF carries no more than the page.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative URLs in the HTML (``/static/...``) resolve against this; nothing answers there.
BASE_URL = "https://planmonitor.invalid/"


def _static_file(name: str) -> Path | None:
    if not name or any(part in ("", ".", "..") for part in name.split("/")):
        return None
    found = finders.find(name)
    if found:
        return Path(found)
    try:  # collected (and hashed) files in production
        if staticfiles_storage.exists(name):
            return Path(staticfiles_storage.path(name))
    except NotImplementedError:
        return None
    return None


class StaticFilesOnly(URLFetcher):
    """A WeasyPrint URL fetcher that serves our static files and refuses everything else."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        static_root = urljoin(BASE_URL, settings.STATIC_URL)
        parts = urlsplit(url)
        plain = f"{parts.scheme}://{parts.netloc}{parts.path}"
        if not plain.startswith(static_root):
            raise ValueError(f"not fetched for a PDF: {url}")
        path = _static_file(unquote(plain[len(static_root) :]))
        if path is None:
            raise ValueError(f"no such static file: {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )


def render_pdf(html: str) -> bytes:
    return weasyprint.HTML(
        string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnly()
    ).write_pdf()
