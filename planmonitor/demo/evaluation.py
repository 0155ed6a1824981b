"""The example data of plan versions and revisions: version 1 of the example plan (with the
government decision of the plan's decisions) and a draft revision "Actualisering 2027
(voorbeeld)" proposing four changes: dates moved, one new action, one merge following an
overlap and one discontinuation.

Labelled as example data (``is_example``: an "Example" badge on the revision pages) and
removed by ``remove_demo``: the draft with its changes, and the example version 1, the one
version the database lets go. Idempotent: a plan with a version gets no example version, a
plan with an example revision no second one. Cheap: two inserts of content, a few rows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import transaction
from django.utils.translation import gettext_noop

from planmonitor.accounts.models import User
from planmonitor.evaluation.models import PlanVersion, Revision, RevisionChange
from planmonitor.evaluation.revisions import services
from planmonitor.plans.models import Action, Plan, PlanDecision

LABELS = {
    PlanVersion: gettext_noop("plan versions"),
    Revision: gettext_noop("revisions"),
    RevisionChange: gettext_noop("proposed changes"),
}
REVISION_NAME = "Actualisering 2027 (voorbeeld)"


def _next_code(plan: Plan) -> str:
    codes = set(Action.objects.filter(plan=plan).values_list("code", flat=True))
    number = len(codes) + 1
    while f"A{number:03}" in codes:
        number += 1
    return f"A{number:03}"


def evaluation_demo_load(plan: Plan | None = None) -> Counter[str]:
    from planmonitor.plans.data.gbv_plan import SHORT_NAME

    created: Counter[str] = Counter()
    with transaction.atomic():
        plan = plan or Plan.objects.filter(short_name=SHORT_NAME).first()
        if plan is None:
            return created
        coordinator = User.objects.filter(username="demo-coordinator").first()
        if not PlanVersion.objects.filter(plan=plan).exists():
            decision = (
                plan.decisions.filter(kind=PlanDecision.Kind.GOVERNMENT).order_by("date").first()
            )
            services.version_record_first(
                plan=plan,
                effective_date=decision.date if decision else plan.period_start,
                decision_reference=decision.reference if decision else "",
                decision_date=decision.date if decision else None,
                user=coordinator,
                is_example=True,
            )
            created[LABELS[PlanVersion]] += 1
        if Revision.objects.filter(plan=plan, is_example=True).exists():
            return created
        if Revision.objects.filter(plan=plan, status="draft").exists():
            return created
        created.update(_example_revision(plan, coordinator))
    return created


def _example_revision(plan: Plan, coordinator: User | None) -> Counter[str]:
    created: Counter[str] = Counter()
    actions = list(
        Action.objects.filter(plan=plan, is_example=True)
        .exclude(status=Action.Status.STOPPED)
        .select_related("operational_goal")
        .order_by("code")[:40]
    )
    if len(actions) < 4:
        return created
    revision = services.revision_open(plan=plan, name=REVISION_NAME, user=coordinator)
    Revision.objects.filter(pk=revision.pk).update(is_example=True)
    created[LABELS[Revision]] += 1
    moved = next((a for a in actions if a.end_date), actions[0])
    end = (moved.end_date or plan.period_end) + dt.timedelta(days=365)
    services.change_add(
        revision=revision,
        kind="change",
        action=moved,
        values={"end_date": min(end, plan.period_end).isoformat()},
        reason="Voorbeeld: de uitvoering loopt vertraging op; de einddatum schuift op.",
        user=coordinator,
    )
    # A merge: two actions of one operational goal, as an overlap decision would propose.
    rest = [a for a in actions if a.pk != moved.pk]
    pair = next(
        (
            (a, b)
            for i, a in enumerate(rest)
            for b in rest[i + 1 :]
            if a.operational_goal_id == b.operational_goal_id
        ),
        (rest[0], rest[1]),
    )
    services.change_add(
        revision=revision,
        kind="merge",
        action=pair[1],
        merge_target=pair[0],
        reason=(
            "Voorbeeld: het lerend netwerk stelde een overlap vast; de actie gaat op in "
            f"{pair[0].code}."
        ),
        user=coordinator,
    )
    stopped = next(a for a in rest if a.pk not in (pair[0].pk, pair[1].pk))
    services.change_add(
        revision=revision,
        kind="discontinue",
        action=stopped,
        reason="Voorbeeld: de actie is overbodig geworden door een nieuw decreet.",
        user=coordinator,
    )
    services.change_add(
        revision=revision,
        kind="add",
        values={
            "code": _next_code(plan),
            "title": "Voorbeeld: een campagne rond digitaal geweld bij jongeren",
            "operational_goal": moved.operational_goal.code,
            "lead_minister": moved.lead_minister.key,
            "co_ministers": [],
            "start_date": "2027-09-01",
            "end_date": plan.period_end.isoformat(),
        },
        reason="Voorbeeld: de tussentijdse evaluatie wees op een lacune rond digitaal geweld.",
        user=coordinator,
    )
    created[LABELS[RevisionChange]] += 4
    return created


def evaluation_demo_remove() -> Counter[str]:
    """The example revision (its changes go with it) and the example version 1."""
    removed: Counter[str] = Counter()
    for queryset in (
        Revision.objects.filter(is_example=True),
        PlanVersion.objects.filter(is_example=True),
    ):
        _, per_model = queryset.delete()
        removed.update({label: n for label, n in per_model.items() if n})
    return removed
