"""Import and export pages. Thin: the transfer package does the work, the policy decides access."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from planmonitor.accounts.policy import can_export_actions, can_import_actions
from planmonitor.core import registry

from ..access import plan_or_403
from ..models import Plan
from .columns import ACTIONS, BUDGET_LINES, INDICATORS
from .exporting import XLSX_CONTENT_TYPE, empty_tables, plan_tables, write_csv, write_xlsx
from .forms import ImportUploadForm
from .importing import PlanChanged
from .reading import FileRejected
from .report import KIND_NAMES, ImportReport
from .uploads import (
    StoredUpload,
    UploadGone,
    refused_files,
    upload_check,
    upload_confirm,
    upload_discard,
    upload_get,
    upload_store,
)

CSV_SHEETS = {"acties": ACTIONS, "indicatoren": INDICATORS, "budgetlijnen": BUDGET_LINES}
FORM_FIELDS = {"main": "file", "indicators": "indicators", "budget_lines": "budget_lines"}
# A page with 10,000 rows helps nobody; the command line report lists everything.
LISTED_ROWS = 1000


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, can_import_actions)
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                stored = upload_store(request.session, plan, form.files_by_role())
            except FileRejected as error:
                form.add_error("file", error.message)
            else:
                report = upload_check(request.session, plan, stored)
                refused = refused_files(stored, report)
                for role, message in refused.items():
                    form.add_error(FORM_FIELDS[role], message)
                if not refused:
                    return redirect(
                        "plans:transfer_review", short_name=plan.short_name, token=stored.token
                    )
    else:
        form = ImportUploadForm()
    context = {"plan": plan, "form": form, "can_export": can_export_actions(request.user, plan)}
    return render(request, "plans/transfer/import.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def import_review(request: HttpRequest, short_name: str, token: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, can_import_actions)
    try:
        stored = upload_get(request.session, plan, token)
    except UploadGone:
        messages.error(
            request, _("This upload has expired or was already handled; upload the file again.")
        )
        return redirect("plans:transfer_import", short_name=plan.short_name)
    if request.method == "POST":
        return _confirm(request, plan, stored)
    report = stored.load_report()
    context = {
        "plan": plan,
        "report": report,
        "file_names": stored.names(),
        "summary": [
            (capfirst(KIND_NAMES[kind]), counts) for kind, counts in report.left_unchanged()
        ],
        "left_count": len(report.unchanged) + len(report.not_in_file),
        "lists": _lists(report),
        "checks": _checks(plan, report, stored),
    }
    return render(request, "plans/transfer/review.html", context)


def _checks(plan: Plan, report: ImportReport, stored: StoredUpload) -> list[str]:
    """What the apps' registered checks (``registry.ImportCheck``) say about this import."""
    return [
        message
        for check in registry.registered(registry.ImportCheck)
        for message in check.check(plan=plan, report=report, source=stored.source())
    ]


def _lists(report: ImportReport) -> dict[str, dict]:
    """Per list, its first rows as (kind label, entry) and how many more there are."""
    return {
        name: {
            "rows": [(capfirst(KIND_NAMES[entry.kind]), entry) for entry in entries[:LISTED_ROWS]],
            "more": max(len(entries) - LISTED_ROWS, 0),
        }
        for name, entries in (
            ("created", report.created),
            ("updated", report.updated),
            ("unchanged", report.unchanged),
            ("not_in_file", report.not_in_file),
        )
    }


def _confirm(request: HttpRequest, plan: Plan, stored: StoredUpload) -> HttpResponse:
    here = redirect("plans:transfer_review", short_name=plan.short_name, token=stored.token)
    if "cancel" in request.POST:
        upload_discard(request.session, stored.token)
        messages.info(request, _("The upload was discarded; nothing was imported."))
        return redirect("plans:transfer_import", short_name=plan.short_name)
    try:
        report = upload_confirm(request.session, plan, stored)
    except PlanChanged:
        messages.warning(
            request, _("The plan changed since the check. Review the new report and confirm again.")
        )
        return here
    if not report.applied:
        messages.error(request, _("Nothing was imported: the file has problems."))
        return here
    messages.success(request, _("Imported. %(headline)s") % {"headline": report.headline()})
    return redirect("plans:transfer_import", short_name=plan.short_name)


def _download(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_GET
def export_xlsx(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, can_export_actions)
    buffer = io.BytesIO()
    write_xlsx(buffer, plan_tables(plan), plan=plan)
    buffer.seek(0)
    filename = f"{plan.short_name}-acties.xlsx"
    return _download(
        FileResponse(buffer, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
    )


@login_required
@require_GET
def export_csv(request: HttpRequest, short_name: str, sheet: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, can_export_actions)
    spec = CSV_SHEETS.get(sheet)
    if spec is None:
        raise Http404
    table = next(table for table in plan_tables(plan) if table.spec is spec)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{plan.short_name}-{sheet}.csv"'
    write_csv(response, table)
    return _download(response)


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    buffer = io.BytesIO()
    write_xlsx(buffer, empty_tables())
    buffer.seek(0)
    return FileResponse(
        buffer, as_attachment=True, filename="sjabloon-acties.xlsx", content_type=XLSX_CONTENT_TYPE
    )
