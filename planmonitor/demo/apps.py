from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "planmonitor.demo"
    label = "demo"
    verbose_name = _("Example data")

    def ready(self) -> None:
        from planmonitor.core import registry

        from .monitoring import monitoring_demo_load, monitoring_demo_remove

        # load_demo creates the example actions, accounts and terms (plan.py), then runs
        # the registered loaders; remove_demo runs them in reverse before removing those.
        registry.register(
            registry.DemoLoader(
                key="monitoring", load=monitoring_demo_load, remove=monitoring_demo_remove
            )
        )
