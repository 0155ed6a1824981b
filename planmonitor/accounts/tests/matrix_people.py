"""People change in the authorization matrix: moving roles and stand-ins, coordinators only."""

import datetime as dt

from planmonitor.tests.matrix import (
    COORDINATOR_ONLY_FORM,
    COORDINATOR_ONLY_PAGE,
    COORDINATOR_ONLY_POST,
    NO_POST_LOGGED_IN,
    Entry,
    member_kwargs,
    plan_kwargs,
)


def stand_in_kwargs(objects: dict) -> dict:
    from planmonitor.accounts.models import StandIn, User

    owner = objects["owner"]
    colleague, _created = User.objects.get_or_create(username="matrix-colleague")
    row, _created = StandIn.objects.get_or_create(
        plan=owner.memberships.get().plan,
        person=owner,
        stand_in=colleague,
        defaults={"starts_on": dt.date(2026, 1, 1), "ends_on": dt.date(2099, 1, 1)},
    )
    return {**member_kwargs(objects), "pk": row.pk}


ENTRIES = {
    # An empty form lists nothing yet (GET) or comes back with its errors (POST).
    "accounts:member_reassign": Entry(
        kwargs=plan_kwargs, get=COORDINATOR_ONLY_PAGE, post=COORDINATOR_ONLY_FORM
    ),
    # An empty stand-in form is refused with messages on the person's page.
    "accounts:stand_in_add": Entry(
        kwargs=member_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_ONLY_POST
    ),
    "accounts:stand_in_end": Entry(
        kwargs=stand_in_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_ONLY_POST
    ),
}
