"""The public site: its pages and the open-data pages, under the language prefix."""

from .opendata.urls import page_patterns as opendata_pages
from .site.urls import urlpatterns as site_pages

app_name = "portal"
# Open data first: its fixed "opendata/" would otherwise be read as a plan's short name.
urlpatterns = [*opendata_pages, *site_pages]
