"""The demo plan on the public site: published, with its latest closed round, for the
browser tests and the benchmark (the coordinator's publication pages do this by hand).

    demo_publish()    -> {"plan": short name, "round": pk, "action": code, "sd": code}
    demo_unpublish()  # back as it was: plan unpublished, the round's publication gone
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from planmonitor.monitoring.models import ReportingRound, ReportState, RoundStatus
from planmonitor.plans.models import Plan
from planmonitor.portal import cache
from planmonitor.portal.models import RoundPublication


def _round(plan: Plan) -> ReportingRound:
    """The latest closed round with accepted reports (the demo has two)."""
    found = (
        ReportingRound.objects.filter(
            plan=plan, status=RoundStatus.CLOSED, reports__state=ReportState.ACCEPTED
        )
        .distinct()
        .order_by("-period_end")
        .first()
    )
    assert found is not None, "load_demo first: no closed round with accepted reports"
    return found


@transaction.atomic
def demo_publish() -> dict[str, object]:
    plan = Plan.objects.get()
    Plan.objects.filter(pk=plan.pk).update(is_published=True)
    reporting_round = _round(plan)
    RoundPublication.objects.get_or_create(
        round=reporting_round, defaults={"published_at": timezone.now()}
    )
    cache.bump()
    report = (
        reporting_round.reports.filter(state=ReportState.ACCEPTED)
        .select_related("action__operational_goal__strategic_goal")
        .order_by("action__code")
        .first()
    )
    assert report is not None
    action = report.action
    return {
        "plan": plan.short_name,
        "round": reporting_round.pk,
        "action": action.code,
        "od": action.operational_goal.code,
        "sd": action.operational_goal.strategic_goal.code,
    }


@transaction.atomic
def demo_unpublish() -> None:
    plan = Plan.objects.get()
    Plan.objects.filter(pk=plan.pk).update(is_published=False)
    RoundPublication.objects.filter(round__plan=plan).delete()
    cache.bump()
