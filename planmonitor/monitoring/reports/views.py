"""Progress reports: read, edit (optimistic locking), the workflow, evidence and contributions.

Access: ``_report_or_404`` answers 404 to whoever may not see the report
(``can_view_monitoring``); each view then asks the policy what the user may do.
Writes go through ``services``; which transitions exist is ``workflow``'s business.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from planmonitor.accounts import policy
from planmonitor.core import errors, formatting, locking, text
from planmonitor.core.forms import show_refusal
from planmonitor.monitoring import deadlines, workflow
from planmonitor.monitoring.models import (
    Contribution,
    Evidence,
    IndicatorValue,
    Milestone,
    ProgressReport,
    QualitativeLevel,
    RoundStatus,
)
from planmonitor.plans.models import Indicator

from . import selectors as report_selectors
from . import services, uploads
from .forms import (
    REPORT_FIELDS,
    ContributionForm,
    DueDateExtensionForm,
    EvidenceForm,
    IndicatorValueForm,
    ReportForm,
    TransitionForm,
)

NOT_AN_OWNER = gettext_lazy(
    "Only the owners of this action and the plan's coordinator can change its reports."
)

TRANSITION_DONE = {
    "submit": gettext_lazy("The report was submitted to the coordinator."),
    "accept": gettext_lazy("The report was accepted. It is now locked."),
    "return": gettext_lazy("The report was returned to the action owner with your remarks."),
    "reopen": gettext_lazy("The report was re-opened for a correction."),
}


@dataclass
class IndicatorRow:
    indicator: Indicator
    value: IndicatorValue | None
    form: IndicatorValueForm | None = None
    notice: str = ""


# --- reading ------------------------------------------------------------------------


def _report_or_404(request: HttpRequest, short_name: str, round_pk: int, code: str):
    """The report, or 404 when it does not exist *or* the user may not see it."""
    report = (
        ProgressReport.objects.filter(
            round_id=round_pk, round__plan__short_name=short_name, action__code__iexact=code
        )
        .select_related("round__plan", "action__plan", "action__lead_minister")
        .prefetch_related("action__co_ministers")  # the policy reads them
        .first()
    )
    if report is None or not policy.can_view_monitoring(request.user, report):
        raise Http404(_("No such report."))
    return report


def _load_content(report: ProgressReport) -> None:
    """Everything the report pages show, in a fixed number of queries."""
    prefetch_related_objects(
        [report],
        Prefetch("action__indicators", queryset=Indicator.objects.order_by("code")),
        Prefetch(
            "action__milestones", queryset=Milestone.objects.order_by("planned_date", "order", "pk")
        ),
        Prefetch(
            "milestones_reached", queryset=Milestone.objects.order_by("planned_date", "order", "pk")
        ),
        "values",
        Prefetch("evidence", queryset=Evidence.objects.order_by("added_at", "pk")),
        Prefetch(
            "contributions",
            queryset=Contribution.objects.select_related("author", "minister").order_by(
                "created_at", "pk"
            ),
        ),
    )


def _indicator_rows(report: ProgressReport) -> list[IndicatorRow]:
    values = {value.indicator_id: value for value in report.values.all()}
    return [IndicatorRow(i, values.get(i.pk)) for i in report.action.indicators.all()]


def _transitions_for(user, report: ProgressReport) -> list[dict]:
    """The steps this user may take now, each with the text field it needs (if any)."""
    steps = []
    for name in workflow.report_steps(report):
        if not policy.can_transition(user, report, name):
            continue
        form = TransitionForm(auto_id=f"id_{name}_%s")
        field = {"return": form["remarks"], "reopen": form["reason"]}.get(name)
        steps.append({"name": name, "label": workflow.TRANSITION_LABELS[name], "field": field})
    return steps


def _url_kwargs(report: ProgressReport) -> dict:
    return {
        "short_name": report.round.plan.short_name,
        "round_pk": report.round_id,
        "code": report.action.code,
    }


def _to_detail(report: ProgressReport, anchor: str = "") -> HttpResponse:
    url = reverse("monitoring:report_detail", kwargs=_url_kwargs(report))
    return redirect(f"{url}#{anchor}" if anchor else url)


def _render_detail(request: HttpRequest, report: ProgressReport, status: int = 200, **forms):
    _load_content(report)
    user = request.user
    editable = workflow.report_editable(report)
    context = {
        "report": report,
        "action": report.action,
        "round": report.round,
        "rows": _indicator_rows(report),
        "may_edit": editable and policy.can_edit_monitoring(user, report),
        "may_contribute": editable and policy.can_contribute(user, report),
        "transitions": _transitions_for(user, report),
        "history_url": _history_url(user, report),
        "evidence_form": forms.get("evidence_form") or EvidenceForm(),
        "contribution_form": forms.get("contribution_form") or _contribution_form(user, report),
        "due_date": deadlines.due_date_of(report),
        "extension_form": _extension_form(user, report, forms.get("extension_form")),
    }
    return render(request, "monitoring/reports/detail.html", context, status=status)


def _contribution_form(user, report: ProgressReport) -> ContributionForm:
    if not (workflow.report_editable(report) and policy.can_contribute(user, report)):
        return ContributionForm()
    ministers = report_selectors.contribution_ministers(user=user, action=report.action)
    return ContributionForm(ministers=ministers)


def _history_url(user, report: ProgressReport) -> str:
    """The report's audit trail, once the history page knows reports (else no link)."""
    from planmonitor.audit.views import history_url

    if not policy.can_read_history(user, report):
        return ""
    try:
        return history_url(report)
    except KeyError:
        return ""


