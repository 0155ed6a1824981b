"""The example context series: one invented series long enough for the interrupted time
series to give an estimate (the published ones are too short), labelled as an example on
every page and in every report. One series and a dozen values: cheap to load."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_noop

from planmonitor.evaluation.impact import services
from planmonitor.evaluation.models import ContextSeries, ContextValue
from planmonitor.plans.models import Plan

KEY = "voorbeeld-meldingen-partnergeweld"
LABELS = {
    ContextSeries: gettext_noop("context series"),
    ContextValue: gettext_noop("context values"),
}


def context_demo_load(plan: Plan | None = None) -> Counter[str]:
    """Twelve years of invented yearly figures around the plan's start: a rise of about 4 %
    a year, and a step up when the plan starts (more people report)."""
    from planmonitor.plans.data.gbv_plan import SHORT_NAME

    created: Counter[str] = Counter()
    with transaction.atomic():
        plan = plan or Plan.objects.filter(short_name=SHORT_NAME).first()
        if plan is None or ContextSeries.objects.filter(plan=plan, key=KEY).exists():
            return created
        series = services.context_series_create(
            plan=plan,
            key=KEY,
            name="Voorbeeld: meldingen van partnergeweld",
            area="Vlaanderen",
            unit="meldingen",
            description="Verzonnen cijfers om de impactanalyse te tonen; geen gepubliceerde.",
            is_example=True,
        )
        created[LABELS[ContextSeries]] += 1
        start = plan.period_start.year
        wiggle = (0, 120, -80, 60, -40, 90, -110, 30, 70, -60, 20, -20)
        for index, year in enumerate(range(start - 7, start + 5)):
            value = 10000 + 400 * (year - start) + (900 if year >= start else 0) + wiggle[index]
            services.context_value_create(
                series=series, year=year, value=Decimal(value), note="voorbeeld"
            )
            created[LABELS[ContextValue]] += 1
    return created


def context_demo_remove() -> Counter[str]:
    removed: Counter[str] = Counter()
    _, per_model = ContextSeries.objects.filter(is_example=True).delete()
    removed.update({label: n for label, n in per_model.items() if n})
    return removed
