"""The write routes: a report's fields, its indicator values, its submission.

As in the web UI: the policy decides who (``can_edit_monitoring``, ``can_transition``),
the report form and the indicator rows validate (the same messages), the monitoring
services write (optimistic locking on the report's version). ``If-Match`` carries the
version (the report's ETag): stale → 412 with the current ETag, missing → 428.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from planmonitor.accounts import policy
from planmonitor.audit.context import Channel, audit_context
from planmonitor.core.errors import TransitionRefused
from planmonitor.core.locking import EditConflict
from planmonitor.monitoring import workflow
from planmonitor.monitoring.models import Milestone, ProgressReport
from planmonitor.monitoring.reports import services
from planmonitor.monitoring.reports.forms import REPORT_FIELDS, IndicatorValueForm, ReportForm
from planmonitor.plans.models import Indicator

from ..auth import WRITE_AUTH, caller
from . import reading
from .errors import ApiRefusal, form_errors
from .records import report_record
from .schemas import ErrorOut, ReportOut, ReportPatchIn, RoundId, ValuesIn

# The read routes' router: a path has one view, whatever its methods (GET and PATCH).
router = reading.router
# If-Match is read by hand (_expected_version: missing is 428, not ninja's 422): the schema
# says so here.
IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": 'The report\'s ETag as read (e.g. "3"): stale → 412, missing → 428.',
}
WRITE: dict[str, Any] = {
    "auth": WRITE_AUTH,
    "tags": ["write"],
    "openapi_extra": {"parameters": [IF_MATCH]},
}

REPORT = "/plans/{short_name}/reports/{round_id}/{code}"
WRITE_ERRORS: dict[int, Any] = {s: ErrorOut for s in (401, 403, 404, 409, 412, 422, 428)}


def _report(request: HttpRequest, short_name: str, round_id: RoundId, code: str) -> ProgressReport:
    """The report the caller may change, or the refusal the web UI would give."""
    report = (
        ProgressReport.objects.filter(
            round_id=round_id, round__plan__short_name=short_name, action__code__iexact=code
        )
        .select_related("round__plan", "action__plan", "action__lead_minister")
        .prefetch_related("action__co_ministers")
        .first()
    )
    user = caller(request)
    if report is None or not policy.can_view_action(user, report.action):
        raise Http404(_("No such report."))
    if not policy.can_edit_monitoring(user, report):
        raise ApiRefusal(
            403,
            _("Only the owners of this action and the plan's coordinator can change its reports."),
        )
    return report


def _expected_version(request: HttpRequest, report: ProgressReport) -> int:
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise ApiRefusal(428, _("Send the report's ETag in If-Match."), etag=report.version)
    tag = header.removeprefix("W/").strip('"')
    if header == "*":
        return report.version
    if not tag.isdigit() or int(tag) != report.version:
        raise ApiRefusal(
            412, _("The report changed since you read it: read it again."), etag=report.version
        )
    return int(tag)


def _ensure_editable(report: ProgressReport) -> None:
    if not workflow.report_editable(report):
        raise ApiRefusal(409, workflow.report_locked_reason(report), etag=report.version)


def _save(request: HttpRequest, report: ProgressReport, save) -> ProgressReport:
    try:
        with audit_context(channel=Channel.WEB, user=caller(request)):
            return save()
    except EditConflict as error:
        raise ApiRefusal(
            412,
            _("The report changed since you read it: read it again."),
            etag=error.current.version,  # type: ignore[attr-defined]
        ) from None
    except TransitionRefused as error:
        raise ApiRefusal(409, str(error), etag=report.version) from None
    except ValidationError as error:
        raise ApiRefusal(422, _("The report was not saved."), errors=form_errors(error)) from None


def _answer(report: ProgressReport, response) -> dict:
    fresh = ProgressReport.objects.select_related("round", "action").get(pk=report.pk)
    response["ETag"] = f'"{fresh.version}"'
    return report_record(fresh, full=True, is_public=False)


@router.patch(REPORT, response={200: ReportOut, **WRITE_ERRORS}, url_name="report_update", **WRITE)
def report_update(
    request: HttpRequest,
    response: HttpResponse,
    short_name: str,
    round_id: RoundId,
    code: str,
    data: ReportPatchIn,
):
    """Change a report's fields (those of the report form; those left out stay)."""
    report = _report(request, short_name, round_id, code)
    version = _expected_version(request, report)
    _ensure_editable(report)
    given = data.dict(exclude_unset=True)
    milestones = Milestone.objects.filter(action=report.action)
    form_data: dict[str, Any] = {name: getattr(report, name) for name in REPORT_FIELDS}
    form_data["milestones_reached"] = [m.pk for m in report.milestones_reached.all()]
    for name, value in given.items():
        if value is not None:
            form_data[name] = value
    form_data["version"] = version
    form = ReportForm(_as_query(form_data), instance=report, milestones=milestones)
    if not form.is_valid():
        raise ApiRefusal(422, _("The report was not saved."), errors=form_errors(form))
    _save(
        request,
        report,
        lambda: services.report_update(
            report_id=report.pk,
            values=form.report_values,
            expected_version=version,
            milestones_reached=form.cleaned_data["milestones_reached"],
        ),
    )
    return _answer(report, response)


