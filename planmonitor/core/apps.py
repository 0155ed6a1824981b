from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "planmonitor.core"
    label = "core"
