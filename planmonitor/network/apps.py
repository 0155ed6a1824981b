from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """The learning network's analyses of the plan (SMART quality; later the dashboard,
    coverage, overlap, signals and meetings). It reads plans and monitoring; nothing
    imports it."""

    name = "planmonitor.network"
    label = "network"
    verbose_name = _("Learning network")

    def ready(self) -> None:
        from planmonitor.core import registry

        from . import pages

        registry.register(
            registry.NavEntry(key="network", template="network/_nav_entry.html", order=80),
            registry.ActionSection(
                key="smart",
                template="network/_action_smart.html",
                context=pages.action_smart,
                stylesheet="planmonitor/network.css",
                order=90,  # about the action as written: right after its facts, before progress
            ),
            registry.ActionSection(
                key="status",
                template="network/_action_status.html",
                context=pages.action_status,
                stylesheet="planmonitor/monitoring-progress.css",  # the badges' colours
                order=98,  # the verdict first, then the progress it is judged on
            ),
            registry.ActionSection(
                key="signals",
                template="network/_action_signals.html",
                context=pages.action_signals,
                order=95,
            ),
            registry.ActionSection(
                key="decisions",
                template="network/meetings/_action_decisions.html",
                context=pages.action_decisions,
                order=96,  # beside the signals: what the network decided about the action
            ),
            registry.ImportCheck(key="smart", check=pages.import_smart),
        )
