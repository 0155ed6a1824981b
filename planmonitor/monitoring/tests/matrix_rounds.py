"""Authorization matrix entries of the reporting-round pages.

Coordinators manage rounds; network members and evaluators follow them
read-only; everyone else with an account gets 403 (a plan's rounds are no
secret to its people, but not their business either); anonymous → login.
"""

from planmonitor.tests.matrix import (
    COORDINATOR_ONLY_FORM,
    COORDINATOR_ONLY_PAGE,
    COORDINATOR_ONLY_POST,
    FORBIDDEN,
    LOGIN,
    NO_POST_LOGGED_IN,
    WHOLE_PLAN,
    Entry,
    answers,
    plan_kwargs,
)


def round_kwargs(objects: dict) -> dict:
    return {**plan_kwargs(objects), "pk": objects["round"].pk}


ROUND_READERS_PAGE = answers(FORBIDDEN, anonymous=LOGIN, coordinator=200, **WHOLE_PLAN)

ENTRIES: dict[str, Entry] = {
    "monitoring:round_list": Entry(
        kwargs=plan_kwargs, get=ROUND_READERS_PAGE, post=NO_POST_LOGGED_IN
    ),
    # An empty form comes back with its errors: 200 for the coordinator.
    "monitoring:round_create": Entry(
        kwargs=plan_kwargs, get=COORDINATOR_ONLY_PAGE, post=COORDINATOR_ONLY_FORM
    ),
    "monitoring:round_detail": Entry(
        kwargs=round_kwargs, get=ROUND_READERS_PAGE, post=NO_POST_LOGGED_IN
    ),
    "monitoring:round_close": Entry(
        kwargs=round_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_ONLY_POST
    ),
    "monitoring:round_reopen": Entry(
        kwargs=round_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_ONLY_POST
    ),
}
