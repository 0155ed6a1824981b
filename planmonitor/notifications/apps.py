from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "planmonitor.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from planmonitor.accounts.signals import stand_in_arranged
        from planmonitor.core import registry

        from . import accounts

        stand_in_arranged.connect(accounts.stand_in_arranged, dispatch_uid="notify_stand_in")
        registry.register(
            *accounts.KINDS,
            registry.NavEntry(
                key="notifications", template="notifications/_nav_entry.html", order=50
            ),
        )
