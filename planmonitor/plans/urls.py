from django.urls import include, path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.overview, name="overview"),
    # Import/export pages (coordinator): see planmonitor/plans/transfer/urls.py
    path("", include("planmonitor.plans.transfer.urls")),
]
