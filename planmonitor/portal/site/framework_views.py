"""The public site's framework pages: the plans, a plan's framework and figures, its goals,
its actions (search and filters) and an action. Every page reads through ``portal.public``
and is served from the page cache (``caching.cached_public_page``)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from planmonitor.core.paging import filter_query
from planmonitor.plans.models import Plan
from planmonitor.portal import preview, public

from . import framework_pages as framework
from .caching import cached_public_page
from .framework_forms import ActionFilterForm


def _plan(request: HttpRequest, short_name: str) -> tuple[Plan, public.Audience]:
    audience = preview.audience(request)
    found = public.plan(short_name, audience)
    if found is None:
        raise Http404
    return found, audience


@require_safe
@cached_public_page
def index(request: HttpRequest) -> HttpResponse:
    audience = preview.audience(request)
    plans = list(public.plans(audience))
    if len(plans) == 1:
        return redirect("portal:plan", plans[0].short_name)
    return render(
        request,
        "portal/site/index.html",
        {"plans": [framework.plan_heading(p) for p in plans], "audience": audience},
    )


@require_safe
@cached_public_page
def plan(request: HttpRequest, short_name: str) -> HttpResponse:
    found, audience = _plan(request, short_name)
    overview = framework.overview(found, audience)
    return render(
        request,
        "portal/site/plan.html",
        {"plan": found, "audience": audience, "heading": framework.plan_heading(found), **overview},
    )


@require_safe
@cached_public_page
def strategic_goal(request: HttpRequest, short_name: str, code: str) -> HttpResponse:
    found, audience = _plan(request, short_name)
    goal = framework.strategic_goal(found, code, request)
    if goal is None:
        raise Http404
    return render(
        request,
        "portal/site/strategic_goal.html",
        {
            "plan": found,
            "audience": audience,
            "heading": framework.plan_heading(found),
            "goal": goal,
        },
    )


@require_safe
@cached_public_page
def operational_goal(request: HttpRequest, short_name: str, code: str) -> HttpResponse:
    found, audience = _plan(request, short_name)
    goal = framework.operational_goal(found, code, request)
    if goal is None:
        raise Http404
    return render(
        request,
        "portal/site/operational_goal.html",
        {
            "plan": found,
            "audience": audience,
            "heading": framework.plan_heading(found),
            "goal": goal,
        },
    )


@require_safe
@cached_public_page
def actions(request: HttpRequest, short_name: str) -> HttpResponse:
    found, audience = _plan(request, short_name)
    form = ActionFilterForm(request.GET, plan=found, audience=audience)
    filters, ignored = form.valid_filters()
    page, items = framework.action_list(found, audience, filters, request)
    return render(
        request,
        "portal/site/actions.html",
        {
            "plan": found,
            "audience": audience,
            "heading": framework.plan_heading(found),
            "form": form,
            "ignored": ignored,
            "page": page,
            "items": items,
            "count": page.paginator.count,
            "filtered": bool(filters),
            # The filters as given (not the page): the page links keep them.
            "query_string": filter_query(request, form.fields),
        },
    )


@require_safe
@cached_public_page
def action(request: HttpRequest, short_name: str, code: str) -> HttpResponse:
    found, audience = _plan(request, short_name)
    page = framework.action_page(found, code, audience)
    if page is None:
        raise Http404
    return render(
        request,
        "portal/site/action.html",
        {"plan": found, "audience": audience, "heading": framework.plan_heading(found), **page},
    )
