"""URLs of the monitoring cycle: reports. Included by monitoring/urls.py (namespace "monitoring")."""

urlpatterns: list = []