@login_required
@require_safe
def report_detail(request: HttpRequest, short_name: str, round_pk: int, code: str):
    report = _report_or_404(request, short_name, round_pk, code)
    return _render_detail(request, report)


# --- editing --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, short_name: str, round_pk: int, code: str):
    report = _report_or_404(request, short_name, round_pk, code)
    if not policy.can_edit_monitoring(request.user, report):
        raise errors.Forbidden(NOT_AN_OWNER)
    if request.method == "GET" and not workflow.report_editable(report):
        raise errors.Forbidden(workflow.report_locked_reason(report))
    _load_content(report)
    milestones = report.action.milestones.all()
    rows = _indicator_rows(report)
    attempt = locking.SaveAttempt()
    if request.method == "POST":
        form = ReportForm(request.POST, instance=report, milestones=milestones)
        for row in rows:
            row.form = IndicatorValueForm(request.POST, indicator=row.indicator, instance=row.value)
        valid = [form.is_valid()] + [row.form.is_valid() for row in rows]
        if all(valid):
            attempt = locking.attempt_save(
                lambda: services.report_update(
                    report_id=report.pk,
                    values=form.report_values,
                    expected_version=form.cleaned_data["version"],
                    milestones_reached=form.cleaned_data["milestones_reached"],
                    indicator_values={row.indicator.pk: row.form.values for row in rows},
                ),
                on_conflict=lambda current: _conflict(form, rows, current),
                on_invalid=lambda error: form.add_error(None, error.messages),
            )
            if attempt.done:
                messages.success(request, _("The report was saved."))
                return _to_detail(report)
    else:
        form = ReportForm(instance=report, milestones=milestones)
        for row in rows:
            row.form = IndicatorValueForm(indicator=row.indicator, instance=row.value)
    row_errors = [row for row in rows if row.form.errors]
    return render(
        request,
        "monitoring/reports/edit.html",
        {
            "report": report,
            "action": report.action,
            "round": report.round,
            "form": form,
            "rows": rows,
            "row_errors": row_errors,
            "conflict": attempt.conflict,
            "locked": attempt.locked,
            "conflict_locked": attempt.current is not None
            and attempt.current.state not in workflow.REPORT_EDITABLE,
            "contributions": report.contributions.all(),
        },
        status=attempt.status,
    )


