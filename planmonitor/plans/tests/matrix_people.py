"""People change in the authorization matrix: the no-owner list and moving a minister's or an
organisation's work."""

from planmonitor.tests.matrix import (
    COORDINATOR_ONLY_FORM,
    COORDINATOR_ONLY_PAGE,
    NO_POST_LOGGED_IN,
    Entry,
    plan_kwargs,
)

ENTRIES = {
    "plans:actions_without_owner": Entry(
        kwargs=plan_kwargs, get=COORDINATOR_ONLY_PAGE, post=NO_POST_LOGGED_IN
    ),
    # An empty form comes back with its errors.
    "plans:minister_reassign": Entry(
        kwargs=plan_kwargs, get=COORDINATOR_ONLY_PAGE, post=COORDINATOR_ONLY_FORM
    ),
    "plans:organisation_reassign": Entry(
        kwargs=plan_kwargs, get=COORDINATOR_ONLY_PAGE, post=COORDINATOR_ONLY_FORM
    ),
}
