"""Where an anonymous visitor of the internal pages goes: once the portal exists, the
internal plan and action pages require a login, and a published plan's visitors get the
portal's pages instead (``plans.views`` asks ``public_page``)."""

from __future__ import annotations

from django.urls import reverse

from planmonitor.portal import public


def public_page(short_name: str, code: str | None = None) -> str | None:
    """The portal's page of the plan (or of its action ``code``), when the plan is public;
    None otherwise (the internal page answers as it always did)."""
    if public.plan(short_name) is None:
        return None
    if code is None:
        return reverse("portal:plan", args=[short_name])
    return reverse("portal:action", args=[short_name, code])