def _conflict(form: ReportForm, rows: list[IndicatorRow], current: ProgressReport) -> list[dict]:
    """What is saved now where it differs from the editor's input, field by field.

    The forms stay bound to the editor's input, so nothing typed is lost; the
    version moves to the current one, so saving again is a deliberate overwrite.
    """
    prefetch_related_objects([current], "milestones_reached", "values")
    changes = []
    for name in REPORT_FIELDS:
        saved, mine = getattr(current, name), form.cleaned_data[name]
        if not text.same(saved, mine):  # a text saved with CRLF before is the same text
            shown = (
                current.get_implementation_status_display() if name == REPORT_FIELDS[0] else saved
            )
            changes.append(
                {
                    "field": name,
                    "label": form.fields[name].label,
                    "saved": shown or "—",
                    "diff": text.text_diff(mine, saved),
                }
            )
    reached = list(current.milestones_reached.all())
    if {m.pk for m in reached} != {m.pk for m in form.cleaned_data["milestones_reached"]}:
        changes.append(
            {
                "field": "milestones_reached",
                "label": form.fields["milestones_reached"].label,
                "saved": ", ".join(m.name for m in reached) or "—",
            }
        )
    # The editor opened an editable report: any other state now is news to them.
    if current.state not in workflow.REPORT_EDITABLE or current.state != form.instance.state:
        changes.append(
            {"field": "state", "label": _("State"), "saved": current.get_state_display()}
        )
    saved_values = {value.indicator_id: value for value in current.values.all()}
    for row in rows:
        saved = saved_values.get(row.indicator.pk)
        for name, mine in row.form.values.items():
            now = getattr(saved, name) if saved is not None else None
            if not text.same(now, mine):
                changes.append(
                    {
                        "field": row.form[name].html_name,
                        "label": f"{row.indicator.code}: {row.form.fields[name].label}",
                        "saved": _value_display(name, now),
                    }
                )
    locking.move_to(form, "version", current.version)
    return changes


def _value_display(name: str, value) -> str:
    if value in (None, ""):
        return _("no data")
    if name == "value":
        return formatting.localized(value)
    if name == "level":
        return str(QualitativeLevel(value).label)
    return str(value)


@login_required
@require_POST
def report_value(
    request: HttpRequest, short_name: str, round_pk: int, code: str, indicator_pk: int
):
    """Save one indicator row (htmx: the row comes back; without htmx: back to the form)."""
    report = _report_or_404(request, short_name, round_pk, code)
    if not policy.can_edit_monitoring(request.user, report):
        raise errors.Forbidden(NOT_AN_OWNER)
    indicator = get_object_or_404(Indicator, pk=indicator_pk, action_id=report.action_id)
    current = IndicatorValue.objects.filter(report=report, indicator=indicator).first()
    row = IndicatorRow(indicator, current)
    row.form = IndicatorValueForm(request.POST, indicator=indicator, instance=current)
    version = _posted_version(request)
    status, saved_now = 200, False
    if version is None:
        row.notice = _("The page is out of date: reload it and try again.")
        status = 409
    elif row.form.is_valid():
        attempt = locking.attempt_save(
            lambda: services.report_update(
                report_id=report.pk,
                values={},
                expected_version=version,
                indicator_values={indicator.pk: row.form.values},
            ),
            on_conflict=lambda current: [],  # the whole form shows what changed
            on_invalid=lambda error: row.form.add_error(None, error.messages),
        )
        status = attempt.status
        if attempt.conflict is not None:
            row.notice = _(
                "Someone else saved this report in the meantime. Save the whole form to see "
                "what changed; your input is kept."
            )
        elif attempt.locked:
            row.notice = attempt.locked
        elif attempt.done:
            report.version = attempt.saved.version
            row.value = IndicatorValue.objects.filter(report=report, indicator=indicator).first()
            row.form = IndicatorValueForm(indicator=indicator, instance=row.value)
            row.notice, saved_now = _("Saved."), True
    if not request.htmx:
        if saved_now:
            messages.success(
                request, _("The value of %(code)s was saved.") % {"code": indicator.code}
            )
        else:
            messages.error(
                request,
                row.notice or _("The value of %(code)s was not saved.") % {"code": indicator.code},
            )
        url = reverse("monitoring:report_edit", kwargs=_url_kwargs(report))
        return redirect(f"{url}#indicator-row-{indicator.pk}")
    return render(
        request,
        "monitoring/reports/edit.html#indicator-row",
        {"report": report, "row": row, "oob_version": saved_now},
        status=status,
    )


def _posted_version(request: HttpRequest) -> int | None:
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        return None
    return version if version > 0 else None


# --- the workflow -----------------------------------------------------------------------


@login_required
@require_POST
def report_transition(
    request: HttpRequest, short_name: str, round_pk: int, code: str, transition: str
):
    report = _report_or_404(request, short_name, round_pk, code)
    if transition not in workflow.REPORT_TRANSITIONS:
        raise Http404(_("No such step."))
    if not policy.can_transition(request.user, report, transition):
        raise PermissionDenied
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The text is too long; nothing was changed."))
        return _to_detail(report)
    try:
        services.report_transition(
            report_id=report.pk,
            transition=transition,
            user=request.user,
            remarks=form.cleaned_data["remarks"],
            reason=form.cleaned_data["reason"],
        )
    except workflow.TransitionRefused:
        if (
            transition in workflow.REPORT_NEEDS_OPEN_ROUND
            and report.round.status != RoundStatus.OPEN
        ):
            messages.error(request, _("This reporting round is closed."))
        else:
            messages.error(
                request,
                _("This step is not possible while the report is “%(state)s”.")
                % {"state": report.get_state_display()},
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, TRANSITION_DONE[transition])
    return _to_detail(report)


