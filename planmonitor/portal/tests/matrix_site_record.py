"""Authorization matrix entries of the public site's record pages.

Public pages need no account and are the same for everyone. The matrix's plan is not
published, so every page of it is not found, for every role (a preview is a session the
coordinator starts, not a right of the role); the statements answer everyone. The pages
only read: a POST is refused (405) for everyone."""

from planmonitor.tests.matrix import NOT_ALLOWED, NOT_FOUND, Entry, answers, plan_kwargs

EVERYONE_NOT_FOUND = answers(NOT_FOUND)
EVERYONE = answers(200)
NO_POST = answers(NOT_ALLOWED)


def round_kwargs(objects: dict) -> dict:
    return {**plan_kwargs(objects), "pk": objects["round"].pk}


def version_kwargs(objects: dict) -> dict:
    return {**plan_kwargs(objects), "number": 1}


def evaluation_kwargs(objects: dict) -> dict:
    return {**plan_kwargs(objects), "pk": 1}


ENTRIES: dict[str, Entry] = {
    "portal:round": Entry(kwargs=round_kwargs, get=EVERYONE_NOT_FOUND, post=NO_POST),
    "portal:decisions": Entry(kwargs=plan_kwargs, get=EVERYONE_NOT_FOUND, post=NO_POST),
    "portal:versions": Entry(kwargs=plan_kwargs, get=EVERYONE_NOT_FOUND, post=NO_POST),
    "portal:version": Entry(kwargs=version_kwargs, get=EVERYONE_NOT_FOUND, post=NO_POST),
    "portal:evaluations": Entry(kwargs=plan_kwargs, get=EVERYONE_NOT_FOUND, post=NO_POST),
    "portal:evaluation_download": Entry(
        kwargs=evaluation_kwargs, get=EVERYONE_NOT_FOUND, post=NO_POST
    ),
    "portal:feed_atom": Entry(kwargs=plan_kwargs, get=EVERYONE_NOT_FOUND, post=NO_POST),
    "portal:feed_rss": Entry(kwargs=plan_kwargs, get=EVERYONE_NOT_FOUND, post=NO_POST),
    "portal:accessibility": Entry(get=EVERYONE, post=NO_POST),
    "portal:privacy": Entry(get=EVERYONE, post=NO_POST),
}
