from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "planmonitor.demo"
    label = "demo"
    verbose_name = _("Example data")

    def ready(self) -> None:
        from planmonitor.core import registry

        from .context_series import context_demo_load, context_demo_remove
        from .evaluation import evaluation_demo_load, evaluation_demo_remove
        from .monitoring import monitoring_demo_load, monitoring_demo_remove
        from .network import network_demo_load, network_demo_remove

        # load_demo creates the example actions, accounts and terms (plan.py), then runs
        # the registered loaders; remove_demo runs them in reverse before removing those.
        registry.register(
            registry.DemoLoader(
                key="monitoring", load=monitoring_demo_load, remove=monitoring_demo_remove
            ),
            # After monitoring: the example meeting's agenda lists the late example reports.
            registry.DemoLoader(
                key="network", load=network_demo_load, remove=network_demo_remove, order=110
            ),
            # After the network: version 1 freezes the example plan as loaded; the example
            # revision's merge follows an overlap.
            registry.DemoLoader(
                key="evaluation",
                load=evaluation_demo_load,
                remove=evaluation_demo_remove,
                order=120,
            ),
            # The example context series (evaluation/impact): on its own, any order.
            registry.DemoLoader(
                key="context_series",
                load=context_demo_load,
                remove=context_demo_remove,
                order=130,
            ),
        )
