"""A plan with one flagged cross-minister pair (X001 ~ X002) and an unrelated action (X003)."""

from __future__ import annotations

from planmonitor.plans.models import Action, Minister, Plan, ViolenceForm

from .conftest import smart_action_create

DUPLICATE = "Een campagne over partnergeweld voor jongeren op sociale media lanceren"


def pair_plan_create(plan: Plan) -> dict[str, Action]:
    form = ViolenceForm.objects.filter(plan=plan).first()
    other = Minister.objects.exclude(key="gennez").first()
    a = smart_action_create(plan, "X001", title=DUPLICATE)
    b = smart_action_create(
        plan,
        "X002",
        title="Campagne over partnergeweld voor jongeren op sociale media",
        lead_minister=other,
    )
    c = smart_action_create(plan, "X003", title="Verlichting en veilige haltes op fietsroutes")
    if form is not None:
        a.violence_forms.add(form)
        b.violence_forms.add(form)
    return {"X001": a, "X002": b, "X003": c}
