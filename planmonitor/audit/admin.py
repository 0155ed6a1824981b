"""The admin may show the audit trail, never change it.

``ReadOnlyHistoryAdmin`` is the only simple-history admin to use: simple-history's
own ``SimpleHistoryAdmin`` still saves a POST to its per-version page (a revert),
even with ``SIMPLE_HISTORY_REVERT_DISABLED``, which only hides the button.
The historical models themselves are not registered in the admin: the
"Geschiedenis" page (``planmonitor.audit.views``) shows them, read-only.
"""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """A ModelAdmin with simple-history's history pages, which only ever show."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied  # no revert, for superusers neither
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_change_history_permission(self, request, obj=None) -> bool:
        return False

    def revert_disabled(self, request, obj=None) -> bool:
        return True
