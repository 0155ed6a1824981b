"""The evaluation pages of a plan: snapshots, their sections and report generation.
Thin: the policy decides, services write, selectors read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from planmonitor.accounts import policy
from planmonitor.core.locking import EditConflict
from planmonitor.plans.access import plan_or_403
from planmonitor.plans.selectors import plan_for_nav_link

from . import rendering, report, selectors, services
from .forms import ReportForm, SectionForm, SnapshotForm
from .models import ReportJobStatus, SectionKey, SnapshotSection
from .tasks import report_generate


@login_required
@require_safe
def snapshot_default(request: HttpRequest) -> HttpResponse:
    """The nav's link: the default plan's evaluation page, else the person's first plan's."""
    plan = plan_for_nav_link(
        user=request.user,
        rule=policy.can_view_evaluation,
        plan_ids=policy.network_plan_ids(request.user),
    )
    if plan is None:
        raise PermissionDenied
    return redirect("evaluation:snapshot_list", plan.short_name)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def snapshot_list(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_view_evaluation)
    may_take = policy.can_take_snapshot(request.user, plan)
    form = SnapshotForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not may_take:
            raise PermissionDenied
        if form.is_valid():
            try:
                snapshot = services.snapshot_take(
                    plan=plan, name=form.cleaned_data["name"], as_of=form.cleaned_data["as_of"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The snapshot is taken."))
                return redirect("evaluation:snapshot_detail", plan.short_name, snapshot.pk)
    return render(
        request,
        "evaluation/snapshots/list.html",
        {
            "plan": plan,
            "snapshots": list(selectors.snapshots(plan)),
            "form": form,
            "may_take": may_take,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_safe
def snapshot_detail(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_view_evaluation)
    snapshot = selectors.snapshot_of(plan, pk)
    figures = report.figures(snapshot.payload)
    written = {s.key: s for s in SnapshotSection.objects.filter(snapshot=snapshot)}
    return render(
        request,
        "evaluation/snapshots/detail.html",
        {
            "plan": plan,
            "snapshot": snapshot,
            "figures": figures,
            "signal_rows": [
                (label, figures.totals[key]) for key, label in report.status.SIGNAL_LABELS.items()
            ],
            "charts": list(snapshot.charts.order_by("action_code", "indicator_code")),
            "sections": [(key, label, written.get(key)) for key, label in SectionKey.choices],
            "jobs": list(selectors.report_jobs(snapshot)[:20]),
            "report_form": ReportForm(),
            "may_generate": policy.can_take_snapshot(request.user, plan),
            "may_write": policy.can_write_evaluation(request.user, plan),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def snapshot_section_edit(request: HttpRequest, short_name: str, pk: int, key: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_write_evaluation)
    snapshot = selectors.snapshot_of(plan, pk)
    if key not in SectionKey.values:
        raise Http404
    section = SnapshotSection.objects.filter(snapshot=snapshot, key=key).first()
    initial = {
        "text": section.text if section else "",
        "version": section.version if section else 0,
    }
    form = SectionForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.section_save(
                    snapshot=snapshot,
                    key=key,
                    text=form.cleaned_data["text"],
                    version=form.cleaned_data["version"],
                )
            except EditConflict as conflict:
                # Saving again is a deliberate overwrite of what the other person saved.
                data = request.POST.copy()
                data["version"] = str(getattr(conflict.current, "version", 0))
                form = SectionForm(data)
                form.is_valid()
                messages.error(
                    request,
                    _(
                        "Someone else saved this section meanwhile. Check their text below "
                        "the form; saving again overwrites it."
                    ),
                )
                section = conflict.current  # type: ignore[assignment]  # a SnapshotSection
                status = 409
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                messages.success(request, _("The section is saved."))
                return redirect("evaluation:snapshot_detail", plan.short_name, snapshot.pk)
        else:
            status = 400
    return render(
        request,
        "evaluation/snapshots/section_edit.html",
        {
            "plan": plan,
            "snapshot": snapshot,
            "label": SectionKey(key).label,
            "form": form,
            "saved": section if status == 409 else None,
        },
        status=status,
    )


@login_required
@require_POST
def report_create(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_take_snapshot)
    snapshot = selectors.snapshot_of(plan, pk)
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a report, a format and a language."))
        return redirect("evaluation:snapshot_detail", plan.short_name, snapshot.pk)
    user = request.user if request.user.is_authenticated else None
    job = services.report_job_create(snapshot=snapshot, user=user, **form.cleaned_data)
    report_generate.enqueue(job_id=job.pk)
    return redirect("evaluation:report_job", plan.short_name, job.pk)


@login_required
@require_safe
def report_job(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_view_evaluation)
    job = selectors.report_job_of(plan, pk)
    context = {
        "plan": plan,
        "job": job,
        "running": job.status in (ReportJobStatus.QUEUED, ReportJobStatus.RUNNING),
    }
    if request.headers.get("HX-Request") == "true":  # htmx polls for the status only
        return render(request, "evaluation/snapshots/_job_status.html", context)
    return render(request, "evaluation/snapshots/job.html", context)


@login_required
@require_safe
def report_download(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_view_evaluation)
    job = selectors.report_job_of(plan, pk)
    if job.status != ReportJobStatus.DONE:
        raise Http404
    data = type(job).objects.values_list("file", flat=True).get(pk=job.pk)
    response = HttpResponse(bytes(data or b""), content_type=rendering.CONTENT_TYPES[job.format])
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response
