from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public site (no login), its open data and the publication steps behind them.
    What is public is decided in one place, ``public.py``; the API reads it too."""

    name = "planmonitor.portal"
    label = "portal"
    verbose_name = _("Public site")

    def ready(self) -> None:
        pass
