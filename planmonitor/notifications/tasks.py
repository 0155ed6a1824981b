"""Mail of notifications, sent by the task worker (``manage.py db_worker``).

The import paths are stable (``planmonitor.notifications.tasks.<name>``): the queue stores
them. The argument is an id: the task reads the row when it runs.
"""

from __future__ import annotations

from django_tasks import task

from . import outbox, services


@task()
def outbox_mail_send(*, mail_id: int) -> None:
    """Send one mail of the outbox, if it is still due (``outbox.mail_send``)."""
    outbox.mail_send(mail_id=mail_id)


@task()
def notification_mail_send(*, notification_id: int) -> None:
    """Mail one notification, at most once. Kept for the tasks queued before the outbox:
    ``notify`` now queues the mail itself (``services.notification_mail``)."""
    services.notification_mail(notification_id=notification_id)
