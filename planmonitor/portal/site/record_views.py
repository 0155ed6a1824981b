"""The public site's record pages: a published round's progress, the plan's decisions and
calendar, its versions and what changed, the published evaluation reports, and the
accessibility and privacy statements. Every page reads through ``portal.public``."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from planmonitor.evaluation.snapshots.rendering import CONTENT_TYPES
from planmonitor.monitoring.models import ImplementationStatus
from planmonitor.plans.models import Plan

from .. import preview, public
from . import paging
from .caching import cached_public_page
from .framework_pages import text


def _plan(request: HttpRequest, short_name: str) -> tuple[Plan, public.Audience]:
    audience = preview.audience(request)
    plan = public.plan(short_name, audience)
    if plan is None:
        raise Http404(_("No such plan."))
    return plan, audience


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int
    share: int  # percent of the reports, for the bar


@dataclass(frozen=True)
class ShownValue:
    name: str
    code: str
    text: str  # the number as the public may read it ("< 5"), or the level
    unit: str
    suppressed: bool
    source: str


def _status_counts(reports: QuerySet[Any]) -> tuple[list[StatusCount], int]:
    """The reports per implementation status (one grouped query over them all), and
    their number."""
    grouped = (
        reports.prefetch_related(None)
        .order_by()
        .values("implementation_status")
        .annotate(n=Count("pk"))
    )
    counts = Counter({row["implementation_status"]: row["n"] for row in grouped})
    count = sum(counts.values())
    total = count or 1
    return [
        StatusCount(value, str(label), counts[value], round(100 * counts[value] / total))
        for value, label in ImplementationStatus.choices
        if counts[value]
    ], count


def _shown_values(report: Any) -> list[ShownValue]:
    rows = []
    for value in report.values.all():
        indicator = value.indicator
        if value.value is not None:
            number = public.shown_number(indicator, value.value)
            text, suppressed = number.text, number.suppressed
        else:
            text, suppressed = (value.get_level_display() if value.level else ""), False
        rows.append(
            ShownValue(
                indicator.name, indicator.code, text, indicator.unit, suppressed, value.source
            )
        )
    return rows


@cached_public_page
@require_safe
def round_progress(request: HttpRequest, short_name: str, pk: int) -> HttpResponse:
    plan, audience = _plan(request, short_name)
    reporting_round = public.published_round(plan, pk, audience)
    if reporting_round is None:
        raise Http404(_("No such reporting round."))
    reports = public.round_reports(plan, reporting_round, audience)
    status_counts, report_count = _status_counts(reports)
    page = paging.page_of(request, reports, count=report_count)
    rows: list[dict[str, Any]] = [
        {
            "report": report,
            "title": text(report.action.title, report.action.title_en),
            "public_text": text(report.public_text),
            "values": _shown_values(report),
        }
        for report in page.object_list
    ]
    for row in rows:
        row["has_source"] = any(value.source for value in row["values"])
    return render(
        request,
        "portal/site/record/round.html",
        {
            "plan": plan,
            "audience": audience,
            "plan_title": text(plan.title, plan.title_en),
            "round": reporting_round,
            "round_name": text(reporting_round.name),
            "rows": rows,
            "page": page,
            "status_counts": status_counts,
            "report_count": report_count,
        },
    )


@dataclass(frozen=True)
class CalendarRow:
    date: dt.date
    end: dt.date | None
    label: str
    url_pk: int | None = None  # a published round's page


def _calendar(plan: Plan, rounds: list[Any]) -> list[CalendarRow]:
    rows = [
        CalendarRow(day, None, label)
        for day, label in (
            (plan.period_start, _("Start of the plan period")),
            (plan.interim_evaluation_due, _("Interim evaluation due")),
            (plan.final_evaluation_due, _("Final evaluation due")),
            (plan.period_end, _("End of the plan period")),
        )
        if day is not None
    ]
    rows += [
        CalendarRow(
            r.period_start,
            r.period_end,
            _("Reporting round %(name)s") % {"name": r.name},
            r.pk,
        )
        for r in rounds
    ]
    return sorted(rows, key=lambda row: row.date)


@cached_public_page
@require_safe
def decisions(request: HttpRequest, short_name: str) -> HttpResponse:
    plan, audience = _plan(request, short_name)
    rounds = list(public.rounds(plan, audience))
    return render(
        request,
        "portal/site/record/decisions.html",
        {
            "plan": plan,
            "audience": audience,
            "plan_title": text(plan.title, plan.title_en),
            "decisions": list(public.decisions(plan)),
            "calendar": _calendar(plan, rounds),
        },
    )


@cached_public_page
@require_safe
def versions(request: HttpRequest, short_name: str) -> HttpResponse:
    plan, audience = _plan(request, short_name)
    return render(
        request,
        "portal/site/record/versions.html",
        {
            "plan": plan,
            "audience": audience,
            "plan_title": text(plan.title, plan.title_en),
            "versions": list(
                public.versions(plan).only(
                    "id",
                    "plan_id",
                    "number",
                    "effective_date",
                    "decision_reference",
                    "decision_date",
                )
            ),
        },
    )


@cached_public_page
@require_safe
def version(request: HttpRequest, short_name: str, number: int) -> HttpResponse:
    plan, audience = _plan(request, short_name)
    current = public.version(plan, number)
    if current is None:
        raise Http404(_("No such plan version."))
    previous = public.previous_version(current)
    return render(
        request,
        "portal/site/record/version.html",
        {
            "plan": plan,
            "audience": audience,
            "plan_title": text(plan.title, plan.title_en),
            "version": current,
            "previous": previous,
            "comparison": public.version_changes(current, previous),
            "action_count": len(current.content.get("actions", [])),
        },
    )


@cached_public_page
@require_safe
def evaluations(request: HttpRequest, short_name: str) -> HttpResponse:
    plan, audience = _plan(request, short_name)
    return render(
        request,
        "portal/site/record/evaluations.html",
        {
            "plan": plan,
            "audience": audience,
            "plan_title": text(plan.title, plan.title_en),
            "reports": list(public.evaluation_reports(plan)),
        },
    )


@cached_public_page
@require_safe
def evaluation_download(request: HttpRequest, short_name: str, pk: int) -> FileResponse:
    plan, audience = _plan(request, short_name)
    publication = public.evaluation_report(plan, pk)
    if publication is None:
        raise Http404(_("No such evaluation report."))
    job = publication.job
    data = public.evaluation_file(publication)
    extension = job.format if job.format in CONTENT_TYPES else "pdf"
    filename = f"{plan.short_name}-{job.kind}-{publication.pk}.{extension}"
    response = FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        filename=filename,
        content_type=CONTENT_TYPES.get(job.format, "application/octet-stream"),
    )
    return response


@cached_public_page
@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/site/record/accessibility.html", {"tested_on": AXE_AUDITED_ON})


@cached_public_page
@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/site/record/privacy.html", {})


# The date of the audit the accessibility statement reports: the last day
# planmonitor/browser_tests/test_public_accessibility.py passed in full (axe-core, WCAG 2.1
# A and AA, every public page in Dutch and English at 1280 and 320 px; skip link, focus,
# reflow, language switch, print), with a look at the screenshots. Change it only after
# such a run: `.venv/bin/pytest -m browser planmonitor/browser_tests/test_public_accessibility.py`.
AXE_AUDITED_ON = dt.date(2026, 12, 3)
