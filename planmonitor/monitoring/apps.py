from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "planmonitor.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        self.register_transition_rules()

    def register_transition_rules(self) -> None:
        from planmonitor.monitoring import workflow

        workflow.register_transition_rules()
