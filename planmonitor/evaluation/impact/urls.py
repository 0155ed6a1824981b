"""Pages of evaluation/impact (joined in evaluation/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
