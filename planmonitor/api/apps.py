from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API (django-ninja): public reads without a token, everything else under the
    one permission policy; writes with personal or organisation tokens."""

    name = "planmonitor.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        pass
