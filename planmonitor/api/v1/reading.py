"""The read routes: everything public without a token, and with one what its person or
organisation may read in the web UI (v1/access.py). Paginated, filtered, conditional."""

from __future__ import annotations

from typing import Any

from django.db.models import Max, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.decorators import decorate_view

from planmonitor.plans.models import Action
from planmonitor.portal import public
from planmonitor.portal.models import RoundPublication

from ..auth import READ_AUTH, caller
from . import access, records
from .conditional import conditional, last_modified
from .schemas import (
    ActionDetailOut,
    ActionFilter,
    ActionPage,
    ErrorOut,
    IndicatorPage,
    PageQuery,
    PlanDetailOut,
    PlanPage,
    ReportDetailOut,
    ReportPage,
    RoundId,
    ValuePage,
)

router = Router(auth=READ_AUTH, tags=["read"])

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
# What the schema says beyond ninja's words: the token is optional (``{}``: no
# security requirement, added to ninja's TokenAuth one) and a conditional GET may be 304.
READ_DOCS: dict[str, Any] = {
    "security": [{}],
    "responses": {
        304: {"description": "Not modified: the If-None-Match or If-Modified-Since still holds."}
    },
}
PLAN = "/plans/{short_name}"


def _page(rows: QuerySet[Any] | list[Any], query: PageQuery) -> tuple[dict[str, Any], list[Any]]:
    count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    chosen = list(rows[query.offset : query.offset + query.limit])
    return {"count": count, "limit": query.limit, "offset": query.offset}, chosen


def _published_at(plan_id: int) -> Any:
    return RoundPublication.objects.filter(round__plan_id=plan_id).aggregate(
        latest=Max("published_at")
    )["latest"]


@router.get(
    "/plans", response={200: PlanPage, **READ_ERRORS}, url_name="plans", openapi_extra=READ_DOCS
)
@decorate_view(conditional)
def plans(request: HttpRequest, query: Query[PageQuery]):
    """The published plans (and, with a token, the plans its person works in)."""
    page, chosen = _page(access.plans(caller(request)), query)
    last_modified(
        request,
        Action.objects.filter(plan__in=[p.pk for p in chosen]).aggregate(m=Max("updated_at"))["m"],
    )
    return {**page, "items": [records.plan_record(p) for p in chosen]}


@router.get(
    PLAN, response={200: PlanDetailOut, **READ_ERRORS}, url_name="plan", openapi_extra=READ_DOCS
)
@decorate_view(conditional)
def plan(request: HttpRequest, short_name: str):
    found = access.plan(caller(request), short_name)
    goals = [
        {"code": g.code, "text": public.localized(g.text, g.text_en)}
        for g in public.strategic_goals(found)
    ]
    operational = [
        {"code": g.code, "text": public.localized(g.text, g.text_en)}
        for g in public.operational_goals(found)
    ]
    last_modified(request, found.actions.aggregate(m=Max("updated_at"))["m"])
    return {
        **records.plan_record(found),
        "strategic_goals": goals,
        "operational_goals": operational,
    }


def _filtered(actions: QuerySet[Action], query: ActionFilter) -> QuerySet[Action]:
    if query.sd:
        actions = actions.filter(operational_goal__strategic_goal__code__iexact=query.sd)
    if query.od:
        actions = actions.filter(operational_goal__code__iexact=query.od)
    if query.violence_form:
        actions = actions.filter(violence_forms__code__iexact=query.violence_form)
    if query.target_group:
        actions = actions.filter(target_groups__code__iexact=query.target_group)
    if query.minister:
        actions = actions.filter(
            Q(lead_minister__key__iexact=query.minister)
            | Q(co_ministers__key__iexact=query.minister)
        )
    if query.status:
        actions = actions.filter(status=query.status)
    if query.q:
        words = query.q.strip()
        actions = actions.filter(
            Q(code__icontains=words)
            | Q(title__icontains=words)
            | Q(title_en__icontains=words)
            | Q(summary__icontains=words)
            | Q(summary_en__icontains=words)
        )
    return actions.distinct()


@router.get(
    f"{PLAN}/actions",
    response={200: ActionPage, **READ_ERRORS},
    url_name="actions",
    openapi_extra=READ_DOCS,
)
@decorate_view(conditional)
def actions(request: HttpRequest, short_name: str, query: Query[ActionFilter]):
    """The plan's actions, filtered (SD, OD, form of violence, target group, minister,
    status, text) and paginated (limit, offset; count is the number of matches)."""
    found = access.plan(caller(request), short_name)
    rows = _filtered(access.actions(caller(request), found), query)
    page, chosen = _page(rows, query)
    last_modified(request, max((a.updated_at for a in chosen), default=None))
    return {**page, "items": [public.action_record(a) for a in chosen]}


