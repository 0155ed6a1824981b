"""The base of planmonitor's management commands: they speak the interface's language.

Django runs a command with whatever language the process has active (none: the default
translation), and ``@no_translations`` switches translations off. planmonitor's commands
speak as the interface does by default: ``settings.LANGUAGE_CODE`` (Dutch unless set
otherwise). Every line they print goes through gettext.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation


class Command(BaseCommand):
    """A management command whose output is in ``settings.LANGUAGE_CODE``."""

    def execute(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            return super().execute(*args, **options)
