from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Personal data across the apps: anonymising a person who left, and the retention
    periods (docs/privacy.md). Above every app it reaches into; no models of its own."""

    name = "planmonitor.privacy"
    label = "privacy"
    verbose_name = _("Privacy")
