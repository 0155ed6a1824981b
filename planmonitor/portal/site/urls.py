"""The public site's pages (language-prefixed: /nl/…, /en/…), namespace ``portal``.

Two lists: the plan's framework (overview, goals, actions, search) and its record
(rounds, decisions, versions, evaluations, feeds, statements)."""

from planmonitor.portal.site.framework_urls import framework_patterns
from planmonitor.portal.site.record_urls import record_patterns

urlpatterns: list = [*framework_patterns, *record_patterns]