def _as_query(data: dict[str, Any]):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for name, value in data.items():
        if isinstance(value, list):
            query.setlist(name, [str(v) for v in value])
        elif value is not None:
            query[name] = str(value)
    return query


@router.put(
    f"{REPORT}/values", response={200: ReportOut, **WRITE_ERRORS}, url_name="report_values", **WRITE
)
def report_values(
    request: HttpRequest,
    response: HttpResponse,
    short_name: str,
    round_id: RoundId,
    code: str,
    data: ValuesIn,
):
    """Set indicator values (as the report form's rows): the indicators listed get the
    values given (all empty: "no data", the value is removed); the others stay."""
    report = _report(request, short_name, round_id, code)
    version = _expected_version(request, report)
    _ensure_editable(report)
    indicators = {i.code.lower(): i for i in Indicator.objects.filter(action=report.action)}
    current = {v.indicator_id: v for v in report.values.all()}
    errors: dict[str, list[str]] = {}
    by_indicator: dict[int, dict[str, Any]] = {}
    for row in data.values:
        indicator = indicators.get(row.indicator.strip().lower())
        if indicator is None:
            errors[row.indicator] = [_("This action has no indicator with this code.")]
            continue
        form = IndicatorValueForm(
            _as_query(
                {
                    f"indicator-{indicator.pk}-{name}": getattr(row, name)
                    for name in ("value", "level", "text", "source", "remark")
                }
            ),
            indicator=indicator,
            instance=current.get(indicator.pk),
        )
        if not form.is_valid():
            for name, messages in form_errors(form).items():
                errors[f"{indicator.code}.{name}"] = messages
            continue
        by_indicator[indicator.pk] = form.values
    if errors:
        raise ApiRefusal(422, _("The values were not saved."), errors=errors)
    _save(
        request,
        report,
        lambda: services.report_update(
            report_id=report.pk,
            values={},
            expected_version=version,
            indicator_values=by_indicator,
        ),
    )
    return _answer(report, response)


@router.post(
    f"{REPORT}/submit", response={200: ReportOut, **WRITE_ERRORS}, url_name="report_submit", **WRITE
)
def report_submit(
    request: HttpRequest, response: HttpResponse, short_name: str, round_id: RoundId, code: str
):
    """Submit the report to the coordinator (as the web UI's button)."""
    report = _report(request, short_name, round_id, code)
    if not policy.can_transition(caller(request), report, "submit"):
        raise ApiRefusal(403, _("You may not submit this report."))
    with transaction.atomic():
        locked = ProgressReport.objects.select_for_update().get(pk=report.pk)
        _expected_version(request, locked)
        _save(
            request,
            report,
            lambda: services.report_transition(
                report_id=report.pk, transition="submit", user=caller(request)
            ),
        )
    return _answer(report, response)
