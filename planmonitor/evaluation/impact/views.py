"""The context series pages: the policy decides (``can_view_evaluation`` reads,
``can_manage_context_series`` writes), the forms check the input, the services write,
the selectors read."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from planmonitor.accounts import policy
from planmonitor.core import formatting
from planmonitor.core.locking import attempt_save, move_to
from planmonitor.plans.access import plan_or_403
from planmonitor.plans.models import Plan

from . import importing, selectors, services
from .forms import (
    ContextSeriesForm,
    ContextUploadForm,
    ContextValueChangeForm,
    ContextValueForm,
    DeleteForm,
)
from .models import ContextSeries, ContextValue
from .presenting import contribution_note, series_view

GET_POST = ["GET", "HEAD", "POST"]


def _period(plan: Plan) -> tuple[int, int]:
    return plan.period_start.year, plan.period_end.year


def _list_url(plan: Plan) -> str:
    return reverse("evaluation:context_list", args=[plan.short_name])


def _series_url(series: ContextSeries) -> str:
    return reverse("evaluation:context_series", args=[series.plan.short_name, series.pk])


def _series(request: HttpRequest, short_name: str, pk: int, rule=policy.can_view_evaluation):
    plan = plan_or_403(request, short_name, rule)
    series = selectors.series_of(plan, pk).first()
    if series is None:
        raise Http404
    return plan, series


def _view(series: ContextSeries, plan: Plan):
    return series_view(
        selectors.series_data(series), period=_period(plan), chart_id=f"context-{series.pk}"
    )


@login_required
@require_safe
def context_list(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_view_evaluation)
    rows = [(series, _view(series, plan)) for series in selectors.plan_series(plan)]
    return render(
        request,
        "evaluation/impact/context_list.html",
        {
            "plan": plan,
            "rows": rows,
            "note": contribution_note(),
            "can_manage": policy.can_manage_context_series(request.user, plan),
        },
    )


@login_required
@require_safe
def context_series(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    plan, series = _series(request, short_name, pk)
    return render(
        request,
        "evaluation/impact/context_series.html",
        {
            "plan": plan,
            "series": series,
            "view": _view(series, plan),
            "values": [(v, formatting.localized(v.value)) for v in series.values.all()],
            "note": contribution_note(),
            "can_manage": policy.can_manage_context_series(request.user, plan),
        },
    )


def _conflict(form: forms.Form, current: Model) -> list:
    """Someone else saved the value meanwhile: say so, and move the form to their version
    (saving again overwrites it)."""
    form.add_error(
        None,
        _(
            "Someone else changed this meanwhile. Check the page as it is saved now; "
            "saving again replaces their change with yours."
        ),
    )
    move_to(form, "version", current.version)  # type: ignore[attr-defined]  # a locked model
    return []


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[], Any],
    *,
    plan: Plan,
    heading: str,
    done_url: Callable[[Any], str],
    cancel_url: str,
    **context: Any,
) -> HttpResponse:
    """A form page: a valid POST saves (a conflict answers 409) and goes to ``done_url``;
    invalid input comes back with its errors (400)."""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            attempt = attempt_save(save, on_conflict=lambda current: _conflict(form, current))
            if attempt.done:
                return redirect(done_url(attempt.saved))
            status = attempt.status
    context = {"plan": plan, "form": form, "heading": heading, "cancel_url": cancel_url, **context}
    return render(request, "evaluation/impact/form.html", context, status=status)


@login_required
@require_http_methods(GET_POST)
def context_series_create(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_manage_context_series)
    form = ContextSeriesForm(request.POST or None, plan=plan)
    return _form_page(
        request,
        form,
        lambda: services.context_series_create(plan=plan, **form.cleaned_data),
        plan=plan,
        heading=_("Add a context series"),
        done_url=_series_url,
        cancel_url=_list_url(plan),
    )


@login_required
@require_http_methods(GET_POST)
def context_value_add(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    plan, series = _series(request, short_name, pk, policy.can_manage_context_series)
    form = ContextValueForm(request.POST or None, series=series)
    return _form_page(
        request,
        form,
        lambda: services.context_value_create(series=series, **form.cleaned_data),
        plan=plan,
        heading=_("Add a yearly value"),
        done_url=lambda _saved: _series_url(series),
        cancel_url=_series_url(series),
        series=series,
    )


def _value(series: ContextSeries, value_pk: int) -> ContextValue:
    return get_object_or_404(ContextValue, series=series, pk=value_pk)


@login_required
@require_http_methods(GET_POST)
def context_value_edit(request: HttpRequest, short_name: str, pk: int, value: int) -> HttpResponse:
    plan, series = _series(request, short_name, pk, policy.can_manage_context_series)
    row = _value(series, value)
    initial = {
        "version": row.version,
        "year": row.year,
        "value": row.value,
        "source": row.source,
        "note": row.note,
    }
    form = ContextValueChangeForm(request.POST or None, initial=initial, series=series, current=row)
    return _form_page(
        request,
        form,
        lambda: services.context_value_change(value_row=row, **form.cleaned_data),
        plan=plan,
        heading=_("Edit the yearly value"),
        done_url=lambda _saved: _series_url(series),
        cancel_url=_series_url(series),
        series=series,
        value_row=row,
    )


@login_required
@require_POST
def context_value_delete(
    request: HttpRequest, short_name: str, pk: int, value: int
) -> HttpResponse:
    _plan, series = _series(request, short_name, pk, policy.can_manage_context_series)
    row = _value(series, value)
    form = DeleteForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("The request was incomplete."), status=400)
    # A stale version raises EditConflict: the error page answers 409 (core.errors).
    services.context_value_delete(value_row=row, version=form.cleaned_data["version"])
    messages.success(request, _("The value for %(year)d was removed.") % {"year": row.year})
    return redirect(_series_url(series))


@login_required
@require_http_methods(GET_POST)
def context_import(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_manage_context_series)
    form = ContextUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = _read_upload(upload)
            except importing.FileRejected as error:
                form.add_error("file", str(error))
                problems = getattr(error, "problems", [])
            else:
                result = services.context_import(plan=plan, rows=rows)
                messages.success(
                    request,
                    _(
                        "Imported: %(series)d new series, %(created)d values added, "
                        "%(updated)d changed, %(unchanged)d unchanged."
                    )
                    % {
                        "series": result.series_created,
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                    },
                )
                return redirect(_list_url(plan))
    return render(
        request,
        "evaluation/impact/import.html",
        {"plan": plan, "form": form, "problems": problems, "columns": importing.COLUMNS},
        status=status,
    )


def _read_upload(upload) -> list[importing.ContextRow]:
    """The upload's rows: the file is spooled to a private temporary file and read there
    (the readers check the size, the zip and the encoding first)."""
    suffix = Path(upload.name).suffix.lower()
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        return importing.read_context_file(Path(handle.name), upload.name)
