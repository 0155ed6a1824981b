from django.urls import include, path

app_name = "monitoring"
urlpatterns = [
    path("", include("planmonitor.monitoring.urls_sheets")),
    path("", include("planmonitor.monitoring.urls_rounds")),
    path("", include("planmonitor.monitoring.urls_reports")),
]
