"""Template access to what the apps registered (core/registry.py)."""

from django import template

from planmonitor.core import registry

register = template.Library()


@register.simple_tag
def nav_entries() -> list[registry.NavEntry]:
    """The apps' entries of the main navigation, in their order."""
    return registry.registered(registry.NavEntry)
