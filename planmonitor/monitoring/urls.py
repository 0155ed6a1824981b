from django.urls import include, path

app_name = "monitoring"
urlpatterns = [
    path("", include("planmonitor.monitoring.sheets.urls")),
    path("", include("planmonitor.monitoring.rounds.urls")),
    path("", include("planmonitor.monitoring.reports.urls")),
]
