"""The public layout's helpers: the language switch that keeps the page, the current
page's URL name (for aria-current in the nav), and the plan the nav shows on pages of no
plan (the statements, open data)."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from planmonitor.plans.models import Plan
from planmonitor.portal import public

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context: dict[str, Any]) -> list[dict[str, Any]]:
    """One plain link per language to this page in that language (no form: the pages are
    cached, a CSRF token must not be in them). The query string (a search) comes along."""
    request = context.get("request")
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    path = request.path if request is not None else "/"
    query = request.META.get("QUERY_STRING", "") if request is not None else ""
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(path, code)
        if url == path and code != current:  # not resolved: swap the prefix itself
            url = _swap_prefix(path, current, code)
        if query:
            url = f"{url}?{query}"
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


@register.simple_tag(takes_context=True)
def url_name(context: dict[str, Any]) -> str:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return (match.url_name or "") if match is not None else ""


@register.simple_tag
def nav_plan(plan: Any = None) -> Plan | None:
    """The plan whose pages the nav lists: the page's own, else the one public plan (the
    statements and open data pages belong to no plan, their nav still leads to it)."""
    if getattr(plan, "short_name", None):
        return plan
    plans = list(public.plans()[:2])
    return plans[0] if len(plans) == 1 else None


def _swap_prefix(path: str, current: str, code: str) -> str:
    prefix = f"/{current}/"
    return f"/{code}/{path[len(prefix) :]}" if path.startswith(prefix) else f"/{code}/"
