"""Authorization matrix entries of the public site's framework pages (portal/site/framework_*).

Public: the same answer for everyone, logged in or not. The matrix's plan is not
published, so its pages answer 404 to all (a coordinator sees them only in a preview);
the index lists no plan (200). GET only: a POST is 405.
"""

from planmonitor.tests.matrix import (
    NOT_ALLOWED,
    NOT_FOUND,
    Entry,
    action_kwargs,
    answers,
    plan_kwargs,
)

EVERYONE_200 = answers(200)
EVERYONE_404 = answers(NOT_FOUND)
NO_POST = answers(NOT_ALLOWED)


def strategic_goal_kwargs(objects: dict) -> dict:
    return {**plan_kwargs(objects), "code": objects["action"].operational_goal.strategic_goal.code}


def operational_goal_kwargs(objects: dict) -> dict:
    return {**plan_kwargs(objects), "code": objects["action"].operational_goal.code}


ENTRIES: dict[str, Entry] = {
    "portal:index": Entry(get=EVERYONE_200, post=NO_POST),
    "portal:plan": Entry(kwargs=plan_kwargs, get=EVERYONE_404, post=NO_POST),
    "portal:strategic_goal": Entry(kwargs=strategic_goal_kwargs, get=EVERYONE_404, post=NO_POST),
    "portal:operational_goal": Entry(
        kwargs=operational_goal_kwargs, get=EVERYONE_404, post=NO_POST
    ),
    "portal:actions": Entry(kwargs=plan_kwargs, get=EVERYONE_404, post=NO_POST),
    "portal:action": Entry(kwargs=action_kwargs, get=EVERYONE_404, post=NO_POST),
}
