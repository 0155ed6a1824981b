"""The learning network's pages (coordinators, network members, evaluators)."""

from django.urls import path

from . import views
from .overlap import views as overlap_views

app_name = "network"
urlpatterns = [
    path("netwerk/", views.network_default, name="network_default"),
    path("plans/<slug:short_name>/netwerk/", views.dashboard, name="dashboard"),
    path(
        "plans/<slug:short_name>/netwerk/dashboard.xlsx",
        views.dashboard_xlsx,
        name="dashboard_xlsx",
    ),
    path("plans/<slug:short_name>/netwerk/smart/", views.smart_list, name="smart_list"),
    path("plans/<slug:short_name>/netwerk/smart.xlsx", views.smart_xlsx, name="smart_xlsx"),
    path("plans/<slug:short_name>/netwerk/dekking/", views.coverage_matrices, name="coverage"),
    path("plans/<slug:short_name>/netwerk/dekking.xlsx", views.coverage_xlsx, name="coverage_xlsx"),
    path("plans/<slug:short_name>/netwerk/gaten/", views.data_gaps, name="gaps"),
    path("plans/<slug:short_name>/netwerk/gaten.xlsx", views.data_gaps_xlsx, name="gaps_xlsx"),
    path("plans/<slug:short_name>/netwerk/signalen/", views.signal_list, name="signal_list"),
    path(
        "plans/<slug:short_name>/netwerk/signalen/analyseren/",
        views.signal_sync,
        name="signal_sync",
    ),
    path(
        "plans/<slug:short_name>/netwerk/signalen/nieuw/",
        views.signal_create,
        name="signal_create",
    ),
    path(
        "plans/<slug:short_name>/netwerk/signalen/<id:pk>/",
        views.signal_detail,
        name="signal_detail",
    ),
    path("plans/<slug:short_name>/netwerk/overlap/", overlap_views.overlap, name="overlap"),
    path(
        "plans/<slug:short_name>/netwerk/overlap.xlsx",
        overlap_views.overlap_xlsx,
        name="overlap_xlsx",
    ),
    path("plans/<slug:short_name>/netwerk/thesaurus/", overlap_views.thesaurus, name="thesaurus"),
]
