"""The public site: its pages and the open-data pages, under the language prefix."""

from .opendata.urls import page_patterns as opendata_pages
from .site.urls import urlpatterns as site_pages

app_name = "portal"
urlpatterns = [*site_pages, *opendata_pages]