@router.get(
    f"{PLAN}/actions/{{code}}",
    response={200: ActionDetailOut, **READ_ERRORS},
    url_name="action",
    openapi_extra=READ_DOCS,
)
@decorate_view(conditional)
def action(request: HttpRequest, short_name: str, code: str):
    found = access.plan(caller(request), short_name)
    chosen = access.action(caller(request), found, code)
    indicators = public.indicators(found).filter(action=chosen)
    reports, full_ids = access.reports(caller(request), found)
    own = list(reports.filter(action=chosen))
    public_ids = access.public_report_ids(found) if full_ids else None
    last_modified(request, chosen.updated_at, *(r.updated_at for r in own))
    return {
        **public.action_record(chosen),
        "indicators": [public.indicator_record(i) for i in indicators],
        "reports": [
            records.report_record(
                r, full=r.pk in full_ids, is_public=public_ids is None or r.pk in public_ids
            )
            for r in own
        ],
    }


@router.get(
    f"{PLAN}/indicators",
    response={200: IndicatorPage, **READ_ERRORS},
    url_name="indicators",
    openapi_extra=READ_DOCS,
)
@decorate_view(conditional)
def indicators(request: HttpRequest, short_name: str, query: Query[PageQuery]):
    """The indicators (definitions) of the actions the caller may read."""
    found = access.plan(caller(request), short_name)
    rows = public.indicators(found).filter(action__in=access.actions(caller(request), found))
    page, chosen = _page(rows, query)
    last_modified(request, found.actions.aggregate(m=Max("updated_at"))["m"])
    return {**page, "items": [public.indicator_record(i) for i in chosen]}


@router.get(
    f"{PLAN}/reports",
    response={200: ReportPage, **READ_ERRORS},
    url_name="reports",
    openapi_extra=READ_DOCS,
)
@decorate_view(conditional)
def reports(request: HttpRequest, short_name: str, query: Query[PageQuery]):
    """The public reports (accepted, in a published round); with a token also the reports
    its person or organisation reads in the web UI, with their internal fields."""
    found = access.plan(caller(request), short_name)
    rows, full_ids = access.reports(caller(request), found)
    page, chosen = _page(rows, query)
    public_ids = access.public_report_ids(found) if full_ids else None
    last_modified(request, _published_at(found.pk), *(r.updated_at for r in chosen))
    items = [
        records.report_record(
            r, full=r.pk in full_ids, is_public=public_ids is None or r.pk in public_ids
        )
        for r in chosen
    ]
    return {**page, "items": items}


@router.get(
    f"{PLAN}/reports/{{round_id}}/{{code}}",
    response={200: ReportDetailOut, **READ_ERRORS},
    url_name="report",
    openapi_extra=READ_DOCS,
)
@decorate_view(conditional)
def report(
    request: HttpRequest, response: HttpResponse, short_name: str, round_id: RoundId, code: str
):
    """One report with its values. Its ETag is its version: send it as If-Match to write."""
    found = access.plan(caller(request), short_name)
    rows, full_ids = access.reports(caller(request), found)
    chosen = rows.filter(round_id=round_id, action__code__iexact=code).first()
    if chosen is None:
        raise Http404(_("No such report."))
    full = chosen.pk in full_ids
    values, _ids = access.values(caller(request), found)
    public_ids = access.public_report_ids(found) if full_ids else None
    if full:
        response["ETag"] = f'"{chosen.version}"'
    last_modified(request, chosen.updated_at, _published_at(found.pk))
    return {
        **records.report_record(
            chosen, full=full, is_public=public_ids is None or chosen.pk in public_ids
        ),
        "values": [records.value_record(v, full=full) for v in values.filter(report=chosen)],
    }


@router.get(
    f"{PLAN}/values",
    response={200: ValuePage, **READ_ERRORS},
    url_name="values",
    openapi_extra=READ_DOCS,
)
@decorate_view(conditional)
def values(request: HttpRequest, short_name: str, query: Query[PageQuery]):
    """The indicator values of the reports the caller may read; a sensitive indicator's
    small counts read "< 5" for the public (``suppressed``)."""
    found = access.plan(caller(request), short_name)
    rows, full_ids = access.values(caller(request), found)
    page, chosen = _page(rows, query)
    last_modified(request, _published_at(found.pk))
    return {
        **page,
        "items": [records.value_record(v, full=v.report_id in full_ids) for v in chosen],
    }
