"""Who is changing plan data, and through which channel (web, import, admin, command).

A context variable, so it is right per request, per thread and per task; the
history records read it when they are written.
"""

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import models


class Channel(models.TextChoices):
    WEB = "web", "web"
    ADMIN = "admin", "admin"
    IMPORT = "import", "import"
    COMMAND = "command", "command"
    SYSTEM = "system", "system"


@dataclass(frozen=True)
class AuditContext:
    channel: str = Channel.SYSTEM
    # The user may be a request's lazy user: it is only resolved when a change is recorded.
    user: object = None

    @property
    def actor(self):
        user = self.user
        if user is None or not getattr(user, "is_authenticated", False):
            return None
        return user


_NOBODY = AuditContext()
_current: ContextVar[AuditContext] = ContextVar("planmonitor_audit", default=_NOBODY)  # noqa: B039


def current() -> AuditContext:
    return _current.get()


@contextlib.contextmanager
def audit_context(*, channel: str, user=None) -> Iterator[AuditContext]:
    """Attribute every change made inside the block to ``user`` through ``channel``.

    Without a user, the enclosing context's user stays (an import started by a
    web request is still that person's).
    """
    ctx = AuditContext(channel=channel, user=user if user is not None else _current.get().user)
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)
