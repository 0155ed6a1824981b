"""Mail of notifications, sent by the task worker (``manage.py db_worker``).

The import path is stable (``planmonitor.notifications.tasks.<name>``): the queue stores
it. The argument is an id: the task reads the row when it runs.
"""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def notification_mail_send(*, notification_id: int) -> None:
    """Mail one notification, at most once (``services.notification_mail``)."""
    services.notification_mail(notification_id=notification_id)
