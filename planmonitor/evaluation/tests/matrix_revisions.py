"""The plan versions' and revisions' URLs in the authorization matrix."""

import datetime as dt

from planmonitor.tests.matrix import (
    COORDINATOR_ONLY_FORM,
    COORDINATOR_ONLY_PAGE,
    COORDINATOR_ONLY_POST,
    FORBIDDEN,
    LOGIN,
    NO_POST_LOGGED_IN,
    NOT_ALLOWED,
    Entry,
    answers,
    plan_kwargs,
)


def _version(objects: dict):
    from planmonitor.evaluation.models import PlanVersion
    from planmonitor.evaluation.revisions import services

    plan = objects["action"].plan
    return PlanVersion.objects.filter(plan=plan, number=1).first() or (
        services.version_record_first(plan=plan, effective_date=dt.date(2025, 1, 1))
    )


def version_kwargs(objects: dict) -> dict:
    return {**plan_kwargs(objects), "number": _version(objects).number}


def with_version(objects: dict) -> dict:
    _version(objects)
    return plan_kwargs(objects)


def _change(objects: dict):
    """A draft revision proposing to change ``action`` (led by the owner's minister);
    the same one when asked again."""
    from planmonitor.evaluation.models import Revision, RevisionChange

    _version(objects)
    plan = objects["action"].plan
    revision, _created = Revision.objects.get_or_create(
        plan=plan, status="draft", defaults={"name": "Actualisering 2027"}
    )
    change, _created = RevisionChange.objects.get_or_create(
        revision=revision,
        action=objects["action"],
        defaults={"kind": "change", "values": {"title": "Nieuwe titel"}, "reason": "Reden"},
    )
    return change


def revision_kwargs(objects: dict) -> dict:
    return {**plan_kwargs(objects), "pk": _change(objects).revision_id}


def change_kwargs(objects: dict) -> dict:
    change = _change(objects)
    return {**plan_kwargs(objects), "pk": change.revision_id, "change_pk": change.pk}


# The plan's people (every role but the outsider); the unpublished plan's versions send
# the anonymous visitor to sign in.
PLAN_PEOPLE = answers(200, anonymous=LOGIN, outsider=FORBIDDEN)
NO_POST = answers(NOT_ALLOWED)
# Coordinator and action owners open the change pages (the owner then only for own actions).
PROPOSERS = answers(FORBIDDEN, anonymous=LOGIN, coordinator=200, owner=200, other_owner=200)
# The change on ``action``: the coordinator and its lead owner.
CHANGE_OWNERS = answers(FORBIDDEN, anonymous=LOGIN, coordinator=200, owner=200)
CHANGE_OWNERS_POST = answers(FORBIDDEN, anonymous=LOGIN, coordinator=302, owner=302)

ENTRIES = {
    "evaluation:version_list": Entry(kwargs=plan_kwargs, get=PLAN_PEOPLE, post=NO_POST),
    "evaluation:version_record_first": Entry(
        kwargs=plan_kwargs, get=COORDINATOR_ONLY_PAGE, post=COORDINATOR_ONLY_FORM
    ),
    "evaluation:version_detail": Entry(kwargs=version_kwargs, get=PLAN_PEOPLE, post=NO_POST),
    "evaluation:version_compare": Entry(kwargs=with_version, get=PLAN_PEOPLE, post=NO_POST),
    "evaluation:version_compare_xlsx": Entry(kwargs=with_version, get=PLAN_PEOPLE, post=NO_POST),
    "evaluation:revision_list": Entry(kwargs=with_version, get=PLAN_PEOPLE, post=NO_POST_LOGGED_IN),
    "evaluation:revision_open": Entry(
        kwargs=with_version, get=COORDINATOR_ONLY_PAGE, post=COORDINATOR_ONLY_FORM
    ),
    "evaluation:revision_detail": Entry(
        kwargs=revision_kwargs, get=PLAN_PEOPLE, post=NO_POST_LOGGED_IN
    ),
    "evaluation:revision_change_add": Entry(kwargs=revision_kwargs, get=PROPOSERS, post=PROPOSERS),
    "evaluation:revision_change_edit": Entry(
        kwargs=change_kwargs, get=CHANGE_OWNERS, post=CHANGE_OWNERS
    ),
    "evaluation:revision_change_remove": Entry(
        kwargs=change_kwargs, get=NO_POST_LOGGED_IN, post=CHANGE_OWNERS_POST
    ),
    "evaluation:revision_approve": Entry(
        kwargs=revision_kwargs, get=COORDINATOR_ONLY_PAGE, post=COORDINATOR_ONLY_FORM
    ),
    "evaluation:revision_withdraw": Entry(
        kwargs=revision_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_ONLY_POST
    ),
}
