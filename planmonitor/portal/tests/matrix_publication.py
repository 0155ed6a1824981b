"""Authorization matrix entries of the coordinator's publication pages (portal/publication).

Internal: signed in, and only whom ``policy.can_publish_plan`` allows (the coordinator);
the plan's other people and outsiders get 403 (the plan is no secret), anonymous visitors
the login page. The steps are POST only (405 on GET once signed in). The matrix's plan is
not published: publishing its round is refused with a message, and back to the page (302).
An unknown held-back report or evaluation report is 404, for the coordinator.
"""

from planmonitor.tests.matrix import (
    COORDINATOR_ONLY_FORM,
    COORDINATOR_ONLY_PAGE,
    COORDINATOR_ONLY_POST,
    FORBIDDEN,
    LOGIN,
    NO_POST_LOGGED_IN,
    NOT_FOUND,
    Entry,
    answers,
    plan_kwargs,
)

UNKNOWN = 2**31  # no such row
COORDINATOR_404 = answers(FORBIDDEN, anonymous=LOGIN, coordinator=NOT_FOUND)


def round_kwargs(objects: dict) -> dict:
    return {**plan_kwargs(objects), "round_id": objects["round"].pk}


def unknown_withheld_kwargs(objects: dict) -> dict:
    return {**plan_kwargs(objects), "pk": UNKNOWN}


def unknown_job_kwargs(objects: dict) -> dict:
    return {**plan_kwargs(objects), "job_id": UNKNOWN}


ENTRIES: dict[str, Entry] = {
    "publication:plan": Entry(
        kwargs=plan_kwargs, get=COORDINATOR_ONLY_PAGE, post=NO_POST_LOGGED_IN
    ),
    "publication:round_publish": Entry(
        kwargs=round_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_ONLY_POST
    ),
    "publication:round_unpublish": Entry(
        kwargs=round_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_ONLY_POST
    ),
    # An empty form comes back with its errors (200).
    "publication:report_withhold": Entry(
        kwargs=plan_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_ONLY_FORM
    ),
    "publication:report_release": Entry(
        kwargs=unknown_withheld_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_404
    ),
    "publication:evaluation_publish": Entry(
        kwargs=unknown_job_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_404
    ),
    "publication:evaluation_unpublish": Entry(
        kwargs=unknown_job_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_404
    ),
    # No round chosen: a preview of the plan alone, shown on the portal (302).
    "publication:preview_start": Entry(
        kwargs=plan_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_ONLY_POST
    ),
    "publication:preview_stop": Entry(
        kwargs=plan_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_ONLY_POST
    ),
}
