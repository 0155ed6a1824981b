"""The public site's pages (language-prefixed: /nl/…, /en/…), namespace ``portal``.

Two lists: the plan's framework (overview, goals, actions, search) and its record
(rounds, decisions, versions, evaluations, feeds, statements)."""

from planmonitor.portal.site.framework_urls import framework_patterns
from planmonitor.portal.site.record_urls import record_patterns

# The record pages and the open data pages have fixed first segments; the framework's
# <short_name>/ would otherwise catch them.
urlpatterns: list = [*record_patterns, *framework_patterns]
