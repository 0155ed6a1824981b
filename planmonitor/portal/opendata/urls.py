"""Open data: the data dictionary page (language-prefixed, namespace ``portal``) and the
downloads and catalogue at stable, language-free URLs under /opendata/ (namespace
``opendata``)."""

from django.urls import path, re_path

from . import views

page_patterns = [
    path("opendata/", views.dictionary, name="opendata"),
]
download_patterns = [
    re_path(r"^catalog\.(?P<fmt>jsonld|ttl)$", views.catalogue, name="catalog"),
    # Any dataset and format name reaches the view, which answers 404 for unknown ones.
    re_path(
        r"^(?P<short_name>[-a-zA-Z0-9_]+)/(?P<dataset>[a-z]+)\.(?P<fmt>[a-z]+)$",
        views.download,
        name="download",
    ),
]
