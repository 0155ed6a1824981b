from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API (django-ninja): public reads without a token, everything else under the
    one permission policy; writes with personal or organisation tokens."""

    name = "planmonitor.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from planmonitor.core import registry

        from .tokens.views import plan_page_link

        registry.register(
            registry.PlanLink(key="api_tokens", link=plan_page_link, order=6),
            registry.EventKind(key="api_token.create", label=_("API token created"), order=80),
            registry.EventKind(key="api_token.revoke", label=_("API token revoked"), order=81),
        )
