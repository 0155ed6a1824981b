"""The REST API under /api/ (django-ninja): see planmonitor/api/api.py."""

from .api import api

urlpatterns: list = [*api.urls[0]]
app_name = "api"
