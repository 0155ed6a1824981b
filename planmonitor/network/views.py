"""The learning network's pages. Thin: the policy decides, selectors read, smart.py judges."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from planmonitor.accounts import policy
from planmonitor.plans.access import plan_or_403
from planmonitor.plans.models import Plan
from planmonitor.plans.selectors import plan_for_nav_link
from planmonitor.plans.transfer.exporting import XLSX_CONTENT_TYPE

from . import coverage, gaps, selectors
from .exporting import write_coverage_xlsx, write_gaps_xlsx, write_smart_xlsx
from .forms import AsOfForm, DrillForm, SmartFilterForm
from .smart import LETTERS, ActionVerdicts


def _smart(
    request: HttpRequest, short_name: str
) -> tuple[Plan, SmartFilterForm, list[ActionVerdicts]]:
    plan = plan_or_403(request, short_name, policy.can_view_network)
    form = SmartFilterForm(request.GET or None)
    results = selectors.smart_verdicts(plan)
    if letter := form.letter():
        results = [r for r in results if not r.letters[letter].ok]
    return plan, form, results


@login_required
@require_safe
def smart_list(request: HttpRequest, short_name: str) -> HttpResponse:
    plan, form, results = _smart(request, short_name)
    letter = form.letter()
    return render(
        request,
        "network/smart_list.html",
        {
            "plan": plan,
            "form": form,
            "results": results,
            "letters": LETTERS,
            "letter": letter,
            "query": f"fails={letter}" if letter else "",
        },
    )


@login_required
@require_safe
def smart_xlsx(request: HttpRequest, short_name: str) -> HttpResponseBase:
    plan, form, results = _smart(request, short_name)
    buffer = io.BytesIO()
    write_smart_xlsx(buffer, results)
    suffix = f"-{form.letter()}" if form.letter() else ""
    return _xlsx(buffer, f"{plan.short_name}-smart{suffix}.xlsx")


def _xlsx(buffer: io.BytesIO, filename: str) -> FileResponse:
    buffer.seek(0)
    response = FileResponse(
        buffer, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_safe
def coverage_matrices(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_view_network)
    data = selectors.coverage_data(plan)
    matrices = coverage.matrices(data)
    drill = None
    if cell_key := DrillForm(request.GET or None).cell():
        key, row, column = cell_key
        matrix = next(m for m in matrices if m.key == key)
        cell = matrix.cell(row, column)
        if cell is not None:
            drill = {"matrix": matrix, "row": row, "column": column, "cell": cell}
    return render(
        request,
        "network/coverage.html",
        {
            "plan": plan,
            "matrices": matrices,
            "groups": coverage.special_attention(data),
            "thin_max": coverage.THIN_MAX,
            "drill": drill,
        },
    )


@login_required
@require_safe
def coverage_xlsx(request: HttpRequest, short_name: str) -> HttpResponseBase:
    plan = plan_or_403(request, short_name, policy.can_view_network)
    data = selectors.coverage_data(plan)
    buffer = io.BytesIO()
    write_coverage_xlsx(buffer, coverage.matrices(data), coverage.special_attention(data))
    return _xlsx(buffer, f"{plan.short_name}-dekking.xlsx")


@login_required
@require_safe
def data_gaps(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_view_network)
    form = AsOfForm(request.GET or None)
    as_of = form.as_of()
    results = gaps.data_gaps(plan, as_of)
    return render(
        request,
        "network/gaps.html",
        {"plan": plan, "results": results, "form": form, "as_of": as_of},
    )


@login_required
@require_safe
def data_gaps_xlsx(request: HttpRequest, short_name: str) -> HttpResponseBase:
    plan = plan_or_403(request, short_name, policy.can_view_network)
    buffer = io.BytesIO()
    write_gaps_xlsx(buffer, gaps.data_gaps(plan, AsOfForm(request.GET or None).as_of()))
    return _xlsx(buffer, f"{plan.short_name}-gaten.xlsx")


@login_required
@require_safe
def network_default(request: HttpRequest) -> HttpResponse:
    """The nav's link: the default plan's network page if the person may read it, else
    that of their first plan."""
    plan = plan_for_nav_link(
        user=request.user,
        rule=policy.can_view_network,
        plan_ids=policy.network_plan_ids(request.user),
    )
    if plan is None:
        raise PermissionDenied
    return redirect("network:smart_list", plan.short_name)
