"""Authorization matrix entries of the REST API (``api:``) and the token pages (``api_tokens:``).

The API ignores the web session: without ``Authorization: Bearer …`` every caller is
anonymous (api/auth.py, ``TokenAuth(optional=True)`` answers ``AnonymousUser``). So a
signed-in role gets the public answer: the matrix's plan is not published, its routes
answer 404 to everyone, and a write without a token is 401 for everyone. What each role
may do with its own token is test_api_matrix.py: the same answers as the web UI.

The token pages are ordinary web pages: one's own tokens for every signed-in person,
a plan's organisation tokens for its coordinators only.
"""

from planmonitor.api.models import ApiToken
from planmonitor.api.tokens import services
from planmonitor.monitoring.tests.matrix_reports import report_kwargs
from planmonitor.plans.models import Organisation
from planmonitor.tests.matrix import (
    COORDINATOR_ONLY_FORM,
    COORDINATOR_ONLY_PAGE,
    COORDINATOR_ONLY_POST,
    LOGGED_IN_PAGE,
    LOGIN,
    NO_POST_LOGGED_IN,
    NOT_ALLOWED,
    NOT_FOUND,
    Entry,
    action_kwargs,
    answers,
    plan_kwargs,
)

UNAUTHORIZED = 401  # a write without a token, whoever is signed in on the web

EVERYONE_200 = answers(200)
EVERYONE_404 = answers(NOT_FOUND)
NO_POST = answers(NOT_ALLOWED)


def api_report_kwargs(objects: dict) -> dict:
    kwargs = report_kwargs(objects)
    return {
        "short_name": kwargs["short_name"],
        "round_id": kwargs["round_pk"],
        "code": kwargs["code"],
    }


def own_token_kwargs(objects: dict) -> dict:
    """A personal token of the owner: only the owner may revoke it, the others may not know it."""
    token, _plain = services.personal_token_create(user=objects["owner"], name="matrix")
    return {"pk": token.pk}


def plan_token_kwargs(objects: dict) -> dict:
    plan = objects["action"].plan
    organisation, _created = Organisation.objects.get_or_create(
        plan=plan, code="MATRIX", defaults={"label": "Matrixorganisatie"}
    )
    token, _plain = services.organisation_token_create(
        organisation=organisation, name="matrix", created_by=objects["owner"]
    )
    assert token.kind == ApiToken.Kind.ORGANISATION
    return {**plan_kwargs(objects), "pk": token.pk}


ENTRIES: dict[str, Entry] = {
    # The schema, its docs and the root (links to both) are public.
    "api:api-root": Entry(get=EVERYONE_200, post=NO_POST),
    "api:openapi-json": Entry(get=EVERYONE_200, post=NO_POST),
    "api:openapi-view": Entry(get=EVERYONE_200, post=NO_POST),
    # Reads: the public answer for every role (the session is not the API's caller).
    "api:plans": Entry(get=EVERYONE_200, post=NO_POST),
    "api:plan": Entry(kwargs=plan_kwargs, get=EVERYONE_404, post=NO_POST),
    "api:actions": Entry(kwargs=plan_kwargs, get=EVERYONE_404, post=NO_POST),
    "api:action": Entry(kwargs=action_kwargs, get=EVERYONE_404, post=NO_POST),
    "api:indicators": Entry(kwargs=plan_kwargs, get=EVERYONE_404, post=NO_POST),
    "api:reports": Entry(kwargs=plan_kwargs, get=EVERYONE_404, post=NO_POST),
    "api:values": Entry(kwargs=plan_kwargs, get=EVERYONE_404, post=NO_POST),
    "api:report": Entry(kwargs=api_report_kwargs, get=EVERYONE_404, post=NO_POST),
    # Writes: PATCH (the report's URL, so GET reads it), PUT values, POST submit.
    "api:report_update": Entry(kwargs=api_report_kwargs, get=EVERYONE_404, post=NO_POST),
    "api:report_values": Entry(kwargs=api_report_kwargs, get=NO_POST, post=NO_POST),
    "api:report_submit": Entry(kwargs=api_report_kwargs, get=NO_POST, post=answers(UNAUTHORIZED)),
    # One's own tokens: every signed-in person; an empty form comes back with its errors.
    "api_tokens:own_tokens": Entry(get=LOGGED_IN_PAGE, post=NO_POST_LOGGED_IN),
    "api_tokens:own_token_create": Entry(get=NO_POST_LOGGED_IN, post=LOGGED_IN_PAGE),
    "api_tokens:own_token_revoke": Entry(
        kwargs=own_token_kwargs,
        get=NO_POST_LOGGED_IN,
        post=answers(NOT_FOUND, anonymous=LOGIN, owner=302),
    ),
    # A plan's organisation tokens: its coordinators.
    "api_tokens:plan_tokens": Entry(
        kwargs=plan_kwargs, get=COORDINATOR_ONLY_PAGE, post=NO_POST_LOGGED_IN
    ),
    "api_tokens:plan_token_create": Entry(
        kwargs=plan_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_ONLY_FORM
    ),
    "api_tokens:plan_token_revoke": Entry(
        kwargs=plan_token_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_ONLY_POST
    ),
}
