"""The learning network's pages. Thin: the policy decides, selectors read, smart.py judges."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from planmonitor.accounts import policy
from planmonitor.accounts.models import User
from planmonitor.core.paging import filter_query
from planmonitor.monitoring.models import ImplementationStatus
from planmonitor.plans.access import plan_or_403
from planmonitor.plans.models import Plan
from planmonitor.plans.selectors import plan_for_nav_link
from planmonitor.plans.transfer.exporting import XLSX_CONTENT_TYPE

from . import coverage, dashboard_chart, gaps, selectors, status
from .exporting import (
    write_coverage_xlsx,
    write_dashboard_xlsx,
    write_gaps_xlsx,
    write_smart_xlsx,
)
from .forms import (
    AsOfForm,
    DashboardFilterForm,
    DrillForm,
    SignalChangeForm,
    SignalCommentForm,
    SignalCreateForm,
    SignalFilterForm,
    SmartFilterForm,
)
from .meetings import selectors as meeting_selectors
from .models import Signal
from .signals import selectors as signal_selectors
from .signals import services as signal_services
from .smart import LETTERS, ActionVerdicts
from .tasks import signals_sync


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
    return redirect("network:dashboard", plan.short_name)


def _dashboard(request: HttpRequest, short_name: str) -> tuple[Plan, DashboardFilterForm, dict]:
    """The dashboard's figures for the filters and date of the query string."""
    plan = plan_or_403(request, short_name, policy.can_view_network)
    everything = selectors.dashboard_data(plan)
    form = DashboardFilterForm(
        request.GET or None,
        groups={
            "sd": everything.strategic_goals,
            "od": everything.operational_goals,
            "minister": everything.ministers,
            "vorm": everything.violence_forms,
            "doelgroep": everything.target_groups,
        },
    )
    as_of = form.as_of()
    data = status.filtered(everything, **form.filters())
    findings = status.risk_findings(data, as_of)
    signal_of = status.signals(data, as_of, findings)
    ods, sds = status.rollup(data, as_of)
    per_round, per_minister = status.compliance(data, as_of)
    figures: dict[str, Any] = {
        "as_of": as_of,
        "data": data,
        "findings": findings,
        "implementation": status.implementation_status(data, as_of),
        "signal_of": signal_of,
        "totals": {key: list(signal_of.values()).count(key) for key in status.SIGNALS},
        "breakdowns": status.breakdowns(data, signal_of),
        "od_rollup": ods,
        "sd_rollup": sds,
        "indicators": status.indicator_progress(data, as_of),
        "forecasts": status.forecasts(data, as_of),
        "compliance_rounds": per_round,
        "compliance_ministers": per_minister,
    }
    by_action: dict[int, list[status.Finding]] = {}
    for finding in findings:
        by_action.setdefault(finding.action.pk, []).append(finding)
    names = dict(ImplementationStatus.choices) | {status.NO_REPORT: _("No report")}
    figures["flagged"] = [
        {"action": a, "signal": signal_of[a.pk], "findings": by_action[a.pk]}
        for a in data.actions
        if a.pk in by_action
    ]
    implementation = figures["implementation"]
    figures["implementation_counts"] = [
        (names[key], list(implementation.values()).count(key))
        for key in (*ImplementationStatus.values, status.NO_REPORT)
    ]
    figures["indicator_rows"] = list(zip(figures["indicators"], figures["forecasts"], strict=True))
    return plan, form, figures


OPEN_SIGNALS_ON_DASHBOARD = 10  # the newest; the signal list has them all
OPEN_DECISIONS_ON_DASHBOARD = 20  # the most urgent; each meeting's page has its own


