"""Import and export of actions and indicators (XLSX workbook or CSV files)."""

from django.urls import path

from . import views

urlpatterns = [
    path("plans/<slug:short_name>/import/", views.import_upload, name="transfer_import"),
    path(
        "plans/<slug:short_name>/import/<str:token>/",
        views.import_review,
        name="transfer_review",
    ),
    path("plans/<slug:short_name>/export.xlsx", views.export_xlsx, name="transfer_export_xlsx"),
    path(
        "plans/<slug:short_name>/export-<slug:sheet>.csv",
        views.export_csv,
        name="transfer_export_csv",
    ),
    path("import/sjabloon.xlsx", views.import_template, name="transfer_template"),
]
