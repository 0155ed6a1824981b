"""The change log pages: the log of a plan, its downloads, and the nav's way in."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from planmonitor.accounts import policy
from planmonitor.core.paging import filter_query

from ..access import plan_or_403
from ..selectors import plan_for_nav_link
from ..transfer.exporting import XLSX_CONTENT_TYPE
from . import exporting
from .forms import ChangeLogFilterForm
from .selectors import events_for, log_rows

PER_PAGE = 50
FILTERS = ("person", "kind", "since", "until")


def _filtered(request: HttpRequest, short_name: str):
    plan = plan_or_403(request, short_name, policy.can_view_change_log)
    form = ChangeLogFilterForm(request.GET or None, plan=plan)
    return plan, form, events_for(plan=plan, **form.filters())


@login_required
@require_safe
def change_log(request: HttpRequest, short_name: str) -> HttpResponse:
    plan, form, events = _filtered(request, short_name)
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/changes/change_log.html",
        {
            "plan": plan,
            "form": form,
            "page": page,
            "rows": list(log_rows(page.object_list)),
            "query": filter_query(request, FILTERS),
        },
    )


def _download(response: HttpResponseBase) -> HttpResponseBase:
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_safe
def change_log_csv(request: HttpRequest, short_name: str) -> HttpResponseBase:
    plan, _form, events = _filtered(request, short_name)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{plan.short_name}-wijzigingen.csv"'
    exporting.write_csv(response, log_rows(events.iterator(chunk_size=2000)))
    return _download(response)


@login_required
@require_safe
def change_log_xlsx(request: HttpRequest, short_name: str) -> HttpResponseBase:
    plan, _form, events = _filtered(request, short_name)
    buffer = io.BytesIO()
    exporting.write_xlsx(buffer, log_rows(events.iterator(chunk_size=2000)))
    buffer.seek(0)
    filename = f"{plan.short_name}-wijzigingen.xlsx"
    return _download(
        FileResponse(buffer, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
    )


@login_required
@require_safe
def change_log_default(request: HttpRequest) -> HttpResponse:
    """The nav's link: the default plan's log if the person may read it, else their first."""
    plan = plan_for_nav_link(
        user=request.user,
        rule=policy.can_view_change_log,
        plan_ids=policy.change_log_plan_ids(request.user),
    )
    if plan is None:
        raise PermissionDenied
    return redirect("plans:change_log", plan.short_name)
