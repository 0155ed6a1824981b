"""The unread count of the header's "Notifications" entry."""

from django import template

from planmonitor.notifications.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context: template.Context) -> int:
    """One query per page for a signed-in person, none for others."""
    request = context.get("request")
    return unread_count(user=getattr(request, "user", None))
