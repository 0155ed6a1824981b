"""What the impact part contributes to pages it does not own (registered in apps.py)."""

from __future__ import annotations

from django.urls import reverse


def series_page_of(obj) -> str | None:
    """The page of a context series, for its history and its values' history."""
    series = getattr(obj, "series", obj)
    return reverse("evaluation:context_series", args=[series.plan.short_name, series.pk])
