from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "planmonitor.core"
    label = "core"

    def ready(self) -> None:
        from planmonitor.core import converters

        converters.register()
