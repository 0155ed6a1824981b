"""The plan page, its coordinator's pages and the new-action page, in the authorization matrix.

The matrix's plan is not published: anonymous visitors are sent to log in, the plan's
people see its page, an outsider is refused (a plan's name is no secret: 403, not 404).
"""

from planmonitor.plans.models import PlanDecision
from planmonitor.tests.matrix import (
    COORDINATOR_ONLY_FORM,
    COORDINATOR_ONLY_PAGE,
    COORDINATOR_ONLY_POST,
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    Entry,
    answers,
    plan_kwargs,
)


def decision_kwargs(objects: dict) -> dict:
    decision = PlanDecision.objects.filter(plan=objects["action"].plan).order_by("pk").first()
    assert decision is not None
    return {**plan_kwargs(objects), "decision_id": decision.pk}


ENTRIES = {
    "plans:plan_detail": Entry(
        kwargs=plan_kwargs,
        get=answers(200, anonymous=LOGIN, outsider=FORBIDDEN),
        post=answers(NOT_ALLOWED),
    ),
    # An empty form comes back with its errors (200); an empty confirmation too.
    "plans:plan_edit": Entry(
        kwargs=plan_kwargs, get=COORDINATOR_ONLY_PAGE, post=COORDINATOR_ONLY_FORM
    ),
    "plans:decision_add": Entry(
        kwargs=plan_kwargs, get=COORDINATOR_ONLY_PAGE, post=COORDINATOR_ONLY_FORM
    ),
    "plans:decision_edit": Entry(
        kwargs=decision_kwargs, get=COORDINATOR_ONLY_PAGE, post=COORDINATOR_ONLY_FORM
    ),
    "plans:decision_remove": Entry(
        kwargs=decision_kwargs, get=COORDINATOR_ONLY_PAGE, post=COORDINATOR_ONLY_POST
    ),
    "plans:plan_publish": Entry(
        kwargs=plan_kwargs, get=COORDINATOR_ONLY_PAGE, post=COORDINATOR_ONLY_FORM
    ),
    "plans:plan_unpublish": Entry(
        kwargs=plan_kwargs, get=COORDINATOR_ONLY_PAGE, post=COORDINATOR_ONLY_FORM
    ),
    "plans:action_create": Entry(
        kwargs=plan_kwargs, get=COORDINATOR_ONLY_PAGE, post=COORDINATOR_ONLY_FORM
    ),
}