# --- the due date ---------------------------------------------------------------------------


def _extension_form(user, report: ProgressReport, bound: DueDateExtensionForm | None):
    """The coordinator's form to give this report more time, while it can still use it."""
    if not policy.can_manage_rounds(user, report.round.plan):
        return None
    if report.first_submitted_at is not None or report.round.status != RoundStatus.OPEN:
        return None
    initial = {"due_date": report.extended_due_date, "reason": report.extension_reason}
    return bound or DueDateExtensionForm(initial=initial)


@login_required
@require_POST
def report_due_date_extend(request: HttpRequest, short_name: str, round_pk: int, code: str):
    report = _report_or_404(request, short_name, round_pk, code)
    if not policy.can_manage_rounds(request.user, report.round.plan):
        raise errors.Forbidden(_("Only the plan's coordinator can give a report more time."))
    form = DueDateExtensionForm(request.POST)
    if form.is_valid():
        try:
            services.report_due_date_extend(
                report_id=report.pk,
                due_date=form.cleaned_data["due_date"],
                reason=form.cleaned_data["reason"],
            )
        except workflow.TransitionRefused as error:
            messages.error(request, errors.message_for(error))
            return _to_detail(report)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                _("The report is now due on %(date)s.")
                % {"date": formatting.date(form.cleaned_data["due_date"])},
            )
            return _to_detail(report)
    return _render_detail(request, report, status=400, extension_form=form)


# --- contributions and evidence ------------------------------------------------------------


@login_required
@require_POST
def contribution_add(request: HttpRequest, short_name: str, round_pk: int, code: str):
    report = _report_or_404(request, short_name, round_pk, code)
    if not policy.can_contribute(request.user, report):
        raise PermissionDenied
    ministers = report_selectors.contribution_ministers(user=request.user, action=report.action)
    form = ContributionForm(request.POST, ministers=ministers)
    if not form.is_valid():
        return _render_detail(request, report, contribution_form=form)
    try:
        services.contribution_add(
            report=report,
            author=request.user,
            text=form.cleaned_data["text"],
            minister=form.chosen_minister(),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except workflow.TransitionRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your contribution was added for the action owner."))
    return _to_detail(report, "contributions")


@login_required
@require_POST
def evidence_add(request: HttpRequest, short_name: str, round_pk: int, code: str):
    report = _report_or_404(request, short_name, round_pk, code)
    if not policy.can_edit_monitoring(request.user, report):
        raise errors.Forbidden(NOT_AN_OWNER)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_detail(request, report, evidence_form=form)
    try:
        services.evidence_add(
            report=report,
            user=request.user,
            title=form.cleaned_data["title"],
            url=form.cleaned_data["url"],
            upload=form.cleaned_data["file"],
        )
    except workflow.TransitionRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The evidence was added."))
    return _to_detail(report, "evidence")


@login_required
@require_safe
def evidence_download(request: HttpRequest, short_name: str, round_pk: int, code: str, pk: int):
    """A file, only for who may see the report; a link sends its readers on."""
    report = _report_or_404(request, short_name, round_pk, code)
    evidence = get_object_or_404(Evidence, pk=pk, report=report)
    if not evidence.file:
        if evidence.url.startswith(("https://", "http://")):
            return HttpResponseRedirect(evidence.url)
        raise Http404
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The file is missing.")) from None
    name = uploads.safe_name(os.path.basename(evidence.file.name))
    kind = uploads.KINDS.get(uploads.extension(name))
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_POST
def evidence_delete(request: HttpRequest, short_name: str, round_pk: int, code: str, pk: int):
    report = _report_or_404(request, short_name, round_pk, code)
    if not policy.can_edit_monitoring(request.user, report):
        raise errors.Forbidden(NOT_AN_OWNER)
    evidence = get_object_or_404(Evidence, pk=pk, report=report)
    evidence.report = report
    try:
        services.evidence_delete(evidence=evidence)
    except workflow.TransitionRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("“%(title)s” was removed.") % {"title": evidence.title})
    return _to_detail(report, "evidence")