@login_required
@require_safe
def dashboard(request: HttpRequest, short_name: str) -> HttpResponse:
    plan, form, figures = _dashboard(request, short_name)
    labels = {key: str(label) for key, label in status.SIGNAL_LABELS.items()}
    compliance_labels = {
        status.ON_TIME: _("On time"),
        status.LATE: _("Late"),
        status.MISSING: _("Missing"),
    }
    charts = {
        breakdown.key: dashboard_chart.stacked_bars(
            chart_id=f"chart-{breakdown.key}",
            title=str(breakdown.title),
            description=_(
                "Actions on track, at risk and off track; the table beside it holds the numbers."
            ),
            keys=status.SIGNALS,
            labels=labels,
            rows=[(row.group.label, row.counts) for row in breakdown.rows],
        )
        for breakdown in figures["breakdowns"]
        if breakdown.key in ("sd", "minister")
    }
    charts["compliance"] = dashboard_chart.stacked_bars(
        chart_id="chart-compliance",
        title=_("Reporting compliance per round"),
        description=_(
            "Reports on time, late and missing per round; the table beside it holds the numbers."
        ),
        keys=status.COMPLIANCE,
        labels=compliance_labels,
        rows=[(row.label, row.counts) for row in figures["compliance_rounds"]],
    )
    query = request.GET.urlencode()
    return render(
        request,
        "network/dashboard.html",
        {
            "plan": plan,
            "form": form,
            "charts": charts,
            "signal_labels": status.SIGNAL_LABELS,
            "rules": status.RULES,
            "query": query,
            "open_signals": signal_selectors.open_signals(plan, OPEN_SIGNALS_ON_DASHBOARD),
            "open_decisions": meeting_selectors.open_decisions(plan, OPEN_DECISIONS_ON_DASHBOARD),
            "today": timezone.localdate(),
            **figures,
        },
    )


@login_required
@require_safe
def dashboard_xlsx(request: HttpRequest, short_name: str) -> HttpResponseBase:
    plan, _form, figures = _dashboard(request, short_name)
    buffer = io.BytesIO()
    write_dashboard_xlsx(buffer, figures)
    return _xlsx(buffer, f"{plan.short_name}-dashboard-{figures['as_of']:%Y-%m-%d}.xlsx")


# --- Signals ---------------------------------------------------------------------------


# A plan has hundreds of signals (the example plan about 500): a page of them at a time.
SIGNALS_PER_PAGE = 50


@login_required
@require_http_methods(["GET", "HEAD"])
def signal_list(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_view_network)
    form = SignalFilterForm(request.GET or None, plan=plan)
    signals = signal_selectors.signals(plan).filter(**form.filters()).distinct()
    page = Paginator(signals, SIGNALS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "network/signal_list.html",
        {
            "plan": plan,
            "form": form,
            "page": page,
            "query": filter_query(request, form.fields),
            "can_manage": policy.can_manage_signals(request.user, plan),
            "queued": request.GET.get("queued") == "1",
        },
    )


@login_required
@require_POST
def signal_sync(request: HttpRequest, short_name: str) -> HttpResponse:
    """ "Analyse now": queue the sources' run; the worker does it (a large plan takes a while)."""
    plan = plan_or_403(request, short_name, policy.can_manage_signals)
    signals_sync.enqueue(plan_id=plan.pk)
    messages.success(request, _("The analysis is queued; the list updates when it has run."))
    return redirect(reverse("network:signal_list", args=[plan.short_name]))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def signal_create(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_manage_signals)
    form = SignalCreateForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        signal = signal_services.signal_create(plan=plan, **form.cleaned_data)
        return redirect(reverse("network:signal_detail", args=[plan.short_name, signal.pk]))
    return render(request, "network/signal_form.html", {"plan": plan, "form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def signal_detail(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_view_network)
    signal = get_object_or_404(
        Signal.objects.select_related("owner").prefetch_related("actions"), plan=plan, pk=pk
    )
    can_manage = policy.can_manage_signals(request.user, plan)
    initial = {"version": signal.version, "status": signal.status, "owner": signal.owner_id}
    change = SignalChangeForm(initial=initial, plan=plan)
    comment = SignalCommentForm()
    status = 200
    if request.method == "POST":
        user = request.user
        if not can_manage or not isinstance(user, User):
            raise PermissionDenied
        if "text" in request.POST:
            comment = SignalCommentForm(request.POST)
            if comment.is_valid():
                signal_services.signal_comment(
                    signal=signal, author=user, text=comment.cleaned_data["text"]
                )
                return redirect(request.path)
        else:
            change = SignalChangeForm(request.POST, plan=plan)
            if change.is_valid():
                try:
                    signal_services.signal_change(signal=signal, author=user, **change.cleaned_data)
                    return redirect(request.path)
                except signal_services.SignalConflict:
                    change.add_error(
                        None,
                        _(
                            "Someone else changed this signal meanwhile. Reload the page to "
                            "see their change, then make yours again."
                        ),
                    )
                    status = 409
        if status == 200:
            status = 400
    return render(
        request,
        "network/signal_detail.html",
        {
            "plan": plan,
            "signal": signal,
            "notes": signal.notes.select_related("author"),
            "can_manage": can_manage,
            "change": change,
            "comment": comment,
        },
        status=status,
    )
