"""What the publication page reads: the plan's rounds with what each would show, the
reports held back, the finished evaluation reports. A fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from planmonitor.evaluation.models import ReportJob
from planmonitor.monitoring.models import ReportingRound
from planmonitor.plans.models import Action, Plan

from .. import public
from ..models import WithheldReport
from .services import finished_jobs


@dataclass
class RoundRow:
    round: ReportingRound
    is_published: bool
    shown_count: int  # accepted reports, minus those held back: what the public reads
    withheld: list[WithheldReport] = field(default_factory=list)


def round_rows(*, plan: Plan) -> list[RoundRow]:
    """Every round of the plan, newest first: three queries whatever their number."""
    rounds = list(
        ReportingRound.objects.filter(plan=plan)
        .select_related("publication")
        .order_by("-period_end", "-pk")
    )
    # What the public would read if every round were published: ``public`` decides it.
    everything = public.Audience(round_ids=frozenset(r.pk for r in rounds))
    counts = dict(
        public.reports(plan, everything)
        .order_by()
        .values_list("round_id")
        .annotate(n=Count("pk"))
        .values_list("round_id", "n")
    )
    withheld: dict[int, list[WithheldReport]] = defaultdict(list)
    for row in (
        WithheldReport.objects.filter(round__plan=plan)
        .select_related("action", "created_by")
        .order_by("action__code")
    ):
        withheld[row.round_id].append(row)
    return [
        RoundRow(
            round=r,
            is_published=hasattr(r, "publication"),
            shown_count=counts.get(r.pk, 0),
            withheld=withheld[r.pk],
        )
        for r in rounds
    ]


def evaluation_jobs(*, plan: Plan) -> list[ReportJob]:
    """The plan's finished evaluation reports, each with its publication (or none)."""
    return list(
        finished_jobs(plan)
        .select_related("snapshot", "publication")
        .defer("file")
        .order_by("-finished_at", "-pk")
    )


def action_choices(*, plan: Plan) -> list[tuple[int, str]]:
    return [
        (pk, f"{code} {title}")
        for pk, code, title in Action.objects.filter(plan=plan)
        .order_by("code")
        .values_list("pk", "code", "title")
    ]
