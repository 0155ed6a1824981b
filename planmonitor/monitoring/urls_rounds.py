"""URLs of the monitoring cycle: rounds. Included by monitoring/urls.py (namespace "monitoring")."""

urlpatterns: list = []
