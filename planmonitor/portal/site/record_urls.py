"""The public site's record pages: rounds, decisions, versions, evaluations, feeds and the
accessibility and privacy statements."""

from django.urls import path
from django.views.decorators.http import require_safe

from . import feeds, record_views
from .caching import cached_public_page

record_patterns: list = [
    path("<slug:short_name>/rondes/<id:pk>/", record_views.round_progress, name="round"),
    path("<slug:short_name>/besluiten/", record_views.decisions, name="decisions"),
    path("<slug:short_name>/versies/", record_views.versions, name="versions"),
    path("<slug:short_name>/versies/<id:number>/", record_views.version, name="version"),
    path("<slug:short_name>/evaluaties/", record_views.evaluations, name="evaluations"),
    path(
        "<slug:short_name>/evaluaties/<id:pk>/download/",
        record_views.evaluation_download,
        name="evaluation_download",
    ),
    path(
        "<slug:short_name>/feed.atom",
        cached_public_page(require_safe(feeds.AtomFeed())),
        name="feed_atom",
    ),
    path(
        "<slug:short_name>/feed.rss",
        cached_public_page(require_safe(feeds.RssFeed())),
        name="feed_rss",
    ),
    path("toegankelijkheid/", record_views.accessibility, name="accessibility"),
    path("privacy/", record_views.privacy, name="privacy"),
]
