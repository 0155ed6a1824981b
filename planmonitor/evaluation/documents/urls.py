"""Pages of evaluation/documents (joined in evaluation/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "plans/<slug:short_name>/plandocument.docx",
        views.plan_document_docx,
        name="plan_document_docx",
    ),
    path(
        "plans/<slug:short_name>/plandocument.pdf",
        views.plan_document_pdf,
        name="plan_document_pdf",
    ),
]
