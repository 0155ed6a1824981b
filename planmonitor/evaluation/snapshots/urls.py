"""Pages of evaluation/snapshots (joined in evaluation/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
