"""URLs of the monitoring cycle: sheets. Included by monitoring/urls.py (namespace "monitoring")."""

urlpatterns: list = []
