"""Authorization matrix entries of the inbox (``/meldingen/``).

Everyone signed in has an inbox and settings; a notification is its recipient's only:
to anyone else it does not exist (404). The owner's is the "round opened" one the
matrix's round gave them.
"""

from planmonitor.notifications.models import Notification
from planmonitor.tests.matrix import (
    LOGGED_IN_PAGE,
    LOGIN,
    NO_POST_LOGGED_IN,
    NOT_ALLOWED,
    NOT_FOUND,
    Entry,
    answers,
)


def owners_notification(objects: dict) -> dict:
    notification = Notification.objects.filter(recipient=objects["owner"]).order_by("pk").first()
    assert notification is not None, "the matrix's round should have notified the owner"
    return {"pk": notification.pk}


ENTRIES: dict[str, Entry] = {
    "notifications:inbox": Entry(get=LOGGED_IN_PAGE, post=NO_POST_LOGGED_IN),
    "notifications:all_read": Entry(
        get=answers(NOT_ALLOWED, anonymous=LOGIN), post=answers(302, anonymous=LOGIN)
    ),
    # An empty form misses the choice per kind: it comes back with errors (200).
    "notifications:preferences": Entry(get=LOGGED_IN_PAGE, post=LOGGED_IN_PAGE),
    "notifications:open": Entry(
        kwargs=owners_notification,
        get=answers(NOT_FOUND, anonymous=LOGIN, owner=302),
        post=answers(NOT_ALLOWED, anonymous=LOGIN),
    ),
    "notifications:mark_read": Entry(
        kwargs=owners_notification,
        get=answers(NOT_ALLOWED, anonymous=LOGIN),
        post=answers(NOT_FOUND, anonymous=LOGIN, owner=302),
    ),
}
