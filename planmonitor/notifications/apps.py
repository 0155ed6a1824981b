from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "planmonitor.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from planmonitor.core import registry

        registry.register(
            registry.NavEntry(
                key="notifications", template="notifications/_nav_entry.html", order=50
            ),
        )
