"""People change in the authorization matrix: moving roles and stand-ins (coordinators), and
one's own stand-ins (who has work to lend)."""

import datetime as dt

from planmonitor.tests.matrix import (
    COORDINATOR_ONLY_FORM,
    COORDINATOR_ONLY_PAGE,
    COORDINATOR_ONLY_POST,
    FORBIDDEN,
    LOGIN,
    NO_POST_LOGGED_IN,
    NOT_ALLOWED,
    NOT_FOUND,
    Entry,
    answers,
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


def own_stand_in_kwargs(objects: dict) -> dict:
    """A stand-in for ``owner``: only they (the person on leave) may end it."""
    return {"pk": stand_in_kwargs(objects)["pk"]}


# One's own stand-ins: for who has work to lend (an owner's or a contributor's role).
LENDERS = {"owner": 200, "other_owner": 200, "contributor": 200}
ENTRIES.update(
    {
        "accounts:own_stand_ins": Entry(
            get=answers(FORBIDDEN, anonymous=LOGIN, **LENDERS),
            post=answers(NOT_ALLOWED, anonymous=LOGIN),
        ),
        # An empty form is refused with messages on the page (302 back to it).
        "accounts:own_stand_in_add": Entry(
            kwargs=plan_kwargs,
            get=NO_POST_LOGGED_IN,
            post=answers(FORBIDDEN, anonymous=LOGIN, owner=302, other_owner=302, contributor=302),
        ),
        # Someone else's stand-in is not theirs to know of.
        "accounts:own_stand_in_end": Entry(
            kwargs=own_stand_in_kwargs,
            get=NO_POST_LOGGED_IN,
            post=answers(
                FORBIDDEN, anonymous=LOGIN, owner=302, other_owner=NOT_FOUND, contributor=NOT_FOUND
            ),
        ),
    }
)
