"""The REST API under /api/ (django-ninja): see planmonitor/api/."""

urlpatterns: list = []
